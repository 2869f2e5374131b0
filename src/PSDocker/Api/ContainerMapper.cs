using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Api
{
    /// <summary>Maps the client library's container models to ours; nothing else sees theirs.</summary>
    internal static class ContainerMapper
    {
        public static DockerContainer FromList(ContainerListResponse c, DockerEndpoint endpoint)
        {
            var names = (c.Names ?? new List<string>()).Select(TrimName).ToArray();
            return DockerEndpoint.Stamp(new DockerContainer
            {
                Id = c.ID,
                Name = PrimaryName(c.Names) ?? names.FirstOrDefault() ?? string.Empty,
                Names = names,
                Image = c.Image,
                ImageId = c.ImageID,
                Command = c.Command,
                Created = ToLocal(c.Created),
                State = c.State,
                Status = c.Status,
                Ports = (c.Ports ?? new List<PortSummary>())
                    .Select(p => new DockerPort(p.IP, p.PublicPort, p.PrivatePort, p.Type))
                    .OrderBy(p => p.ContainerPort).ThenBy(p => p.Protocol, StringComparer.Ordinal).ThenBy(p => p.HostIp, StringComparer.Ordinal)
                    .ToArray(),
                Labels = Copy(c.Labels),
                Networks = c.NetworkSettings?.Networks?.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>(),
                SizeRw = c.SizeRw,
                SizeRootFs = c.SizeRootFs,
            }, endpoint);
        }

        public static DockerContainerDetail FromInspect(ContainerInspectResponse c, DockerEndpoint endpoint)
        {
            var state = c.State;
            var host = c.HostConfig;
            var config = c.Config;
            var restart = host?.RestartPolicy;
            return DockerEndpoint.Stamp(new DockerContainerDetail
            {
                Id = c.ID,
                Name = TrimName(c.Name),
                Image = config?.Image ?? c.Image,
                ImageId = c.Image,
                Created = ToLocal(c.Created),
                State = state?.Status ?? string.Empty,
                Running = state?.Running == true,
                Paused = state?.Paused == true,
                OomKilled = state?.OOMKilled == true,
                Pid = state?.Pid ?? 0,
                ExitCode = state?.ExitCode ?? 0,
                Error = string.IsNullOrEmpty(state?.Error) ? null : state!.Error,
                StartedAt = ParseTime(state?.StartedAt),
                FinishedAt = ParseTime(state?.FinishedAt),
                Health = state?.Health?.Status is { Length: > 0 } health ? health : null,
                HealthFailingStreak = state?.Health?.FailingStreak ?? 0,
                RestartCount = c.RestartCount,
                RestartPolicy = FormatRestartPolicy(restart),
                Entrypoint = (config?.Entrypoint ?? new List<string>()).ToArray(),
                Command = (config?.Cmd ?? new List<string>()).ToArray(),
                Environment = (config?.Env ?? new List<string>()).ToArray(),
                WorkingDirectory = NullIfEmpty(config?.WorkingDir),
                User = NullIfEmpty(config?.User),
                Hostname = NullIfEmpty(config?.Hostname),
                Tty = config?.Tty == true,
                Labels = Copy(config?.Labels),
                Ports = Ports(c.NetworkSettings?.Ports),
                Mounts = (c.Mounts ?? new List<MountPoint>()).Select(m => new DockerMount
                {
                    Type = m.Type ?? string.Empty,
                    Name = NullIfEmpty(m.Name),
                    Source = m.Source,
                    Destination = m.Destination,
                    ReadWrite = m.RW,
                }).ToArray(),
                Networks = (c.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
                    .OrderBy(n => n.Key, StringComparer.Ordinal)
                    .Select(n => new DockerContainerNetwork
                    {
                        Network = n.Key,
                        NetworkId = n.Value?.NetworkID ?? string.Empty,
                        IPAddress = NullIfEmpty(n.Value?.IPAddress),
                        Gateway = NullIfEmpty(n.Value?.Gateway),
                        MacAddress = NullIfEmpty(n.Value?.MacAddress),
                        Aliases = (n.Value?.Aliases ?? new List<string>()).ToArray(),
                    }).ToArray(),
                MemoryLimit = host?.Memory ?? 0,
                Cpus = (host?.NanoCPUs ?? 0) / 1e9,
                Privileged = host?.Privileged == true,
                ReadOnlyRootFilesystem = host?.ReadonlyRootfs == true,
                Init = host?.Init == true,
                NetworkMode = NullIfEmpty(host?.NetworkMode),
                LogPath = NullIfEmpty(c.LogPath),
                CapAdd = (host?.CapAdd ?? new List<string>()).ToArray(),
                CapDrop = (host?.CapDrop ?? new List<string>()).ToArray(),
                Ulimits = (host?.Ulimits ?? new List<Ulimit>()).Select(u => u.Name + "=" + u.Soft + ":" + u.Hard).ToArray(),
                LogDriver = NullIfEmpty(host?.LogConfig?.Type),
                LogOptions = Copy(host?.LogConfig?.Config),
                ExtraHosts = (host?.ExtraHosts ?? new List<string>()).ToArray(),
                Dns = (host?.DNS ?? new List<string>()).ToArray(),
                DnsSearch = (host?.DNSSearch ?? new List<string>()).ToArray(),
                DnsOptions = (host?.DNSOptions ?? new List<string>()).ToArray(),
                PidsLimit = host?.PidsLimit is long pids && pids != 0 ? pids : (long?)null,
                StopSignal = NullIfEmpty(config?.StopSignal),
                StopTimeout = config?.StopTimeout is TimeSpan stop ? (long)stop.TotalSeconds : (long?)null,
                ShmSize = host?.ShmSize ?? 0,
                SecurityOptions = (host?.SecurityOpt ?? new List<string>()).ToArray(),
                Sysctls = Copy(host?.Sysctls),
                Devices = (host?.Devices ?? new List<DeviceMapping>()).Select(d => d.PathOnHost + ":" + d.PathInContainer + ":" + d.CgroupPermissions).ToArray(),
                Healthcheck = config?.Healthcheck?.Test is { Count: > 0 } test ? new DockerHealthcheck
                {
                    Test = test.ToArray(),
                    Interval = NonZero(config.Healthcheck.Interval),
                    Timeout = NonZero(config.Healthcheck.Timeout),
                    StartPeriod = NonZero(config.Healthcheck.StartPeriod),
                    Retries = config.Healthcheck.Retries is long retries && retries != 0 ? retries : (long?)null,
                } : null,
                HealthLog = (state?.Health?.Log ?? new List<HealthcheckResult>()).Select(r => new DockerHealthResult
                {
                    Start = ToLocal(r.Start),
                    End = ToLocal(r.End),
                    ExitCode = r.ExitCode,
                    Output = r.Output ?? string.Empty,
                }).ToArray(),
            }, endpoint);
        }

        private static TimeSpan? NonZero(TimeSpan? span) => span is TimeSpan value && value != TimeSpan.Zero ? value : (TimeSpan?)null;

        internal static string FormatRestartPolicy(RestartPolicy? policy)
        {
            if (policy is null)
            {
                return "no";
            }

            switch (policy.Name)
            {
                case RestartPolicyKind.Always: return "always";
                case RestartPolicyKind.UnlessStopped: return "unless-stopped";
                case RestartPolicyKind.OnFailure:
                    return policy.MaximumRetryCount > 0 ? "on-failure:" + policy.MaximumRetryCount.ToString(CultureInfo.InvariantCulture) : "on-failure";
                default: return "no";
            }
        }

        private static DockerPort[] Ports(IDictionary<string, IList<PortBinding>>? ports)
        {
            var result = new List<DockerPort>();
            foreach (var pair in ports ?? new Dictionary<string, IList<PortBinding>>())
            {
                var slash = pair.Key.IndexOf('/');
                var protocol = slash < 0 ? "tcp" : pair.Key.Substring(slash + 1);
                if (!int.TryParse(slash < 0 ? pair.Key : pair.Key.Substring(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var inside))
                {
                    continue;
                }

                if (pair.Value is null || pair.Value.Count == 0)
                {
                    result.Add(new DockerPort(null, null, inside, protocol));
                    continue;
                }

                foreach (var binding in pair.Value)
                {
                    int? hostPort = int.TryParse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var hp) ? hp : (int?)null;
                    result.Add(new DockerPort(binding.HostIP, hostPort, inside, protocol));
                }
            }

            return result.OrderBy(p => p.ContainerPort).ThenBy(p => p.Protocol, StringComparer.Ordinal).ToArray();
        }

        /// <summary>
        /// A container's own name among the engine's list of names (docker's "/web"): the one without a slash,
        /// since link aliases look like "/other/alias". Null when there is none.
        /// </summary>
        internal static string? PrimaryName(IEnumerable<string>? engineNames) =>
            (engineNames ?? Enumerable.Empty<string>()).Select(TrimName).FirstOrDefault(n => n.IndexOf('/') < 0);

        internal static string TrimName(string? name) => string.IsNullOrEmpty(name) ? string.Empty : name!.TrimStart('/');

        internal static DateTime ToLocal(DateTime value) =>
            value.Kind == DateTimeKind.Local ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc).ToLocalTime();

        internal static DateTime? ParseTime(string? text)
        {
            if (string.IsNullOrEmpty(text) || text!.StartsWith("0001-01-01", StringComparison.Ordinal))
            {
                return null;
            }

            return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
                ? ToLocal(DateTime.SpecifyKind(parsed, DateTimeKind.Utc))
                : (DateTime?)null;
        }

        private static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? labels) =>
            labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(labels, StringComparer.Ordinal);

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
