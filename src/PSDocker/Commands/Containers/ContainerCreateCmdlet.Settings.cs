using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Arguments;
using PSDocker.Connection;

namespace PSDocker.Commands.Containers
{
    /// <summary>
    /// The docker run / docker create flags beyond the common ones, one parameter each, named by the PascalCase of
    /// the flag's long name, and their translation into the create request (checked before any request is sent).
    /// </summary>
    public abstract partial class ContainerCreateCmdlet
    {
        /// <summary>
        /// <para type="description">Extra lines for the container's /etc/hosts: host:ip or host=ip (ip may be host-gateway). (docker --add-host)</para>
        /// </summary>
        [Parameter]
        public string[]? AddHost { get; set; }

        /// <summary>
        /// <para type="description">Block IO weight, relative, from 10 to 1000. (docker --blkio-weight)</para>
        /// </summary>
        [Parameter]
        [ValidateRange(10, 1000)]
        public ushort? BlkioWeight { get; set; }

        /// <summary>
        /// <para type="description">Block IO weight per device: /dev/path:weight. (docker --blkio-weight-device)</para>
        /// </summary>
        [Parameter]
        public string[]? BlkioWeightDevice { get; set; }

        /// <summary>
        /// <para type="description">Linux capabilities to add, such as NET_ADMIN or SYS_TIME (ALL for all of them). (docker --cap-add)</para>
        /// </summary>
        [Parameter]
        public string[]? CapAdd { get; set; }

        /// <summary>
        /// <para type="description">Linux capabilities to drop, such as NET_RAW (ALL for all of them). (docker --cap-drop)</para>
        /// </summary>
        [Parameter]
        public string[]? CapDrop { get; set; }

        /// <summary>
        /// <para type="description">The parent cgroup for the container. (docker --cgroup-parent)</para>
        /// </summary>
        [Parameter]
        public string? CgroupParent { get; set; }

        /// <summary>
        /// <para type="description">The cgroup namespace: host or private. (docker --cgroupns)</para>
        /// </summary>
        [Parameter]
        public string? Cgroupns { get; set; }

        /// <summary>
        /// <para type="description">A file to write the container's id to; it must not exist yet. (docker --cidfile)</para>
        /// </summary>
        [Parameter]
        public string? Cidfile { get; set; }

        /// <summary>
        /// <para type="description">The CPU CFS period, in microseconds. (docker --cpu-period)</para>
        /// </summary>
        [Parameter]
        public long? CpuPeriod { get; set; }

        /// <summary>
        /// <para type="description">The CPU CFS quota, in microseconds per period. (docker --cpu-quota)</para>
        /// </summary>
        [Parameter]
        public long? CpuQuota { get; set; }

        /// <summary>
        /// <para type="description">The CPU real-time period, in microseconds. (docker --cpu-rt-period)</para>
        /// </summary>
        [Parameter]
        public long? CpuRtPeriod { get; set; }

        /// <summary>
        /// <para type="description">The CPU real-time runtime, in microseconds. (docker --cpu-rt-runtime)</para>
        /// </summary>
        [Parameter]
        public long? CpuRtRuntime { get; set; }

        /// <summary>
        /// <para type="description">CPU shares, a relative weight (the default is 1024). (docker --cpu-shares)</para>
        /// </summary>
        [Parameter]
        public long? CpuShares { get; set; }

        /// <summary>
        /// <para type="description">The CPUs the container may use: 0-3 or 0,1. (docker --cpuset-cpus)</para>
        /// </summary>
        [Parameter]
        public string? CpusetCpus { get; set; }

        /// <summary>
        /// <para type="description">The memory nodes the container may use: 0-3 or 0,1. (docker --cpuset-mems)</para>
        /// </summary>
        [Parameter]
        public string? CpusetMems { get; set; }

        /// <summary>
        /// <para type="description">Host devices to add: /dev/host[:/dev/container[:permissions]], permissions from r, w and m (rwm by default). (docker --device)</para>
        /// </summary>
        [Parameter]
        public string[]? Device { get; set; }

        /// <summary>
        /// <para type="description">Rules for the devices cgroup, such as 'c 1:3 mr'. (docker --device-cgroup-rule)</para>
        /// </summary>
        [Parameter]
        public string[]? DeviceCgroupRule { get; set; }

