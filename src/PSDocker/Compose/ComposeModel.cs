using System;
using System.Collections.Generic;

namespace PSDocker.Compose
{
    /// <summary>Where a compose value was written, for messages: "file line N".</summary>
    internal readonly struct ComposeSource
    {
        public ComposeSource(string file, int line)
        {
            File = file;
            Line = line;
        }

        public string File { get; }

        public int Line { get; }

        public override string ToString() => File + " line " + Line;
    }

    /// <summary>A key the docker CLI's stack deploy ignores, as it tells ("Ignoring unsupported options").</summary>
    internal sealed class ComposeWarning
    {
        public ComposeWarning(string key, ComposeSource source, string message)
        {
            Key = key;
            Source = source;
            Message = message;
        }

        public string Key { get; }

        public ComposeSource Source { get; }

        public string Message { get; }
    }

    /// <summary>
    /// One or more compose files (format 3.x) read and merged. Values the files leave out are null, so a later
    /// file overrides only what it sets, as the docker CLI merges them.
    /// </summary>
    internal sealed class ComposeProject
    {
        public List<string> Files { get; } = new List<string>();

        /// <summary>The folder of the first file: relative paths (env_file, secret files, binds) start there.</summary>
        public string WorkingDirectory { get; set; } = string.Empty;

        public string? Version { get; set; }

        public Dictionary<string, ComposeService> Services { get; } = new Dictionary<string, ComposeService>(StringComparer.Ordinal);

        public Dictionary<string, ComposeNetwork> Networks { get; } = new Dictionary<string, ComposeNetwork>(StringComparer.Ordinal);

        public Dictionary<string, ComposeVolume> Volumes { get; } = new Dictionary<string, ComposeVolume>(StringComparer.Ordinal);

        public Dictionary<string, ComposeFileObject> Secrets { get; } = new Dictionary<string, ComposeFileObject>(StringComparer.Ordinal);

        public Dictionary<string, ComposeFileObject> Configs { get; } = new Dictionary<string, ComposeFileObject>(StringComparer.Ordinal);

        public List<ComposeWarning> Warnings { get; } = new List<ComposeWarning>();
    }

    internal sealed class ComposeService
    {
        public ComposeService(string name, ComposeSource source)
        {
            Name = name;
            Source = source;
        }

        public string Name { get; }

        public ComposeSource Source { get; set; }

        public string? Image { get; set; }

        public List<string>? Command { get; set; }

        public List<string>? Entrypoint { get; set; }

        /// <summary>Variables; a null value is a name without '=' (the engine takes it from nowhere, as docker does).</summary>
        public Dictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

        /// <summary>Absolute paths of env_file entries, read into <see cref="Environment"/> by the loader.</summary>
        public List<string>? EnvFile { get; set; }

        public Dictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public ComposeDeploy Deploy { get; } = new ComposeDeploy();

        /// <summary>Networks by compose name; null when the service names none (it gets the stack's default network).</summary>
        public Dictionary<string, ComposeServiceNetwork>? Networks { get; set; }

        public List<ComposePort>? Ports { get; set; }

        public List<ComposeFileReference>? Secrets { get; set; }

        public List<ComposeFileReference>? Configs { get; set; }

        public List<ComposeMount>? Volumes { get; set; }

        public ComposeHealthcheck? Healthcheck { get; set; }

        public string? Hostname { get; set; }

        public string? User { get; set; }

        public string? WorkingDir { get; set; }

        public string? StopSignal { get; set; }

        public TimeSpan? StopGracePeriod { get; set; }

        public bool? Tty { get; set; }

        public bool? StdinOpen { get; set; }

        public bool? ReadOnly { get; set; }

        public bool? Init { get; set; }

        /// <summary>The service-level restart (docker run's form), used when deploy.restart_policy is not given.</summary>
        public string? Restart { get; set; }

        public List<string>? ExtraHosts { get; set; }

        public List<string>? Dns { get; set; }

        public List<string>? DnsSearch { get; set; }

        public List<string>? CapAdd { get; set; }

        public List<string>? CapDrop { get; set; }

        public Dictionary<string, string>? Sysctls { get; set; }

        public ComposeLogging? Logging { get; set; }

        /// <summary>ulimits by name (nofile, nproc, …): soft and hard (a single number sets both).</summary>
        public Dictionary<string, (long Soft, long Hard)>? Ulimits { get; set; }
    }

    internal sealed class ComposeLogging
    {
        public string? Driver { get; set; }

