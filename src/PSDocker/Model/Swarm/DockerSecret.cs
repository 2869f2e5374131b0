using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>A swarm secret, as <c>docker secret ls</c> and <c>docker secret inspect</c> show it: never its value, which the engine does not give back.</summary>
    public sealed class DockerSecret : DockerObject
    {
        /// <summary>The secret's id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The secret's name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The secret driver, empty for the swarm's own store.</summary>
        public string Driver { get; internal set; } = string.Empty;

        /// <summary>The secret's labels.</summary>
        public IReadOnlyDictionary<string, string> Labels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The secret's version index.</summary>
        public ulong Version { get; internal set; }

        /// <summary>When the secret was made, in local time.</summary>
        public DateTime? Created { get; internal set; }

        /// <summary>When it was last updated, in local time.</summary>
        public DateTime? Updated { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
