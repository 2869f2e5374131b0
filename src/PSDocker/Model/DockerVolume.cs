using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>A volume as <c>docker volume ls</c> and <c>docker volume inspect</c> show it.</summary>
    public sealed class DockerVolume : DockerObject
    {
        /// <summary>The volume's name (a random hex name for anonymous volumes).</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The volume driver, usually local.</summary>
        public string Driver { get; internal set; } = string.Empty;

        /// <summary>Where the driver keeps the volume's data on the engine's host.</summary>
        public string Mountpoint { get; internal set; } = string.Empty;

        /// <summary>local (this engine) or global (the whole swarm).</summary>
        public string Scope { get; internal set; } = string.Empty;

        /// <summary>When the volume was created, in local time (null when the driver does not say).</summary>
        public DateTime? Created { get; internal set; }

        /// <summary>The volume's labels.</summary>
        public IReadOnlyDictionary<string, string> Labels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The driver options the volume was created with (docker volume create --opt).</summary>
        public IReadOnlyDictionary<string, string> Options { get; internal set; } = new Dictionary<string, string>();

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
