using System;

namespace PSDocker.Model
{
    /// <summary>A file or folder inside a container (what <c>Copy-DockerContainerItem -ToContainer -PassThru</c> wrote).</summary>
    public sealed class DockerContainerItem : DockerObject
    {
        /// <summary>The container's name (or id, as named).</summary>
        public string Container { get; internal set; } = string.Empty;

        /// <summary>The absolute path in the container.</summary>
        public string Path { get; internal set; } = string.Empty;

        /// <summary>The last path element.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>Whether it is a directory.</summary>
        public bool IsDirectory { get; internal set; }

        /// <summary>Size in bytes (as the engine reports it for directories).</summary>
        public long Size { get; internal set; }

        /// <summary>Type and permissions as ls -l prints them, e.g. -rwxr-xr-x.</summary>
        public string Mode { get; internal set; } = string.Empty;

        /// <summary>When it was last written, in local time.</summary>
        public DateTime LastWriteTime { get; internal set; }

        /// <summary>The target of a symbolic link, else null.</summary>
        public string? LinkTarget { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => Container + ":" + Path;
    }
}
