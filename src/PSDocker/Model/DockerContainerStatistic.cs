using System;

namespace PSDocker.Model
{
    /// <summary>
    /// One resource-usage sample of a container (<c>Get-DockerContainerStatistic</c>, docker stats), computed the
    /// way the docker CLI computes its columns.
    /// </summary>
    public sealed class DockerContainerStatistic : DockerObject
    {
        /// <summary>The container's name.</summary>
        public string Container { get; internal set; } = string.Empty;

        /// <summary>The full container id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>CPU use in percent of one CPU (200 means two CPUs busy), between this sample and the one before it.</summary>
        public double CpuPercent { get; internal set; }

        /// <summary>Memory in use in bytes, without the page cache the kernel may reclaim (inactive file pages).</summary>
        public long MemoryUsage { get; internal set; }

        /// <summary>The memory the container may use in bytes: its limit, else the host's memory.</summary>
        public long MemoryLimit { get; internal set; }

        /// <summary><see cref="MemoryUsage"/> in percent of <see cref="MemoryLimit"/>.</summary>
        public double MemoryPercent { get; internal set; }

        /// <summary>Bytes received on all the container's networks.</summary>
        public long NetworkRxBytes { get; internal set; }

        /// <summary>Bytes sent on all the container's networks.</summary>
        public long NetworkTxBytes { get; internal set; }

        /// <summary>Bytes read from block devices.</summary>
        public long BlockReadBytes { get; internal set; }

        /// <summary>Bytes written to block devices.</summary>
        public long BlockWriteBytes { get; internal set; }

        /// <summary>Processes and threads in the container.</summary>
        public long Pids { get; internal set; }

        /// <summary>When the engine took the sample, in local time (null for a container that is not running).</summary>
        public DateTime? Read { get; internal set; }

        /// <summary>The first 12 characters of the id.</summary>
        public string ShortId => Id.Length > 12 ? Id.Substring(0, 12) : Id;

        /// <inheritdoc/>
        public override string ToString() => Container.Length > 0 ? Container : ShortId;
    }
}
