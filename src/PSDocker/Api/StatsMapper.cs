using System;
using System.Collections.Generic;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Api
{
    /// <summary>
    /// Turns one stats sample into a <see cref="DockerContainerStatistic"/> with the docker CLI's own arithmetic
    /// (cli/command/container/stats_helpers.go), so both tools show the same numbers.
    /// </summary>
    internal static class StatsMapper
    {
        public static DockerContainerStatistic FromSample(ContainerStatsResponse sample, string? engineOs, string fallbackName, string fallbackId, DockerEndpoint endpoint)
        {
            var windows = string.Equals(string.IsNullOrEmpty(sample.OSType) ? engineOs : sample.OSType, "windows", StringComparison.OrdinalIgnoreCase);
            var (rx, tx) = Network(sample.Networks);
            var memoryStats = sample.MemoryStats ?? new MemoryStats();
            var result = new DockerContainerStatistic
            {
                Container = string.IsNullOrEmpty(sample.Name) ? fallbackName : ContainerMapper.TrimName(sample.Name),
                Id = string.IsNullOrEmpty(sample.ID) ? fallbackId : sample.ID!,
                NetworkRxBytes = rx,
                NetworkTxBytes = tx,
                Read = sample.Read.Year <= 1 ? (DateTime?)null : ContainerMapper.ToLocal(sample.Read),
            };

            if (windows)
            {
                result.CpuPercent = CpuPercentWindows(sample);
                result.MemoryUsage = Clamp(memoryStats.PrivateWorkingSet ?? 0);
                result.BlockReadBytes = Clamp(sample.StorageStats?.ReadSizeBytes ?? 0);
                result.BlockWriteBytes = Clamp(sample.StorageStats?.WriteSizeBytes ?? 0);
            }
            else
            {
                var used = MemoryUsageWithoutCache(memoryStats);
                var limit = memoryStats.Limit ?? 0;
                var (read, write) = BlockIo(sample.BlkioStats);
                result.CpuPercent = CpuPercentUnix(sample.PreCPUStats, sample.CPUStats);
                result.MemoryUsage = Clamp(used);
                result.MemoryLimit = Clamp(limit);
                result.MemoryPercent = limit != 0 ? (double)used / limit * 100.0 : 0;
                result.BlockReadBytes = Clamp(read);
                result.BlockWriteBytes = Clamp(write);
                result.Pids = Clamp(sample.PidsStats?.Current ?? 0);
            }

            return DockerEndpoint.Stamp(result, endpoint);
        }

        /// <summary>
        /// The container's share of the host's CPU time between the two readings, times the CPUs online: 100 per busy
        /// CPU. Zero when either delta is not positive (the first reading of a stream has no previous one to compare).
        /// </summary>
        internal static double CpuPercentUnix(CPUStats? previous, CPUStats? current)
        {
            if (current is null)
            {
                return 0;
            }

            double cpuDelta = (double)(current.CPUUsage?.TotalUsage ?? 0) - (previous?.CPUUsage?.TotalUsage ?? 0);
            double systemDelta = (double)(current.SystemUsage ?? 0) - (previous?.SystemUsage ?? 0);
            double online = current.OnlineCPUs ?? 0;
            if (online == 0)
            {
                online = current.CPUUsage?.PercpuUsage?.Count ?? 0;
            }

            return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * online * 100.0 : 0;
        }

        private static double CpuPercentWindows(ContainerStatsResponse sample)
        {
            // 100 ns intervals the processors had between the readings.
            var ticks = (sample.Read - sample.PreRead).Ticks;
            if (ticks <= 0 || sample.NumProcs == 0)
            {
                return 0;
            }

            var possible = (double)ticks * sample.NumProcs;
            var used = (double)(sample.CPUStats?.CPUUsage?.TotalUsage ?? 0) - (sample.PreCPUStats?.CPUUsage?.TotalUsage ?? 0);
            return used / possible * 100.0;
        }

        /// <summary>Usage minus inactive file pages: cgroup v1 reports total_inactive_file, v2 inactive_file.</summary>
        internal static ulong MemoryUsageWithoutCache(MemoryStats memory)
        {
            var usage = memory.Usage ?? 0;
            var stats = memory.Stats;
            if (stats != null && stats.TryGetValue("total_inactive_file", out var v1) && v1 < usage)
            {
                return usage - v1;
            }

            ulong v2 = 0;
            if (stats != null)
            {
                stats.TryGetValue("inactive_file", out v2);
            }

            return v2 < usage ? usage - v2 : usage;
        }

        private static (ulong Read, ulong Write) BlockIo(BlkioStats? blkio)
        {
            ulong read = 0, write = 0;
            foreach (var entry in blkio?.IoServiceBytesRecursive ?? (IList<BlkioStatEntry>)Array.Empty<BlkioStatEntry>())
            {
                if (string.IsNullOrEmpty(entry.Op))
                {
                    continue;
                }

                switch (entry.Op[0])
                {
                    case 'r':
                    case 'R':
                        read += entry.Value;
                        break;
                    case 'w':
                    case 'W':
                        write += entry.Value;
                        break;
                }
            }

            return (read, write);
        }

        private static (long Rx, long Tx) Network(IDictionary<string, NetworkStats>? networks)
        {
            ulong rx = 0, tx = 0;
            foreach (var network in networks ?? new Dictionary<string, NetworkStats>())
            {
                rx += network.Value?.RxBytes ?? 0;
                tx += network.Value?.TxBytes ?? 0;
            }

            return (Clamp(rx), Clamp(tx));
        }

        private static long Clamp(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
    }
}
