using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>A node of the swarm, as <c>docker node ls</c> and <c>docker node inspect</c> show it.</summary>
    public sealed class DockerNode : DockerObject
    {
        /// <summary>The node's id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The node's name, if it was given one (docker node update does not set it; the engine's spec may).</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The host name of the node's machine (not unique: two engines on one machine share it).</summary>
        public string Hostname { get; internal set; } = string.Empty;

        /// <summary>Whether this is the node of the engine that answered (the CLI's '*').</summary>
        public bool Self { get; internal set; }

        /// <summary>Ready, Down, Unknown or Disconnected.</summary>
        public string Status { get; internal set; } = string.Empty;

        /// <summary>Active, Pause or Drain: whether the scheduler gives the node tasks.</summary>
        public string Availability { get; internal set; } = string.Empty;

        /// <summary>Manager or Worker.</summary>
        public string Role { get; internal set; } = string.Empty;

        /// <summary>For managers: Leader, Reachable or Unreachable; empty for workers.</summary>
        public string ManagerStatus { get; internal set; } = string.Empty;

        /// <summary>The version of the node's engine.</summary>
        public string EngineVersion { get; internal set; } = string.Empty;

        /// <summary>The node's address as the swarm sees it.</summary>
        public string Address { get; internal set; } = string.Empty;

        /// <summary>The node's labels (Update-DockerNode -Label), which placement constraints read as node.labels.KEY.</summary>
        public IReadOnlyDictionary<string, string> Labels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The engine's own labels (dockerd --label), read by constraints as engine.labels.KEY.</summary>
        public IReadOnlyDictionary<string, string> EngineLabels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>os/architecture of the node.</summary>
        public string Platform { get; internal set; } = string.Empty;

        /// <summary>The CPUs the node offers.</summary>
        public double Cpus { get; internal set; }

        /// <summary>The memory the node offers, in bytes.</summary>
        public long MemoryBytes { get; internal set; }

        /// <summary>The node's version index, which an update must name (Update-DockerNode does it for you).</summary>
        public ulong Version { get; internal set; }

        /// <summary>When the node joined, in local time.</summary>
        public DateTime? Created { get; internal set; }

        /// <summary>When the node was last updated, in local time.</summary>
        public DateTime? Updated { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => Id;
    }
}
