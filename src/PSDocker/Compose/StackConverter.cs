using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;

namespace PSDocker.Compose
{
    /// <summary>A network the stack makes (unless it exists), by the name it gets.</summary>
    internal sealed class StackNetwork
    {
        public StackNetwork(string name, NetworksCreateParameters create)
        {
            Name = name;
            Create = create;
        }

        public string Name { get; }

        public NetworksCreateParameters Create { get; }
    }

    /// <summary>What a compose project becomes on a swarm, in the order it is made: networks, secrets, configs, services.</summary>
    internal sealed class StackPlan
    {
        public StackPlan(string stack)
        {
            Stack = stack;
        }

        public string Stack { get; }

        public List<StackNetwork> Networks { get; } = new List<StackNetwork>();

        /// <summary>Networks declared external: they must exist, swarm-scoped.</summary>
        public List<string> ExternalNetworks { get; } = new List<string>();

        public List<SwarmSecretSpec> Secrets { get; } = new List<SwarmSecretSpec>();

        public List<SwarmConfigSpec> Configs { get; } = new List<SwarmConfigSpec>();

        /// <summary>Service specs by their compose name. Secret, config and network references carry names; the deploy fills in ids.</summary>
        public SortedDictionary<string, ServiceSpec> Services { get; } = new SortedDictionary<string, ServiceSpec>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Turns a loaded compose project into engine specs as docker/cli cli/compose/convert does: objects are named
    /// &lt;stack&gt;_&lt;name&gt; unless they have a name: or are external, every one carries com.docker.stack.namespace,
    /// services also com.docker.stack.image, and a service that names no network joins &lt;stack&gt;_default (overlay)
    /// with its own name as an alias.
    /// </summary>
    internal static class StackConverter
    {
        public const string NamespaceLabel = "com.docker.stack.namespace";
        public const string ImageLabel = "com.docker.stack.image";
        private const string DefaultNetwork = "default";

        public static string Scope(string stack, string name) => stack + "_" + name;

        public static StackPlan Convert(ComposeProject project, string stack)
        {
            var plan = new StackPlan(stack);
            var used = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var service in project.Services.Values)
            {
                if (service.Networks is null || service.Networks.Count == 0)
                {
                    used.Add(DefaultNetwork);
                    continue;
                }

                foreach (var name in service.Networks.Keys)
                {
                    if (name != DefaultNetwork && !project.Networks.ContainsKey(name))
                    {
                        throw Undefined(service, "network", name, "networks");
                    }

                    used.Add(name);
                }
            }

            foreach (var name in used)
            {
                project.Networks.TryGetValue(name, out var network);
                network ??= new ComposeNetwork();
                if (network.External)
                {
                    plan.ExternalNetworks.Add(network.Name ?? name);
                    continue;
                }

                var create = new NetworksCreateParameters
                {
                    Name = network.Name ?? Scope(stack, name),
                    Driver = network.Driver ?? "overlay",
                    Options = new Dictionary<string, string>(network.DriverOpts),
                    Internal = network.Internal,
                    Attachable = network.Attachable,
                    Labels = WithStack(network.Labels, stack),
                };
                if (network.IpamDriver != null || network.Subnets.Count > 0)
                {
                    create.IPAM = new IPAM
                    {
                        Driver = network.IpamDriver!,
                        Config = network.Subnets.Select(s => new IPAMConfig { Subnet = s }).ToList(),
                    };
                }

                plan.Networks.Add(new StackNetwork(create.Name, create));
            }

            foreach (var pair in project.Secrets.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => !p.Value.External))
            {
                plan.Secrets.Add(new SwarmSecretSpec { Name = pair.Value.Name ?? Scope(stack, pair.Key), Labels = WithStack(pair.Value.Labels, stack), Data = Read(pair.Value, "secret", pair.Key) });
            }

            foreach (var pair in project.Configs.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => !p.Value.External))
            {
                plan.Configs.Add(new SwarmConfigSpec { Name = pair.Value.Name ?? Scope(stack, pair.Key), Labels = WithStack(pair.Value.Labels, stack), Data = Read(pair.Value, "config", pair.Key) });
            }

            foreach (var service in project.Services.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                plan.Services[service.Name] = Service(project, service, stack);
            }

