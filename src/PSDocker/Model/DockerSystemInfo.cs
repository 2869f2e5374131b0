using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>The output of <c>Get-DockerInfo</c> (docker info).</summary>
    public sealed class DockerSystemInfo : DockerObject
    {
        /// <summary>The engine host's name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The engine's unique id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The engine's version.</summary>
        public string ServerVersion { get; internal set; } = string.Empty;

        /// <summary>All containers.</summary>
        public long Containers { get; internal set; }

        /// <summary>Running containers.</summary>
        public long ContainersRunning { get; internal set; }

        /// <summary>Paused containers.</summary>
        public long ContainersPaused { get; internal set; }

        /// <summary>Stopped containers.</summary>
        public long ContainersStopped { get; internal set; }

        /// <summary>Images.</summary>
        public long Images { get; internal set; }

        /// <summary>The storage driver, e.g. overlay2.</summary>
        public string StorageDriver { get; internal set; } = string.Empty;

        /// <summary>The storage driver's own status lines.</summary>
        public IReadOnlyDictionary<string, string> StorageDriverStatus { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The logging driver new containers get.</summary>
        public string LoggingDriver { get; internal set; } = string.Empty;

        /// <summary>The cgroup driver: cgroupfs or systemd.</summary>
        public string CgroupDriver { get; internal set; } = string.Empty;

        /// <summary>The cgroup version: 1 or 2.</summary>
        public string? CgroupVersion { get; internal set; }

        /// <summary>The host's operating system, e.g. Debian GNU/Linux 12 (bookworm).</summary>
        public string OperatingSystem { get; internal set; } = string.Empty;

        /// <summary>The operating system's version.</summary>
        public string OSVersion { get; internal set; } = string.Empty;

        /// <summary>linux or windows.</summary>
        public string OSType { get; internal set; } = string.Empty;

        /// <summary>The host's architecture, e.g. x86_64.</summary>
        public string Architecture { get; internal set; } = string.Empty;

        /// <summary>The host's kernel version.</summary>
        public string KernelVersion { get; internal set; } = string.Empty;

        /// <summary>CPUs the engine can use.</summary>
        public long Cpus { get; internal set; }

        /// <summary>Memory the host has, in bytes.</summary>
        public long MemoryBytes { get; internal set; }

        /// <summary>Where the engine keeps its data.</summary>
        public string DockerRootDir { get; internal set; } = string.Empty;

        /// <summary>Swarm state of this node: inactive, pending, active, error or locked.</summary>
        public string SwarmState { get; internal set; } = string.Empty;

        /// <summary>This node's swarm id, when in a swarm.</summary>
        public string? SwarmNodeId { get; internal set; }

        /// <summary>Whether this node is a swarm manager.</summary>
        public bool SwarmManager { get; internal set; }

        /// <summary>The default registry.</summary>
        public string IndexServerAddress { get; internal set; } = string.Empty;

        /// <summary>Networks (CIDRs) whose registries may be used without TLS.</summary>
        public IReadOnlyList<string> InsecureRegistries { get; internal set; } = Array.Empty<string>();

        /// <summary>Registry mirrors.</summary>
        public IReadOnlyList<string> RegistryMirrors { get; internal set; } = Array.Empty<string>();

        /// <summary>Runtimes the engine offers.</summary>
        public IReadOnlyList<string> Runtimes { get; internal set; } = Array.Empty<string>();

        /// <summary>The runtime new containers get.</summary>
        public string DefaultRuntime { get; internal set; } = string.Empty;

        /// <summary>Security options, e.g. name=seccomp,profile=default.</summary>
        public IReadOnlyList<string> SecurityOptions { get; internal set; } = Array.Empty<string>();

        /// <summary>The engine's labels.</summary>
        public IReadOnlyList<string> Labels { get; internal set; } = Array.Empty<string>();

        /// <summary>Whether containers keep running while the engine restarts.</summary>
        public bool LiveRestoreEnabled { get; internal set; }

        /// <summary>Whether the engine runs in debug mode.</summary>
        public bool Debug { get; internal set; }

        /// <summary>The engine's proxy for outgoing HTTP.</summary>
        public string? HttpProxy { get; internal set; }

        /// <summary>The engine's proxy for outgoing HTTPS.</summary>
        public string? HttpsProxy { get; internal set; }

        /// <summary>Hosts the engine reaches without its proxy.</summary>
        public string? NoProxy { get; internal set; }

        /// <summary>The engine's warnings, as docker info prints them.</summary>
        public IReadOnlyList<string> Warnings { get; internal set; } = Array.Empty<string>();
    }
}
