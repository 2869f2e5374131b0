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

namespace PSDocker.Model
{
    /// <summary>
    /// A line a container's program wrote to standard error (Invoke-DockerContainer, Invoke-DockerContainerCommand):
    /// the error ContainerStandardError. Its own type so that its view shows the line alone, in the error color, as
    /// pwsh shows a native command's standard error, at the console and with 2>file alike.
    /// </summary>
    public sealed class DockerStandardErrorRecord : System.Management.Automation.ErrorRecord
    {
        internal DockerStandardErrorRecord(string line, object? target)
            : base(new System.Management.Automation.RemoteException(line), "ContainerStandardError", System.Management.Automation.ErrorCategory.NotSpecified, target)
        {
        }
    }
}
