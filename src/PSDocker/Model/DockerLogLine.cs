using System;

namespace PSDocker.Model
{
    /// <summary>One line of a container's log (Get-DockerContainerLog).</summary>
    public sealed class DockerLogLine : DockerObject
    {
        /// <summary>The container's id.</summary>
        public string ContainerId { get; internal set; } = string.Empty;

        /// <summary>The container as it was named.</summary>
        public string Container { get; internal set; } = string.Empty;

        /// <summary>stdout or stderr.</summary>
        public string Stream { get; internal set; } = "stdout";

        /// <summary>When the engine logged the line, in local time.</summary>
        public DateTime Timestamp { get; internal set; }

        /// <summary>The text, without its line ending.</summary>
        public string Line { get; internal set; } = string.Empty;

        /// <inheritdoc/>
        public override string ToString() => Line;
    }
}
