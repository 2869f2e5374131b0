using System;

namespace PSDocker.Model
{
    /// <summary>One line a service's task wrote, with the task and node it came from (docker service logs).</summary>
    public sealed class DockerServiceLogLine : DockerObject
    {
        /// <summary>The service's name.</summary>
        public string Service { get; internal set; } = string.Empty;

        /// <summary>The task's name (service.slot), as the CLI's prefix shows it.</summary>
        public string Task { get; internal set; } = string.Empty;

        /// <summary>The task's id.</summary>
        public string TaskId { get; internal set; } = string.Empty;

        /// <summary>The id of the node the task ran on.</summary>
        public string NodeId { get; internal set; } = string.Empty;

        /// <summary>The host name of that node.</summary>
        public string NodeName { get; internal set; } = string.Empty;

        /// <summary>stdout or stderr.</summary>
        public string Stream { get; internal set; } = "stdout";

        /// <summary>When the line was written, in local time.</summary>
        public DateTime Timestamp { get; internal set; }

        /// <summary>The line, without its line end.</summary>
        public string Line { get; internal set; } = string.Empty;

        /// <inheritdoc/>
        public override string ToString() => Line;
    }
}
