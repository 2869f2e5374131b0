using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>What Clear-DockerSystem removed and how much space that freed.</summary>
    public sealed class DockerPruneResult : DockerObject
    {
        /// <summary>Everything removed, in the order it was removed.</summary>
        public IReadOnlyList<DockerPruneItem> Removed { get; internal set; } = Array.Empty<DockerPruneItem>();

        /// <summary>Ids of the removed containers.</summary>
        public IReadOnlyList<string> ContainersDeleted { get; internal set; } = Array.Empty<string>();

        /// <summary>Ids of the removed images.</summary>
        public IReadOnlyList<string> ImagesDeleted { get; internal set; } = Array.Empty<string>();

        /// <summary>Names of the removed networks.</summary>
        public IReadOnlyList<string> NetworksDeleted { get; internal set; } = Array.Empty<string>();

        /// <summary>Names of the removed volumes.</summary>
        public IReadOnlyList<string> VolumesDeleted { get; internal set; } = Array.Empty<string>();

        /// <summary>Bytes freed: the sizes docker system df gave the removed objects when they were listed.</summary>
        public long SpaceReclaimed { get; internal set; }
    }

    /// <summary>One object Clear-DockerSystem removed.</summary>
    public sealed class DockerPruneItem
    {
        internal DockerPruneItem(string type, string id, string name, long? size)
        {
            Type = type;
            Id = id;
            Name = name;
            Size = size;
        }

        /// <summary>Container, Image, Network or Volume.</summary>
        public string Type { get; }

        /// <summary>The object's id (a volume's name).</summary>
        public string Id { get; }

        /// <summary>The object's name, or a short id when it has none.</summary>
        public string Name { get; }

        /// <summary>Bytes it took, as docker system df measured it; null when unknown (networks take none).</summary>
        public long? Size { get; }

        /// <inheritdoc/>
        public override string ToString() => Type + " " + Name;
    }
}
