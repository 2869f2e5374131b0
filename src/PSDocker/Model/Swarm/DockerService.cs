using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>A swarm service, as <c>docker service ls</c> and <c>docker service inspect</c> show it.</summary>
    public sealed class DockerService : DockerObject
    {
        /// <summary>The service's id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The service's name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>replicated or global (replicated-job and global-job for jobs).</summary>
        public string Mode { get; internal set; } = string.Empty;

        /// <summary>Running tasks / desired tasks, as docker service ls shows them (e.g. 3/4).</summary>
        public string Replicas { get; internal set; } = string.Empty;

        /// <summary>The number of tasks running now.</summary>
        public long RunningTasks { get; internal set; }

        /// <summary>The number of tasks the service should have running.</summary>
        public long DesiredTasks { get; internal set; }

        /// <summary>The image the tasks run (with the digest the swarm pinned, if any).</summary>
        public string Image { get; internal set; } = string.Empty;

        /// <summary>The command (entrypoint) the tasks run instead of the image's, if set.</summary>
        public string[] Command { get; internal set; } = Array.Empty<string>();

        /// <summary>The arguments of the command.</summary>
        public string[] Arguments { get; internal set; } = Array.Empty<string>();

        /// <summary>The environment of the tasks, KEY=value.</summary>
        public string[] Environment { get; internal set; } = Array.Empty<string>();

        /// <summary>Published ports, as docker service ls shows them (*:8080->80/tcp).</summary>
        public string Ports { get; internal set; } = string.Empty;

        /// <summary>The networks the tasks are attached to (names where known, else ids).</summary>
        public string[] Networks { get; internal set; } = Array.Empty<string>();

        /// <summary>Placement constraints (node.role==manager, node.labels.zone==a, ...).</summary>
        public string[] Constraints { get; internal set; } = Array.Empty<string>();

        /// <summary>The names of the secrets the tasks get under /run/secrets.</summary>
        public string[] Secrets { get; internal set; } = Array.Empty<string>();

        /// <summary>The names of the configs the tasks get.</summary>
        public string[] Configs { get; internal set; } = Array.Empty<string>();

        /// <summary>When a task is restarted: none, on-failure or any.</summary>
        public string RestartCondition { get; internal set; } = string.Empty;

        /// <summary>The state of the last update or rollback (updating, completed, paused, rollback_started, rollback_completed, ...), empty if none ran.</summary>
        public string UpdateState { get; internal set; } = string.Empty;

        /// <summary>What the engine said about the last update or rollback.</summary>
        public string UpdateMessage { get; internal set; } = string.Empty;

        /// <summary>The service's labels.</summary>
        public IReadOnlyDictionary<string, string> Labels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The service's version index, which an update names (Update-DockerService does it for you).</summary>
        public ulong Version { get; internal set; }

        /// <summary>When the service was made, in local time.</summary>
        public DateTime? Created { get; internal set; }

        /// <summary>When it was last updated, in local time.</summary>
        public DateTime? Updated { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