        /// <summary>
        /// <para type="description">Read rate limits per device: /dev/path:size, such as /dev/sda:1mb. (docker --device-read-bps)</para>
        /// </summary>
        [Parameter]
        public string[]? DeviceReadBps { get; set; }

        /// <summary>
        /// <para type="description">Read limits in IO per second per device: /dev/path:count. (docker --device-read-iops)</para>
        /// </summary>
        [Parameter]
        public string[]? DeviceReadIops { get; set; }

        /// <summary>
        /// <para type="description">Write rate limits per device: /dev/path:size. (docker --device-write-bps)</para>
        /// </summary>
        [Parameter]
        public string[]? DeviceWriteBps { get; set; }

        /// <summary>
        /// <para type="description">Write limits in IO per second per device: /dev/path:count. (docker --device-write-iops)</para>
        /// </summary>
        [Parameter]
        public string[]? DeviceWriteIops { get; set; }

        /// <summary>
        /// <para type="description">DNS servers, as IP addresses. (docker --dns)</para>
        /// </summary>
        [Parameter]
        public string[]? Dns { get; set; }

        /// <summary>
        /// <para type="description">DNS resolver options, such as ndots:2. (docker --dns-option)</para>
        /// </summary>
        [Parameter]
        public string[]? DnsOption { get; set; }

        /// <summary>
        /// <para type="description">DNS search domains. (docker --dns-search)</para>
        /// </summary>
        [Parameter]
        public string[]? DnsSearch { get; set; }

        /// <summary>
        /// <para type="description">The container's NIS domain name. (docker --domainname)</para>
        /// </summary>
        [Parameter]
        public string? Domainname { get; set; }

        /// <summary>
        /// <para type="description">Files of environment variables, read as the docker CLI reads them: KEY=value lines, # comments and blank lines skipped, a KEY alone takes this session's value. -Environment wins over them. (docker --env-file)</para>
        /// </summary>
        [Parameter]
        public string[]? EnvFile { get; set; }

        /// <summary>
        /// <para type="description">Ports to expose without publishing them: 80, 80/udp or a range 8000-8002/tcp. (docker --expose)</para>
        /// </summary>
        [Parameter]
        public string[]? Expose { get; set; }

        /// <summary>
        /// <para type="description">More groups for the container's process to join. (docker --group-add)</para>
        /// </summary>
        [Parameter]
        public string[]? GroupAdd { get; set; }

        /// <summary>
        /// <para type="description">The command that checks the container's health, run by the container's shell. (docker --health-cmd)</para>
        /// </summary>
        [Parameter]
        public string? HealthCmd { get; set; }

        /// <summary>
        /// <para type="description">The time between two health checks: 30s, 1m30s, a TimeSpan or nanoseconds. (docker --health-interval)</para>
        /// </summary>
        [Parameter]
        public object? HealthInterval { get; set; }

        /// <summary>
        /// <para type="description">The failures in a row that make the container unhealthy. (docker --health-retries)</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? HealthRetries { get; set; }

        /// <summary>
        /// <para type="description">The time the container has to start before failures count: 30s, 1m30s, a TimeSpan or nanoseconds. (docker --health-start-period)</para>
        /// </summary>
        [Parameter]
        public object? HealthStartPeriod { get; set; }

        /// <summary>
        /// <para type="description">The longest a health check may take: 30s, 1m30s, a TimeSpan or nanoseconds. (docker --health-timeout)</para>
        /// </summary>
        [Parameter]
        public object? HealthTimeout { get; set; }

        /// <summary>
        /// <para type="description">The container's IPv4 address on -Network (a user-defined network). (docker --ip)</para>
        /// </summary>
        [Parameter]
        public string? Ip { get; set; }

        /// <summary>
        /// <para type="description">The container's IPv6 address on -Network (a user-defined network). (docker --ip6)</para>
        /// </summary>
        [Parameter]
        public string? Ip6 { get; set; }

        /// <summary>
        /// <para type="description">The IPC namespace: none, private, shareable, host or container:&lt;name|id&gt;. (docker --ipc)</para>
        /// </summary>
        [Parameter]
        public string? Ipc { get; set; }

