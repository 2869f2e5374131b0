using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.SystemCommands
{
    /// <summary>docker info: what the engine is and holds.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerInfo")]
    [OutputType(typeof(DockerSystemInfo))]
    public sealed class GetDockerInfoCommand : DockerCmdlet
    {
        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            var info = Call(session, "DockerInfo", endpoint.Host, ct => session.Client.System.GetSystemInfoAsync(ct));

            var driverStatus = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in info.DriverStatus ?? Enumerable.Empty<string[]>())
            {
                if (pair != null && pair.Length == 2)
                {
                    driverStatus[pair[0]] = pair[1];
                }
            }

            var insecure = new List<string>(info.RegistryConfig?.InsecureRegistryCIDRs ?? Enumerable.Empty<string>());
            if (info.RegistryConfig?.IndexConfigs != null)
            {
                // Insecure registries named by host appear as index configs with Secure=false.
                insecure.AddRange(info.RegistryConfig.IndexConfigs.Values.Where(i => i != null && !i.Secure).Select(i => i.Name));
            }

            WriteObject(DockerEndpoint.Stamp(new DockerSystemInfo
            {
                Name = info.Name,
                Id = info.ID,
                ServerVersion = info.ServerVersion,
                Containers = info.Containers,
                ContainersRunning = info.ContainersRunning,
                ContainersPaused = info.ContainersPaused,
                ContainersStopped = info.ContainersStopped,
                Images = info.Images,
                StorageDriver = info.Driver,
                StorageDriverStatus = driverStatus,
                LoggingDriver = info.LoggingDriver,
                CgroupDriver = info.CgroupDriver,
                CgroupVersion = info.CgroupVersion,
                OperatingSystem = info.OperatingSystem,
                OSVersion = info.OSVersion,
                OSType = info.OSType,
                Architecture = info.Architecture,
                KernelVersion = info.KernelVersion,
                Cpus = info.NCPU,
                MemoryBytes = info.MemTotal,
                DockerRootDir = info.DockerRootDir,
                SwarmState = info.Swarm?.LocalNodeState ?? string.Empty,
                SwarmNodeId = string.IsNullOrEmpty(info.Swarm?.NodeID) ? null : info.Swarm!.NodeID,
                SwarmManager = info.Swarm?.ControlAvailable == true,
                IndexServerAddress = info.IndexServerAddress,
                InsecureRegistries = insecure.Distinct(StringComparer.Ordinal).ToArray(),
                RegistryMirrors = (info.RegistryConfig?.Mirrors ?? new List<string>()).ToArray(),
                Runtimes = (info.Runtimes?.Keys ?? (ICollection<string>)Array.Empty<string>()).OrderBy(r => r, StringComparer.Ordinal).ToArray(),
                DefaultRuntime = info.DefaultRuntime,
                SecurityOptions = (info.SecurityOptions ?? new List<string>()).ToArray(),
                Labels = (info.Labels ?? new List<string>()).ToArray(),
                LiveRestoreEnabled = info.LiveRestoreEnabled,
                Debug = info.Debug,
                HttpProxy = NullIfEmpty(info.HTTPProxy),
                HttpsProxy = NullIfEmpty(info.HTTPSProxy),
                NoProxy = NullIfEmpty(info.NoProxy),
                Warnings = (info.Warnings ?? new List<string>()).ToArray(),
            }, endpoint));
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
