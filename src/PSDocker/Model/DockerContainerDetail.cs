using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>The full inspect data of a container (<c>Get-DockerContainer -Inspect</c>, docker inspect).</summary>
    public sealed class DockerContainerDetail : DockerObject
    {
        /// <summary>The full container id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The container's name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The image reference the container was created from.</summary>
        public string Image { get; internal set; } = string.Empty;

        /// <summary>The image's id.</summary>
        public string ImageId { get; internal set; } = string.Empty;

        /// <summary>When the container was created, in local time.</summary>
        public DateTime Created { get; internal set; }

        /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
        public string State { get; internal set; } = string.Empty;

        /// <summary>Whether the main process runs.</summary>
        public bool Running { get; internal set; }

        /// <summary>Whether the container is paused.</summary>
        public bool Paused { get; internal set; }

        /// <summary>Whether the kernel's OOM killer ended it.</summary>
        public bool OomKilled { get; internal set; }

        /// <summary>The main process id on the host while running.</summary>
        public long Pid { get; internal set; }

        /// <summary>The last exit code.</summary>
        public long ExitCode { get; internal set; }

        /// <summary>The engine's error for the container, if any.</summary>
        public string? Error { get; internal set; }

        /// <summary>When it last started, in local time.</summary>
        public DateTime? StartedAt { get; internal set; }

        /// <summary>When it last stopped, in local time.</summary>
        public DateTime? FinishedAt { get; internal set; }

        /// <summary>healthy, unhealthy, starting, or null without a health check.</summary>
        public string? Health { get; internal set; }

        /// <summary>Consecutive failed health checks.</summary>
        public long HealthFailingStreak { get; internal set; }

        /// <summary>How often the engine restarted it.</summary>
        public long RestartCount { get; internal set; }

        /// <summary>no, always, unless-stopped or on-failure[:N].</summary>
        public string RestartPolicy { get; internal set; } = "no";

        /// <summary>The entrypoint.</summary>
        public IReadOnlyList<string> Entrypoint { get; internal set; } = Array.Empty<string>();

        /// <summary>The command (arguments to the entrypoint).</summary>
        public IReadOnlyList<string> Command { get; internal set; } = Array.Empty<string>();

        /// <summary>Environment variables, KEY=value.</summary>
        public IReadOnlyList<string> Environment { get; internal set; } = Array.Empty<string>();

        /// <summary>The working directory.</summary>
        public string? WorkingDirectory { get; internal set; }

        /// <summary>The user the process runs as.</summary>
        public string? User { get; internal set; }

        /// <summary>The container's host name.</summary>
        public string? Hostname { get; internal set; }

        /// <summary>Whether it has a terminal.</summary>
        public bool Tty { get; internal set; }

        /// <summary>Labels.</summary>
        public IReadOnlyDictionary<string, string> Labels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>Published ports.</summary>
        public IReadOnlyList<DockerPort> Ports { get; internal set; } = Array.Empty<DockerPort>();

        /// <summary>Mounts: volumes, binds, tmpfs.</summary>
        public IReadOnlyList<DockerMount> Mounts { get; internal set; } = Array.Empty<DockerMount>();

        /// <summary>Network attachments with their addresses.</summary>
        public IReadOnlyList<DockerContainerNetwork> Networks { get; internal set; } = Array.Empty<DockerContainerNetwork>();

        /// <summary>Memory limit in bytes (0: none).</summary>
        public long MemoryLimit { get; internal set; }

        /// <summary>CPU limit in CPUs (0: none).</summary>
        public double Cpus { get; internal set; }

        /// <summary>Whether the container is privileged.</summary>
        public bool Privileged { get; internal set; }

        /// <summary>Whether the root file system is read-only.</summary>
        public bool ReadOnlyRootFilesystem { get; internal set; }

        /// <summary>Whether an init process reaps zombies.</summary>
        public bool Init { get; internal set; }

        /// <summary>The network mode, e.g. bridge, host, none or a network name.</summary>
        public string? NetworkMode { get; internal set; }

        /// <summary>The container's log file on the engine host.</summary>
        public string? LogPath { get; internal set; }

        /// <summary>Linux capabilities added (--cap-add), as CAP_ names.</summary>
        public IReadOnlyList<string> CapAdd { get; internal set; } = Array.Empty<string>();

        /// <summary>Linux capabilities dropped (--cap-drop).</summary>
        public IReadOnlyList<string> CapDrop { get; internal set; } = Array.Empty<string>();

        /// <summary>Resource limits (--ulimit), as name=soft:hard.</summary>
        public IReadOnlyList<string> Ulimits { get; internal set; } = Array.Empty<string>();

        /// <summary>The logging driver (--log-driver).</summary>
        public string? LogDriver { get; internal set; }

        /// <summary>The logging driver's options (--log-opt).</summary>
        public IReadOnlyDictionary<string, string> LogOptions { get; internal set; } = new Dictionary<string, string>();

        /// <summary>Extra /etc/hosts entries (--add-host), as host:ip.</summary>
        public IReadOnlyList<string> ExtraHosts { get; internal set; } = Array.Empty<string>();

        /// <summary>DNS servers (--dns).</summary>
        public IReadOnlyList<string> Dns { get; internal set; } = Array.Empty<string>();

        /// <summary>DNS search domains (--dns-search).</summary>
        public IReadOnlyList<string> DnsSearch { get; internal set; } = Array.Empty<string>();

        /// <summary>DNS options (--dns-option).</summary>
        public IReadOnlyList<string> DnsOptions { get; internal set; } = Array.Empty<string>();

        /// <summary>The process limit (--pids-limit), or null for none.</summary>
        public long? PidsLimit { get; internal set; }

        /// <summary>The signal that stops the container (--stop-signal), or null for SIGTERM.</summary>
        public string? StopSignal { get; internal set; }

        /// <summary>Seconds between the stop signal and the kill (--stop-timeout), or null for the engine's default.</summary>
        public long? StopTimeout { get; internal set; }

        /// <summary>The size of /dev/shm in bytes (--shm-size).</summary>
        public long ShmSize { get; internal set; }

        /// <summary>Security options (--security-opt).</summary>
        public IReadOnlyList<string> SecurityOptions { get; internal set; } = Array.Empty<string>();

        /// <summary>Namespaced kernel parameters (--sysctl).</summary>
        public IReadOnlyDictionary<string, string> Sysctls { get; internal set; } = new Dictionary<string, string>();

        /// <summary>Host devices (--device), as host:container:permissions.</summary>
        public IReadOnlyList<string> Devices { get; internal set; } = Array.Empty<string>();

        /// <summary>The health check (--health-*), or null when the image and container have none.</summary>
        public DockerHealthcheck? Healthcheck { get; internal set; }

        /// <summary>The last health check results, oldest first.</summary>
        public IReadOnlyList<DockerHealthResult> HealthLog { get; internal set; } = Array.Empty<DockerHealthResult>();

        /// <summary>
        /// Everything docker inspect shows, as the engine wrote it (PSCustomObjects, as ConvertFrom-Json gives):
        /// Raw.HostConfig.CpuShares, Raw.Config.ExposedPorts, Raw.NetworkSettings.Networks… for any setting not typed above.
        /// </summary>
        public object? Raw { get; internal set; }

        /// <summary>The first 12 characters of the id.</summary>
        public string ShortId => Id.Length > 12 ? Id.Substring(0, 12) : Id;

        /// <inheritdoc/>
        public override string ToString() => Name.Length > 0 ? Name : ShortId;
    }

    /// <summary>A container mount.</summary>
    public sealed class DockerMount
    {
        /// <summary>volume, bind, tmpfs or npipe.</summary>
        public string Type { get; internal set; } = string.Empty;

        /// <summary>The volume name, for volumes.</summary>
        public string? Name { get; internal set; }

        /// <summary>The host path or volume path.</summary>
        public string Source { get; internal set; } = string.Empty;

        /// <summary>The path inside the container.</summary>
        public string Destination { get; internal set; } = string.Empty;

        /// <summary>Whether the mount is writable.</summary>
        public bool ReadWrite { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => (Name ?? Source) + ":" + Destination + (ReadWrite ? string.Empty : ":ro");
    }

    /// <summary>A container's attachment to one network.</summary>
    public sealed class DockerContainerNetwork
    {
        /// <summary>The network's name.</summary>
        public string Network { get; internal set; } = string.Empty;

        /// <summary>The network's id.</summary>
        public string NetworkId { get; internal set; } = string.Empty;

        /// <summary>The container's IPv4 address on it.</summary>
        public string? IPAddress { get; internal set; }

        /// <summary>The network's gateway.</summary>
        public string? Gateway { get; internal set; }

        /// <summary>The container's MAC address on it.</summary>
        public string? MacAddress { get; internal set; }

        /// <summary>DNS aliases on that network.</summary>
        public IReadOnlyList<string> Aliases { get; internal set; } = Array.Empty<string>();

        /// <inheritdoc/>
        public override string ToString() => string.IsNullOrEmpty(IPAddress) ? Network : Network + " " + IPAddress;
    }

    /// <summary>A container's health check, as docker inspect's Config.Healthcheck.</summary>
    public sealed class DockerHealthcheck
    {
        /// <summary>The check: ["CMD-SHELL", "command"], ["CMD", "program", …] or ["NONE"].</summary>
        public IReadOnlyList<string> Test { get; internal set; } = Array.Empty<string>();

        /// <summary>Time between checks, or null for the default (30s).</summary>
        public TimeSpan? Interval { get; internal set; }

        /// <summary>Longest a check may run, or null for the default (30s).</summary>
        public TimeSpan? Timeout { get; internal set; }

        /// <summary>Time to start before failures count, or null for none.</summary>
        public TimeSpan? StartPeriod { get; internal set; }

        /// <summary>Failures in a row that make the container unhealthy, or null for the default (3).</summary>
        public long? Retries { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => string.Join(" ", Test);
    }

    /// <summary>One health check result.</summary>
    public sealed class DockerHealthResult
    {
        /// <summary>When the check started, in local time.</summary>
        public DateTime Start { get; internal set; }

        /// <summary>When it ended, in local time.</summary>
        public DateTime End { get; internal set; }

        /// <summary>Its exit code: 0 healthy, 1 unhealthy.</summary>
        public long ExitCode { get; internal set; }

        /// <summary>What the check printed.</summary>
        public string Output { get; internal set; } = string.Empty;
    }
}