        /// <summary>
        /// <para type="description">Files of labels: KEY=value lines, # comments and blank lines skipped. -Label wins over them. (docker --label-file)</para>
        /// </summary>
        [Parameter]
        public string[]? LabelFile { get; set; }

        /// <summary>
        /// <para type="description">Legacy links to other containers on the default bridge: name or name:alias. (docker --link)</para>
        /// </summary>
        [Parameter]
        public string[]? Link { get; set; }

        /// <summary>
        /// <para type="description">Link-local addresses for the container on -Network. (docker --link-local-ip)</para>
        /// </summary>
        [Parameter]
        public string[]? LinkLocalIp { get; set; }

        /// <summary>
        /// <para type="description">The logging driver, such as json-file, local, syslog or none. (docker --log-driver)</para>
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.LogDriverCompleter))]
        public string? LogDriver { get; set; }

        /// <summary>
        /// <para type="description">Options of the logging driver: key=value strings or a hashtable, such as max-size=10m. (docker --log-opt)</para>
        /// </summary>
        [Parameter]
        public object? LogOpt { get; set; }

        /// <summary>
        /// <para type="description">The soft memory limit: bytes, or a size such as 256m. (docker --memory-reservation)</para>
        /// </summary>
        [Parameter]
        public object? MemoryReservation { get; set; }

        /// <summary>
        /// <para type="description">Memory plus swap: bytes, a size such as 1g, or -1 for unlimited swap. (docker --memory-swap)</para>
        /// </summary>
        [Parameter]
        public object? MemorySwap { get; set; }

        /// <summary>
        /// <para type="description">How readily the kernel swaps the container's memory, from 0 to 100. (docker --memory-swappiness)</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public long? MemorySwappiness { get; set; }

        /// <summary>
        /// <para type="description">More names for the container on -Network (a user-defined network). (docker --network-alias)</para>
        /// </summary>
        [Parameter]
        public string[]? NetworkAlias { get; set; }

        /// <summary>
        /// <para type="description">Turn off the image's health check. (docker --no-healthcheck)</para>
        /// </summary>
        [Parameter]
        public SwitchParameter NoHealthcheck { get; set; }

        /// <summary>
        /// <para type="description">Do not let the kernel's out-of-memory killer kill the container. (docker --oom-kill-disable)</para>
        /// </summary>
        [Parameter]
        public SwitchParameter OomKillDisable { get; set; }

        /// <summary>
        /// <para type="description">Adjust the out-of-memory score, from -1000 to 1000. (docker --oom-score-adj)</para>
        /// </summary>
        [Parameter]
        [ValidateRange(-1000, 1000)]
        public int? OomScoreAdj { get; set; }

        /// <summary>
        /// <para type="description">The PID namespace: host or container:&lt;name|id&gt;. (docker --pid)</para>
        /// </summary>
        [Parameter]
        public string? Pid { get; set; }

        /// <summary>
        /// <para type="description">The most processes the container may have; -1 for no limit. (docker --pids-limit)</para>
        /// </summary>
        [Parameter]
        public long? PidsLimit { get; set; }

        /// <summary>
        /// <para type="description">Publish every exposed port on a random port of the host. (docker --publish-all)</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PublishAll { get; set; }

        /// <summary>
        /// <para type="description">The OCI runtime to run the container with, such as runc. (docker --runtime)</para>
        /// </summary>
        [Parameter]
        public string? Runtime { get; set; }

        /// <summary>
        /// <para type="description">Security options, such as no-new-privileges, seccomp=unconfined or apparmor=profile. (docker --security-opt)</para>
        /// </summary>
        [Parameter]
        public string[]? SecurityOpt { get; set; }

        /// <summary>
        /// <para type="description">The size of /dev/shm: bytes, or a size such as 64m. (docker --shm-size)</para>
        /// </summary>
        [Parameter]
        public object? ShmSize { get; set; }

        /// <summary>
        /// <para type="description">The signal that stops the container, such as SIGINT (SIGTERM by default). (docker --stop-signal)</para>
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.SignalCompleter))]
        public string? StopSignal { get; set; }

        /// <summary>
        /// <para type="description">Seconds to wait after the stop signal before killing the container. (docker --stop-timeout)</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? StopTimeout { get; set; }

        /// <summary>
        /// <para type="description">Options of the storage driver for this container: key=value strings or a hashtable, such as size=10G. (docker --storage-opt)</para>
        /// </summary>
        [Parameter]
        public object? StorageOpt { get; set; }

        /// <summary>
        /// <para type="description">Namespaced kernel parameters: key=value strings or a hashtable, such as net.ipv4.ip_forward=1. (docker --sysctl)</para>
        /// </summary>
        [Parameter]
        public object? Sysctl { get; set; }

        /// <summary>
        /// <para type="description">tmpfs mounts: /path, with options after a colon, such as /run:rw,size=64m. (docker --tmpfs)</para>
        /// </summary>
        [Parameter]
        public string[]? Tmpfs { get; set; }

        /// <summary>
        /// <para type="description">Resource limits: name=soft[:hard] strings, such as nofile=1024:2048, or a hashtable @{ nofile = '1024:2048' }. (docker --ulimit)</para>
        /// </summary>
        [Parameter]
        public object? Ulimit { get; set; }

        /// <summary>
        /// <para type="description">The user namespace: host, when the engine remaps users. (docker --userns)</para>
        /// </summary>
        [Parameter]
        public string? Userns { get; set; }

        /// <summary>
        /// <para type="description">The UTS namespace: host. (docker --uts)</para>
        /// </summary>
        [Parameter]
        public string? Uts { get; set; }

        /// <summary>
        /// <para type="description">The volume driver for the container's volumes. (docker --volume-driver)</para>
        /// </summary>
        [Parameter]
        public string? VolumeDriver { get; set; }

        /// <summary>
        /// <para type="description">Mount the volumes of other containers: name[:ro|rw]. (docker --volumes-from)</para>
        /// </summary>
        [Parameter]
        public string[]? VolumesFrom { get; set; }

        /// <summary>Applies the flags above to the request; throws InvalidArgument <see cref="DockerPSException"/>s.</summary>
        private void ApplySettings(CreateContainerParameters request, HostConfig host)
        {
            string Resolve(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

            host.CapAdd = Concat(host.CapAdd, RunOptions.Capabilities(CapAdd));
            host.CapDrop = Concat(host.CapDrop, RunOptions.Capabilities(CapDrop));
            host.DNS = Concat(host.DNS, RunOptions.DnsServers(Dns));
            host.DNSSearch = Concat(host.DNSSearch, DnsSearch);
            host.DNSOptions = Concat(host.DNSOptions, DnsOption);
            host.ExtraHosts = Concat(host.ExtraHosts, RunOptions.ExtraHosts(AddHost));
            host.GroupAdd = Concat(host.GroupAdd, GroupAdd);
            host.SecurityOpt = Concat(host.SecurityOpt, SecurityOpt);
            host.VolumesFrom = Concat(host.VolumesFrom, VolumesFrom);
            host.Links = Concat(host.Links, RunOptions.Links(Link));
            host.DeviceCgroupRules = Concat(host.DeviceCgroupRules, DeviceCgroupRule);
            host.Devices = Concat(host.Devices, RunOptions.Devices(Device));
            host.Ulimits = Concat(host.Ulimits, RunOptions.Ulimits(this.Ulimit));
            host.BlkioWeightDevice = Concat(host.BlkioWeightDevice, RunOptions.WeightDevices(BlkioWeightDevice));
            host.BlkioDeviceReadBps = Concat(host.BlkioDeviceReadBps, RunOptions.ThrottleDevices(DeviceReadBps, true, nameof(DeviceReadBps)));
            host.BlkioDeviceWriteBps = Concat(host.BlkioDeviceWriteBps, RunOptions.ThrottleDevices(DeviceWriteBps, true, nameof(DeviceWriteBps)));
            host.BlkioDeviceReadIOps = Concat(host.BlkioDeviceReadIOps, RunOptions.ThrottleDevices(DeviceReadIops, false, nameof(DeviceReadIops)));
            host.BlkioDeviceWriteIOps = Concat(host.BlkioDeviceWriteIOps, RunOptions.ThrottleDevices(DeviceWriteIops, false, nameof(DeviceWriteIops)));
            host.Tmpfs = Merge(host.Tmpfs, RunOptions.Tmpfs(Tmpfs));
            host.Sysctls = Merge(host.Sysctls, RunOptions.Map(Sysctl, "InvalidSysctl", "net.ipv4.ip_forward=1"));
            host.StorageOpt = Merge(host.StorageOpt, RunOptions.Map(StorageOpt, "InvalidStorageOpt", "size=10G"));

            if (LogDriver != null || LogOpt != null)
            {
                host.LogConfig ??= new LogConfig();
                host.LogConfig.Type = LogDriver ?? host.LogConfig.Type;
                host.LogConfig.Config = Merge(host.LogConfig.Config, RunOptions.Map(LogOpt, "InvalidLogOpt", "max-size=10m"));
            }

            host.IpcMode = Ipc ?? host.IpcMode;
            host.PidMode = Pid ?? host.PidMode;
            host.UsernsMode = Userns ?? host.UsernsMode;
            host.UTSMode = Uts ?? host.UTSMode;
            host.CgroupnsMode = Cgroupns ?? host.CgroupnsMode;
            host.CgroupParent = CgroupParent ?? host.CgroupParent;
            host.Runtime = Runtime ?? host.Runtime;
            host.VolumeDriver = VolumeDriver ?? host.VolumeDriver;
            host.CpusetCpus = CpusetCpus ?? host.CpusetCpus;
            host.CpusetMems = CpusetMems ?? host.CpusetMems;
            host.CPUShares = CpuShares ?? host.CPUShares;
            host.CPUPeriod = CpuPeriod ?? host.CPUPeriod;
            host.CPUQuota = CpuQuota ?? host.CPUQuota;
            host.CPURealtimePeriod = CpuRtPeriod ?? host.CPURealtimePeriod;
            host.CPURealtimeRuntime = CpuRtRuntime ?? host.CPURealtimeRuntime;
            host.BlkioWeight = BlkioWeight ?? host.BlkioWeight;
            host.PidsLimit = PidsLimit ?? host.PidsLimit;
            host.MemorySwappiness = MemorySwappiness ?? host.MemorySwappiness;
            host.OomScoreAdj = OomScoreAdj ?? host.OomScoreAdj;
            if (OomKillDisable.IsPresent)
            {
                host.OomKillDisable = true;
            }

            if (ShmSize != null)
            {
                host.ShmSize = RunOptions.Size(ShmSize, nameof(ShmSize));
            }

            if (MemoryReservation != null)
            {
                host.MemoryReservation = RunOptions.Size(MemoryReservation, nameof(MemoryReservation));
            }

            if (MemorySwap != null)
            {
                host.MemorySwap = RunOptions.SizeOrUnlimited(MemorySwap, nameof(MemorySwap));
            }

            host.PublishAllPorts = PublishAll.IsPresent || host.PublishAllPorts;
            foreach (var port in RunOptions.Exposed(Expose))
            {
                request.ExposedPorts ??= new Dictionary<string, EmptyStruct>();
                request.ExposedPorts[port] = new EmptyStruct();
            }

            request.Domainname = Domainname ?? request.Domainname;
            request.StopSignal = RunOptions.StopSignal(StopSignal) ?? request.StopSignal;
            request.StopTimeout = StopTimeout.HasValue ? TimeSpan.FromSeconds(StopTimeout.Value) : request.StopTimeout;

            ApplyHealthcheck(request);
            ApplyEndpoint(request, host);

            // Files first, then -Environment / -Label on top, as the CLI merges them.
            var fileEnvironment = RunOptions.ReadFiles(EnvFile, Resolve, environment: true);
            if (fileEnvironment.Count > 0)
            {
                request.Env = fileEnvironment.Concat(request.Env ?? new List<string>()).ToList();
            }

            var given = LabelFile is null ? null : ContainerOptions.Labels(Label);
            foreach (var line in RunOptions.ReadFiles(LabelFile, Resolve, environment: false))
            {
                var equals = line.IndexOf('=');
                var key = line.Substring(0, equals);
                request.Labels ??= new Dictionary<string, string>();
                if (!given!.ContainsKey(key))
                {
                    request.Labels[key] = line.Substring(equals + 1);
                }
            }

            if (Cidfile != null && File.Exists(Resolve(Cidfile)))
            {
                throw new DockerPSException("The -Cidfile '" + Cidfile + "' already exists: remove it, or make sure the container it names is gone.",
                    "CidfileExists", ErrorCategory.ResourceExists, Cidfile);
            }

            if (Cidfile != null && Path.GetDirectoryName(Resolve(Cidfile)) is string folder && folder.Length > 0 && !Directory.Exists(folder))
            {
                // Checked before the create: docker run writes the file after it, and a failure then leaves a container behind.
                throw new DockerPSException("Cannot write the -Cidfile '" + Cidfile + "': the folder '" + folder + "' does not exist. Create it first, or name a file in a folder that exists.",
                    "CidfileFolderNotFound", ErrorCategory.ObjectNotFound, Cidfile);
            }
        }

        private void ApplyHealthcheck(CreateContainerParameters request) =>
            request.Healthcheck = RunOptions.Healthcheck(request.Healthcheck, NoHealthcheck.IsPresent, HealthCmd, HealthInterval, HealthTimeout, HealthStartPeriod, HealthRetries);

        private void ApplyEndpoint(CreateContainerParameters request, HostConfig host)
        {
            var ip = RunOptions.Address(Ip, v6: false, nameof(Ip));
            var ip6 = RunOptions.Address(Ip6, v6: true, nameof(Ip6));
            if (ip is null && ip6 is null && NetworkAlias is null && LinkLocalIp is null)
            {
                return;
            }

            if (string.IsNullOrEmpty(Network) || Network == "bridge" || Network == "host" || Network == "none")
            {
                throw ArgumentValue.Bad("NetworkRequired", "-Ip, -Ip6, -NetworkAlias and -LinkLocalIp need -Network naming a user-defined network (New-DockerNetwork), as docker run does.", Network);
            }

            request.NetworkingConfig ??= new NetworkingConfig();
            request.NetworkingConfig.EndpointsConfig ??= new Dictionary<string, EndpointSettings>();
            if (!request.NetworkingConfig.EndpointsConfig.TryGetValue(Network!, out var endpoint))
            {
                endpoint = new EndpointSettings();
                request.NetworkingConfig.EndpointsConfig[Network!] = endpoint;
            }

            endpoint.Aliases = Concat(endpoint.Aliases, NetworkAlias);
            if (ip != null || ip6 != null || LinkLocalIp != null)
            {
                endpoint.IPAMConfig ??= new EndpointIPAMConfig();
                endpoint.IPAMConfig.IPv4Address = ip ?? endpoint.IPAMConfig.IPv4Address;
                endpoint.IPAMConfig.IPv6Address = ip6 ?? endpoint.IPAMConfig.IPv6Address;
                endpoint.IPAMConfig.LinkLocalIPs = Concat(endpoint.IPAMConfig.LinkLocalIPs, LinkLocalIp);
            }
        }

        /// <summary>Writes the new container's id to -Cidfile, as docker run --cidfile does.</summary>
        internal void WriteCidfile(string id)
        {
            if (Cidfile != null)
            {
                try
                {
                    File.WriteAllText(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Cidfile), id);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new DockerPSException("Cannot write the -Cidfile '" + Cidfile + "': " + e.Message + " Name a file you may write.",
                        "CidfileWriteFailed", ErrorCategory.WriteError, Cidfile, e);
                }
            }
        }

        // The client library's lists and maps are null when unset; nothing to add leaves them as they were.
        private static IList<T> Concat<T>(IList<T>? existing, IEnumerable<T>? more)
        {
            var items = more?.ToList();
            if (items is null || items.Count == 0)
            {
                return existing!;
            }

            return (existing ?? new List<T>()).Concat(items).ToList();
        }

        private static IDictionary<string, string> Merge(IDictionary<string, string>? existing, Dictionary<string, string> more)
        {
            if (more.Count == 0)
            {
                return existing!;
            }

            var result = existing is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(existing);
            foreach (var pair in more)
            {
                result[pair.Key] = pair.Value;
            }

            return result;
        }
    }
}
