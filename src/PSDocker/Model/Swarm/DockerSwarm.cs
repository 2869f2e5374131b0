using System;

namespace PSDocker.Model
{
    /// <summary>The swarm an engine manages, as <c>docker swarm join-token</c> and <c>docker info</c> show it.</summary>
    public sealed class DockerSwarm : DockerObject
    {
        /// <summary>The swarm's id (the cluster id).</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The id of the node this engine is in the swarm.</summary>
        public string NodeId { get; internal set; } = string.Empty;

        /// <summary>The address other nodes reach this manager at (host:port).</summary>
        public string NodeAddress { get; internal set; } = string.Empty;

        /// <summary>The tokens that join a node as a worker or as a manager. They are secrets: keep them out of logs.</summary>
        public DockerSwarmJoinTokens JoinTokens { get; internal set; } = new DockerSwarmJoinTokens();

        /// <summary>Whether managers lock their keys at rest (Update-DockerSwarm -Autolock); a restarted manager then waits for Unlock-DockerSwarm.</summary>
        public bool Autolock { get; internal set; }

        /// <summary>How many finished tasks per slot the swarm keeps in its history.</summary>
        public long TaskHistoryLimit { get; internal set; }

        /// <summary>How long node certificates are valid.</summary>
        public TimeSpan? CertificateExpiry { get; internal set; }

        /// <summary>The UDP port of the data path (VXLAN), 4789 unless set at init.</summary>
        public long DataPathPort { get; internal set; }

        /// <summary>The address pools overlay networks get their subnets from.</summary>
        public string[] DefaultAddressPool { get; internal set; } = Array.Empty<string>();

        /// <summary>The size (prefix length) of each overlay subnet taken from the pools.</summary>
        public long SubnetSize { get; internal set; }

        /// <summary>The number of nodes and of managers the swarm has.</summary>
        public long Nodes { get; internal set; }

        /// <summary>The number of managers.</summary>
        public long Managers { get; internal set; }

        /// <summary>The swarm's version index (changes with every update).</summary>
        public ulong Version { get; internal set; }

        /// <summary>When the swarm was made, in local time.</summary>
        public DateTime? Created { get; internal set; }

        /// <summary>When it was last updated, in local time.</summary>
        public DateTime? Updated { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => Id;
    }

    /// <summary>The tokens that join a node to a swarm (docker swarm join-token).</summary>
    public sealed class DockerSwarmJoinTokens
    {
        /// <summary>Joins a node as a worker.</summary>
        public string Worker { get; internal set; } = string.Empty;

        /// <summary>Joins a node as a manager.</summary>
        public string Manager { get; internal set; } = string.Empty;

        /// <summary>Never the tokens themselves, so that printing the object does not leak them.</summary>
        public override string ToString() => "(Worker, Manager)";
    }
}
