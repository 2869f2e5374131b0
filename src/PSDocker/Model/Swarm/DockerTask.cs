using System;

namespace PSDocker.Model
{
    /// <summary>A task of a swarm service (one container's slot), as <c>docker service ps</c> shows it.</summary>
    public sealed class DockerTask : DockerObject
    {
        /// <summary>The task's id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>service.slot (replicated) or service.node id (global), as docker service ps names tasks.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The id of the task's service.</summary>
        public string ServiceId { get; internal set; } = string.Empty;

        /// <summary>The name of the task's service.</summary>
        public string ServiceName { get; internal set; } = string.Empty;

        /// <summary>The replica slot (replicated services); 0 for global ones.</summary>
        public long Slot { get; internal set; }

        /// <summary>The id of the node the task was given to (empty while unassigned).</summary>
        public string NodeId { get; internal set; } = string.Empty;

        /// <summary>The host name of that node.</summary>
        public string NodeName { get; internal set; } = string.Empty;

        /// <summary>The image the task runs.</summary>
        public string Image { get; internal set; } = string.Empty;

        /// <summary>The state the swarm wants the task in (running, shutdown, ...).</summary>
        public string DesiredState { get; internal set; } = string.Empty;

        /// <summary>The task's current state (new, pending, preparing, starting, running, complete, failed, shutdown, rejected, ...).</summary>
        public string State { get; internal set; } = string.Empty;

        /// <summary>When the task entered its current state, in local time.</summary>
        public DateTime? StateSince { get; internal set; }

        /// <summary>Why the task failed or was rejected, if it was.</summary>
        public string Error { get; internal set; } = string.Empty;

        /// <summary>The engine's message about the current state.</summary>
        public string Message { get; internal set; } = string.Empty;

        /// <summary>The id of the task's container on its node, once it has one.</summary>
        public string ContainerId { get; internal set; } = string.Empty;

        /// <summary>The exit code of the task's container, once it has ended.</summary>
        public long? ExitCode { get; internal set; }

        /// <summary>When the task was made, in local time.</summary>
        public DateTime? Created { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