        public Dictionary<string, string> Options { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    internal sealed class ComposeDeploy
    {
        public string? Mode { get; set; }

        public ulong? Replicas { get; set; }

        public Dictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public List<string>? Constraints { get; set; }

        /// <summary>Spread descriptors of placement.preferences, e.g. node.labels.zone.</summary>
        public List<string>? Preferences { get; set; }

        public ulong? MaxReplicasPerNode { get; set; }

        public ComposeResources? Limits { get; set; }

        public ComposeResources? Reservations { get; set; }

        public ComposeRestartPolicy? RestartPolicy { get; set; }

        public ComposeUpdateConfig? UpdateConfig { get; set; }

        public ComposeUpdateConfig? RollbackConfig { get; set; }

        public string? EndpointMode { get; set; }
    }

    internal sealed class ComposeResources
    {
        /// <summary>CPUs in billionths (deploy.resources.*.cpus '0.5' is 500000000).</summary>
        public long? NanoCpus { get; set; }

        public long? MemoryBytes { get; set; }

        public long? Pids { get; set; }
    }

    internal sealed class ComposeRestartPolicy
    {
        public string? Condition { get; set; }

        public TimeSpan? Delay { get; set; }

        public ulong? MaxAttempts { get; set; }

        public TimeSpan? Window { get; set; }
    }

    internal sealed class ComposeUpdateConfig
    {
        public ulong? Parallelism { get; set; }

        public TimeSpan? Delay { get; set; }

        public string? FailureAction { get; set; }

        public TimeSpan? Monitor { get; set; }

        public float? MaxFailureRatio { get; set; }

        public string? Order { get; set; }
    }

    internal sealed class ComposeServiceNetwork
    {
        public List<string> Aliases { get; } = new List<string>();

        public Dictionary<string, string> DriverOpts { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    internal sealed class ComposePort
    {
        public uint Target { get; set; }

        public uint? Published { get; set; }

        public string Protocol { get; set; } = "tcp";

        /// <summary>ingress (the routing mesh) or host.</summary>
        public string Mode { get; set; } = "ingress";
    }

    /// <summary>A service's reference to a secret or config (short form: the source alone).</summary>
    internal sealed class ComposeFileReference
    {
        public ComposeFileReference(string source, ComposeSource where)
        {
            Source = source;
            Where = where;
        }

        public string Source { get; }

        public ComposeSource Where { get; }

        public string? Target { get; set; }

        public string? Uid { get; set; }

        public string? Gid { get; set; }

        public uint? Mode { get; set; }
    }

    /// <summary>A service volume: the short form [source:]target[:mode], or the long form's type, source, target and options.</summary>
    internal sealed class ComposeMount
    {
        public ComposeMount(ComposeSource where)
        {
            Where = where;
        }

        public ComposeSource Where { get; }

        /// <summary>volume, bind or tmpfs.</summary>
        public string Type { get; set; } = "volume";

        /// <summary>A volume name as written in the file, an absolute host path for a bind, or empty (anonymous volume).</summary>
        public string Source { get; set; } = string.Empty;

        public string Target { get; set; } = string.Empty;

        public bool ReadOnly { get; set; }

        public bool NoCopy { get; set; }

        public string? Propagation { get; set; }

        public long? TmpfsSize { get; set; }
    }

    internal sealed class ComposeHealthcheck
    {
        public List<string>? Test { get; set; }

        public TimeSpan? Interval { get; set; }

        public TimeSpan? Timeout { get; set; }

        public TimeSpan? StartPeriod { get; set; }

        public TimeSpan? StartInterval { get; set; }

        public long? Retries { get; set; }

        public bool Disable { get; set; }
    }

    internal sealed class ComposeNetwork
    {
        public string? Name { get; set; }

        public string? Driver { get; set; }

        public Dictionary<string, string> DriverOpts { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public bool Attachable { get; set; }

        public bool Internal { get; set; }

        public bool External { get; set; }

        public Dictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public string? IpamDriver { get; set; }

        public List<string> Subnets { get; } = new List<string>();
    }

    internal sealed class ComposeVolume
    {
        public string? Name { get; set; }

        public string? Driver { get; set; }

        public Dictionary<string, string> DriverOpts { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public bool External { get; set; }

        public Dictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>A top-level secret or config: a file made into the object, or an external one found by name.</summary>
    internal sealed class ComposeFileObject
    {
        public ComposeFileObject(ComposeSource where)
        {
            Where = where;
        }

        public ComposeSource Where { get; }

        public string? Name { get; set; }

        /// <summary>Absolute path of the file whose bytes become the object.</summary>
        public string? File { get; set; }

        public bool External { get; set; }

        public Dictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }
}