            return plan;
        }

        private static byte[] Read(ComposeFileObject item, string kind, string name)
        {
            try
            {
                return File.ReadAllBytes(item.File!);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new DockerPSException(item.Where + ": the file '" + item.File + "' of the " + kind + " '" + name + "' does not exist. Paths are relative to the folder of the first compose file.",
                    "ComposeFileNotFound", ErrorCategory.ObjectNotFound, item.File, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException("The file '" + item.File + "' of the " + kind + " '" + name + "' cannot be read: " + e.Message, "ComposeFileUnreadable", ErrorCategory.ReadError, item.File, e);
            }
        }

        private static DockerPSException Undefined(ComposeService service, string kind, string name, string section) =>
            new DockerPSException(
                service.Source + ": the service '" + service.Name + "' uses the " + kind + " '" + name + "', which the file does not define. Define it under the top-level " + section + ": key (external: true for one that exists already).",
                "ComposeUndefinedReference", ErrorCategory.InvalidData, service.Source.File);

        internal static Dictionary<string, string> WithStack(Dictionary<string, string> labels, string stack) =>
            new Dictionary<string, string>(labels, StringComparer.Ordinal) { [NamespaceLabel] = stack };

        private static ServiceSpec Service(ComposeProject project, ComposeService service, string stack)
        {
            var deploy = service.Deploy;
            var labels = WithStack(deploy.Labels, stack);
            labels[ImageLabel] = service.Image!;
            var container = new ContainerSpec
            {
                Image = service.Image,
                Command = service.Entrypoint,
                Args = service.Command,
                Hostname = service.Hostname,
                Hosts = service.ExtraHosts?.Select(h => h.Substring(h.IndexOf(':') + 1) + " " + h.Substring(0, h.IndexOf(':'))).ToList(),
                DNSConfig = service.Dns?.Count > 0 || service.DnsSearch?.Count > 0 ? new DNSConfig { Nameservers = service.Dns, Search = service.DnsSearch } : null,
                Healthcheck = Healthcheck(service.Healthcheck),
                Env = service.Environment.Select(p => p.Value is null ? p.Key : p.Key + "=" + p.Value).OrderBy(e => e, StringComparer.Ordinal).ToList(),
                Labels = WithStack(service.Labels, stack),
                Dir = service.WorkingDir,
                User = service.User,
                Mounts = (service.Volumes ?? new List<ComposeMount>()).Select(m => Mount(project, service, m, stack)).ToList(),
                StopGracePeriod = service.StopGracePeriod,
                StopSignal = service.StopSignal,
                TTY = service.Tty,
                OpenStdin = service.StdinOpen,
                ReadOnly = service.ReadOnly,
                Init = service.Init,
                // As the CLI: an empty set of privileges (no credential spec, SELinux context or no-new-privileges).
                Privileges = new Privileges(),
                Sysctls = service.Sysctls,
                Ulimits = service.Ulimits?.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new Ulimit { Name = u.Key, Soft = u.Value.Soft, Hard = u.Value.Hard }).ToList(),
                CapabilityAdd = Capabilities(service.CapAdd),
                CapabilityDrop = Capabilities(service.CapDrop),
                Secrets = (service.Secrets ?? new List<ComposeFileReference>())
                    .Select(r => new SecretReference { SecretName = ReferenceName(project.Secrets, service, r, stack, "secret", "secrets"), File = new SecretReferenceFileTarget { Name = r.Target ?? r.Source, UID = r.Uid ?? "0", GID = r.Gid ?? "0", Mode = r.Mode ?? DefaultFileMode } })
                    .OrderBy(r => r.SecretName, StringComparer.Ordinal).ThenBy(r => r.File?.Name, StringComparer.Ordinal).ToList(),
                Configs = (service.Configs ?? new List<ComposeFileReference>())
                    .Select(r => new SwarmConfigReference { ConfigName = ReferenceName(project.Configs, service, r, stack, "config", "configs"), File = new ConfigReferenceFileTarget { Name = r.Target ?? r.Source, UID = r.Uid ?? "0", GID = r.Gid ?? "0", Mode = r.Mode ?? DefaultFileMode } })
                    .OrderBy(r => r.ConfigName, StringComparer.Ordinal).ThenBy(r => r.File?.Name, StringComparer.Ordinal).ToList(),
            };

            var networks = service.Networks is null || service.Networks.Count == 0
                ? new Dictionary<string, ComposeServiceNetwork> { [DefaultNetwork] = new ComposeServiceNetwork() }
                : service.Networks;
            var attachments = networks.Select(pair =>
            {
                project.Networks.TryGetValue(pair.Key, out var network);
                var target = network?.Name ?? Scope(stack, pair.Key);
                var aliases = new List<string>(pair.Value.Aliases);
                if (!IsBuiltIn(target))
                {
                    aliases.Add(service.Name);
                }

                return new NetworkAttachmentConfig { Target = target, Aliases = aliases, DriverOpts = pair.Value.DriverOpts.Count > 0 ? new Dictionary<string, string>(pair.Value.DriverOpts) : null };
            }).OrderBy(n => n.Target, StringComparer.Ordinal).ToList();

            return new ServiceSpec
            {
                Name = Scope(stack, service.Name),
                Labels = labels,
                TaskTemplate = new TaskSpec
                {
                    ContainerSpec = container,
                    Resources = new ResourceRequirements
                    {
                        Limits = deploy.Limits is null ? null : new SwarmLimit { NanoCPUs = deploy.Limits.NanoCpus ?? 0, MemoryBytes = deploy.Limits.MemoryBytes ?? 0, Pids = deploy.Limits.Pids },
                        Reservations = deploy.Reservations is null ? null : new SwarmResources { NanoCPUs = deploy.Reservations.NanoCpus ?? 0, MemoryBytes = deploy.Reservations.MemoryBytes ?? 0 },
                    },
                    RestartPolicy = RestartPolicy(service),
                    Placement = new Placement
                    {
                        Constraints = deploy.Constraints,
                        Preferences = deploy.Preferences?.Select(p => new PlacementPreference { Spread = new SpreadOver { SpreadDescriptor = p } }).ToList(),
                        MaxReplicas = deploy.MaxReplicasPerNode,
                    },
                    Networks = attachments,
                    LogDriver = service.Logging is null ? null : new SwarmDriver { Name = service.Logging.Driver!, Options = new Dictionary<string, string>(service.Logging.Options) },
                },
                EndpointSpec = new EndpointSpec
                {
                    Mode = deploy.EndpointMode?.ToLowerInvariant(),
                    Ports = (service.Ports ?? new List<ComposePort>())
                        .Select(p => new PortConfig { Protocol = p.Protocol, TargetPort = p.Target, PublishedPort = p.Published, PublishMode = p.Mode })
                        // The CLI's order (swarm.PortConfig.Compare): published port, target port, protocol, mode.
                        .OrderBy(p => p.PublishedPort ?? 0).ThenBy(p => p.TargetPort ?? 0).ThenBy(p => p.Protocol, StringComparer.Ordinal).ThenBy(p => p.PublishMode, StringComparer.Ordinal)
                        .ToList(),
                },
                Mode = Mode(deploy),
                UpdateConfig = Update(deploy.UpdateConfig),
                RollbackConfig = Update(deploy.RollbackConfig),
            };
        }

        // 0444, as the CLI gives a secret or config file without a mode.
        private const uint DefaultFileMode = 292;

        // docker's IsUserDefined: the engine's own networks take no aliases.
        private static bool IsBuiltIn(string network) =>
            network == "host" || network == "bridge" || network == "none" || network == "default" || network.StartsWith("container:", StringComparison.Ordinal);

        private static string ReferenceName(Dictionary<string, ComposeFileObject> defined, ComposeService service, ComposeFileReference reference, string stack, string kind, string section)
        {
            if (!defined.TryGetValue(reference.Source, out var item))
            {
                throw new DockerPSException(
                    reference.Where + ": the service '" + service.Name + "' uses the " + kind + " '" + reference.Source + "', which the file does not define. Define it under the top-level " + section + ": key (external: true for one that exists already).",
                    "ComposeUndefinedReference", ErrorCategory.InvalidData, reference.Where.File);
            }

            return item.Name ?? Scope(stack, reference.Source);
        }

        private static Mount Mount(ComposeProject project, ComposeService service, ComposeMount mount, string stack)
        {
            var result = new Mount { Type = mount.Type, Target = mount.Target, ReadOnly = mount.ReadOnly ? true : (bool?)null, Source = mount.Source.Length > 0 ? mount.Source : null };
            if (mount.Type == "tmpfs")
            {
                result.TmpfsOptions = mount.TmpfsSize is null ? null : new TmpfsOptions { SizeBytes = mount.TmpfsSize };
                return result;
            }

            if (mount.Type == "bind")
            {
                if (mount.Propagation != null)
                {
                    result.BindOptions = new BindOptions { Propagation = mount.Propagation };
                }

                return result;
            }

            if (mount.Source.Length == 0)
            {
                return result;
            }

            if (!project.Volumes.TryGetValue(mount.Source, out var volume))
            {
                throw new DockerPSException(
                    mount.Where + ": the service '" + service.Name + "' mounts the volume '" + mount.Source + "', which the file does not define. Define it under the top-level volumes: key, or write a path (./data, /srv/data) for a bind mount.",
                    "ComposeUndefinedReference", ErrorCategory.InvalidData, mount.Where.File);
            }

            result.Source = volume.Name ?? Scope(stack, mount.Source);
            result.VolumeOptions = new VolumeOptions { NoCopy = mount.NoCopy ? true : (bool?)null };
            if (!volume.External)
            {
                result.VolumeOptions.Labels = WithStack(volume.Labels, stack);
                if (volume.Driver != null || volume.DriverOpts.Count > 0)
                {
                    result.VolumeOptions.DriverConfig = new Driver { Name = volume.Driver, Options = new Dictionary<string, string>(volume.DriverOpts) };
                }
            }

            return result;
        }

        private static HealthcheckConfig? Healthcheck(ComposeHealthcheck? check)
        {
            if (check is null)
            {
                return null;
            }

            if (check.Disable)
            {
                return new HealthcheckConfig { Test = new List<string> { "NONE" } };
            }

            return new HealthcheckConfig
            {
                Test = check.Test,
                Interval = check.Interval ?? TimeSpan.Zero,
                Timeout = check.Timeout ?? TimeSpan.Zero,
                StartPeriod = check.StartPeriod ?? TimeSpan.Zero,
                StartInterval = check.StartInterval ?? TimeSpan.Zero,
                Retries = check.Retries ?? 0,
            };
        }

        // docker's EffectiveCapAddCapDrop, in short: upper case, CAP_ prefixed, ALL as it is.
        private static List<string>? Capabilities(List<string>? capabilities) =>
            capabilities?.Select(c => c.ToUpperInvariant()).Select(c => c == "ALL" || c.StartsWith("CAP_", StringComparison.Ordinal) ? c : "CAP_" + c).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();

        private static SwarmRestartPolicy? RestartPolicy(ComposeService service)
        {
            var policy = service.Deploy.RestartPolicy;
            if (policy != null)
            {
                return new SwarmRestartPolicy { Condition = policy.Condition, Delay = policy.Delay, MaxAttempts = policy.MaxAttempts, Window = policy.Window };
            }

            if (string.IsNullOrEmpty(service.Restart))
            {
                return null;
            }

            // The service-level restart, as docker run reads it: no, always, unless-stopped, on-failure[:N].
            var parts = service.Restart!.Split(':');
            ulong? attempts = parts.Length == 2 && ulong.TryParse(parts[1], out var n) && n > 0 ? n : (ulong?)null;
            switch (parts[0])
            {
                case "no":
                    return null;
                case "always":
                case "unless-stopped":
                    return new SwarmRestartPolicy { Condition = "any", MaxAttempts = attempts };
                case "on-failure":
                    return new SwarmRestartPolicy { Condition = "on-failure", MaxAttempts = attempts };
                default:
                    throw new DockerPSException(
                        service.Source + ": the restart policy '" + service.Restart + "' of the service '" + service.Name + "' is none of no, always, on-failure[:N] or unless-stopped.",
                        "ComposeInvalidValue", ErrorCategory.InvalidData, service.Source.File);
            }
        }

        private static SwarmUpdateConfig? Update(ComposeUpdateConfig? config) =>
            config is null ? null : new SwarmUpdateConfig
            {
                Parallelism = config.Parallelism ?? 1,
                Delay = config.Delay ?? TimeSpan.Zero,
                FailureAction = config.FailureAction,
                Monitor = config.Monitor ?? TimeSpan.Zero,
                MaxFailureRatio = config.MaxFailureRatio ?? 0,
                Order = config.Order!,
            };

        private static ServiceMode Mode(ComposeDeploy deploy)
        {
            switch (deploy.Mode)
            {
                case "global":
                case "global-job":
                    if (deploy.Replicas != null)
                    {
                        throw new DockerPSException("deploy.replicas goes only with the replicated or replicated-job mode, not " + deploy.Mode + ".", "ComposeInvalidValue", ErrorCategory.InvalidData, deploy.Mode);
                    }

                    return deploy.Mode == "global" ? new ServiceMode { Global = new GlobalService() } : new ServiceMode { GlobalJob = new GlobalJob() };
                case "replicated-job":
                    return new ServiceMode { ReplicatedJob = new ReplicatedJob { MaxConcurrent = deploy.Replicas, TotalCompletions = deploy.Replicas } };
                default:
                    return new ServiceMode { Replicated = new ReplicatedService { Replicas = deploy.Replicas } };
            }
        }
    }
}
