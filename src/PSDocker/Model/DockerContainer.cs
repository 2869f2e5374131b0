using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>A container as <c>docker ps</c> lists it. <c>Get-DockerContainer -Inspect</c> gives the full <see cref="DockerContainerDetail"/>.</summary>
    public sealed class DockerContainer : DockerObject
    {
        /// <summary>The full container id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The container's name (without docker's leading slash).</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>All the names the engine lists for it, including link aliases.</summary>
        public IReadOnlyList<string> Names { get; internal set; } = Array.Empty<string>();

        /// <summary>The image as the container was created from it (name or id).</summary>
        public string Image { get; internal set; } = string.Empty;

        /// <summary>The image's id (sha256:…).</summary>
        public string ImageId { get; internal set; } = string.Empty;

        /// <summary>The command the container runs.</summary>
        public string Command { get; internal set; } = string.Empty;

        /// <summary>When the container was created, in local time.</summary>
        public DateTime Created { get; internal set; }

        /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
        public string State { get; internal set; } = string.Empty;

        /// <summary>The engine's status text, e.g. "Up 5 minutes" or "Exited (0) 2 hours ago".</summary>
        public string Status { get; internal set; } = string.Empty;

        /// <summary>Published and exposed ports.</summary>
        public IReadOnlyList<DockerPort> Ports { get; internal set; } = Array.Empty<DockerPort>();

        /// <summary>The container's labels.</summary>
        public IReadOnlyDictionary<string, string> Labels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>Networks the container is attached to.</summary>
        public IReadOnlyList<string> Networks { get; internal set; } = Array.Empty<string>();

        /// <summary>Bytes written to the container's own layer (with -Size).</summary>
        public long? SizeRw { get; internal set; }

        /// <summary>Bytes of the container's whole file system (with -Size).</summary>
        public long? SizeRootFs { get; internal set; }

        /// <summary>The first 12 characters of the id, as docker ps shows it.</summary>
        public string ShortId => Id.Length > 12 ? Id.Substring(0, 12) : Id;

        /// <inheritdoc/>
        public override string ToString() => Name.Length > 0 ? Name : ShortId;
    }
}
