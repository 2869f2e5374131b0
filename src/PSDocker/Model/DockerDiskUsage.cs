using System;

namespace PSDocker.Model
{
    /// <summary>One line of <c>docker system df</c>: how much space one kind of object takes.</summary>
    public sealed class DockerDiskUsage : DockerObject
    {
        /// <summary>Images, Containers, Local Volumes or Build Cache.</summary>
        public string Type { get; internal set; } = string.Empty;

        /// <summary>Image, Container, Volume or BuildCache: the -Type value that selects this line.</summary>
        internal string Kind { get; set; } = string.Empty;

        /// <summary>How many there are.</summary>
        public long TotalCount { get; internal set; }

        /// <summary>How many are in use: images with containers, running containers, volumes mounted by a container, build cache in use.</summary>
        public long Active { get; internal set; }

        /// <summary>Bytes they take.</summary>
        public long Size { get; internal set; }

        /// <summary>Bytes that removing what is not in use would free.</summary>
        public long Reclaimable { get; internal set; }

        /// <summary>Reclaimable as a share of Size, in whole percent (docker's rounding down).</summary>
        public int ReclaimablePercent => Size > 0 ? (int)(Reclaimable * 100 / Size) : 0;
    }

    /// <summary>One object in the detail of <c>docker system df -v</c>.</summary>
    public sealed class DockerDiskUsageItem : DockerObject
    {
        /// <summary>Image, Container, Volume or BuildCache.</summary>
        public string Type { get; internal set; } = string.Empty;

        /// <summary>The object's id (a volume's name).</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>A name for people: repository:tag, container name, volume name, build cache description.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>Bytes the object takes: an image's full size, a container's writable layer, a volume's content, a cache record.</summary>
        public long? Size { get; internal set; }

        /// <summary>Images: bytes shared with other images.</summary>
        public long? SharedSize { get; internal set; }

        /// <summary>Images: bytes that only this image holds (Size - SharedSize).</summary>
        public long? UniqueSize => Size is long size && SharedSize is long shared && shared >= 0 ? size - shared : (long?)null;

        /// <summary>How many containers use it (images, volumes), or how often it was used (build cache).</summary>
        public long? UsedBy { get; internal set; }

        /// <summary>Whether it is in use: images and volumes with containers, running containers, build cache in use.</summary>
        public bool InUse { get; internal set; }

        /// <summary>When it was created, in local time.</summary>
        public DateTime? Created { get; internal set; }

        /// <summary>Containers: the state (running, exited, …); build cache: the record type.</summary>
        public string? Status { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => Name.Length > 0 ? Name : Id;
    }
}
