using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>A swarm config, as <c>docker config ls</c> and <c>docker config inspect</c> show it; configs are not secret, so the data is here.</summary>
    public sealed class DockerConfig : DockerObject
    {
        /// <summary>The config's id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The config's name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The config's data as UTF-8 text (see Data for the bytes).</summary>
        public string Text { get; internal set; } = string.Empty;

        /// <summary>The config's data.</summary>
        public byte[] Data { get; internal set; } = Array.Empty<byte>();

        /// <summary>The config's labels.</summary>
        public IReadOnlyDictionary<string, string> Labels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The config's version index.</summary>
        public ulong Version { get; internal set; }

        /// <summary>When the config was made, in local time.</summary>
        public DateTime? Created { get; internal set; }

        /// <summary>When it was last updated, in local time.</summary>
        public DateTime? Updated { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
