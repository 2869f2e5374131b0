using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PSDocker.Connection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PSDocker.Compose
{
    /// <summary>
    /// Reads compose files (format 3.x) as docker stack deploy reads them: every value interpolated, every key checked.
    /// A key the docker CLI ignores for stacks (build, restart, depends_on, …) is a warning naming it and its line; a key
    /// of another kind, or one this loader does not turn into the engine's objects, is the error ComposeUnsupportedKey
    /// naming key, file and line, so nothing written in a file is silently dropped. x- keys are extensions: ignored.
    /// </summary>
    internal sealed partial class ComposeLoader
    {
        // docker/cli cli/compose/types: what stack deploy ignores with "Ignoring unsupported options".
        private static readonly HashSet<string> IgnoredServiceKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "build", "cgroupns_mode", "cgroup_parent", "devices", "domainname", "external_links", "ipc", "links", "mac_address",
            "network_mode", "pid", "privileged", "restart", "security_opt", "shm_size", "userns_mode",
        };

        // … "Ignoring deprecated options", and keys of the format it reads but never uses for a service.
        private static readonly Dictionary<string, string> DeprecatedServiceKeys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["container_name"] = "Setting the container name is not supported.",
            ["expose"] = "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.",
            ["depends_on"] = "Swarm starts a stack's services in no particular order; depends_on is not used.",
            ["tmpfs"] = "docker stack deploy does not use tmpfs.",
        };

        // … and what it refuses outright (ForbiddenProperties), with its reasons.
        private static readonly Dictionary<string, string> ForbiddenServiceKeys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["extends"] = "Support for `extends` is not implemented.",
            ["volume_driver"] = "Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.",
            ["volumes_from"] = "To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.",
            ["cpu_quota"] = "Set resource limits using deploy.resources.",
            ["cpu_shares"] = "Set resource limits using deploy.resources.",
            ["cpuset"] = "Set resource limits using deploy.resources.",
            ["mem_limit"] = "Set resource limits using deploy.resources.",
            ["memswap_limit"] = "Set resource limits using deploy.resources.",
        };

        // Keys of the 3.x format that the docker CLI turns into engine settings but this loader does not (yet).
        private static readonly HashSet<string> NotYetSupported = new HashSet<string>(StringComparer.Ordinal)
        {
            "credential_spec", "isolation", "oom_score_adj", "consistency", "subpath", "generic_resources", "driver", "template_driver",
            "ipv4_address", "ipv6_address", "ip_range", "gateway", "aux_addresses", "dns_opt", "tmpfs_size",
        };

        private readonly Func<string, string?> _lookup;
        private readonly string _workingDirectory;
        private readonly List<ComposeWarning> _warnings;
        private string _file = string.Empty;

        private ComposeLoader(Func<string, string?> lookup, string workingDirectory, List<ComposeWarning> warnings)
        {
            _lookup = lookup;
            _workingDirectory = workingDirectory;
            _warnings = warnings;
        }

        /// <summary>
        /// Loads and merges <paramref name="paths"/> (later files override earlier ones). Variables come from
        /// <paramref name="environment"/>, then from a .env file next to the first file (the environment wins).
        /// </summary>
        public static ComposeProject Load(IReadOnlyList<string> paths, Func<string, string?> environment, string currentDirectory)
        {
            if (paths.Count == 0)
            {
                throw new DockerPSException("Give at least one compose file (-Path).", "ComposeFileNotFound", ErrorCategory.ObjectNotFound, null);
            }

            var full = new List<string>();
            foreach (var path in paths)
            {
                var resolved = Path.GetFullPath(Path.Combine(currentDirectory, path));
                if (!File.Exists(resolved))
                {
                    throw new DockerPSException(
                        "The compose file '" + path + "' does not exist" + (Directory.Exists(resolved) ? " (it is a folder)." : ".") + " Give the path of a compose file, such as ./docker-compose.yml.",
                        "ComposeFileNotFound", ErrorCategory.ObjectNotFound, path);
                }

                full.Add(resolved);
            }

            var project = new ComposeProject { WorkingDirectory = Path.GetDirectoryName(full[0]) ?? currentDirectory };
            var dotEnv = Path.Combine(project.WorkingDirectory, ".env");
            var fromDotEnv = new Dictionary<string, string>(StringComparer.Ordinal);
            if (File.Exists(dotEnv))
            {
                foreach (var pair in ComposeInterpolation.ReadEnvFile(dotEnv, environment, null))
                {
                    fromDotEnv[pair.Key] = pair.Value;
                }
            }

            string? Lookup(string name) => environment(name) ?? (fromDotEnv.TryGetValue(name, out var value) ? value : null);

            var loader = new ComposeLoader(Lookup, project.WorkingDirectory, project.Warnings);
            for (var i = 0; i < full.Count; i++)
            {
                var one = loader.LoadFile(full[i], paths[i]);
                project.Files.Add(full[i]);
                if (i == 0)
                {
                    project.Version = one.Version;
                }

                ComposeMerge.Into(project, one);
            }

            foreach (var service in project.Services.Values)
            {
                if (string.IsNullOrEmpty(service.Image))
                {
                    throw new DockerPSException(
                        service.Source + ": the service '" + service.Name + "' has no image. docker stack deploy does not build: give every service an image: (from a registry every node can reach).",
                        "ComposeInvalidValue", ErrorCategory.InvalidData, service.Source.File);
                }
            }

            return project;
        }

        private ComposeProject LoadFile(string path, string display)
        {
            _file = display;
            YamlStream stream;
            try
            {
                stream = new YamlStream();
                using var reader = new StreamReader(path);
                stream.Load(reader);
            }
            catch (YamlException e)
            {
                throw new DockerPSException(display + " line " + e.Start.Line + ": not valid YAML: " + (e.InnerException?.Message ?? e.Message), "ComposeInvalidYaml", ErrorCategory.InvalidData, display, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException("The compose file '" + display + "' cannot be read: " + e.Message, "ComposeFileUnreadable", ErrorCategory.ReadError, display, e);
            }

            if (stream.Documents.Count == 0 || !(stream.Documents[0].RootNode is YamlMappingNode root))
            {
                throw new DockerPSException(display + ": a compose file is a mapping with services: at the top; this one is " + (stream.Documents.Count == 0 ? "empty." : "something else."),
                    "ComposeInvalidValue", ErrorCategory.InvalidData, display);
            }

            var project = new ComposeProject();
            foreach (var (key, keyNode, value) in Entries(root))
            {
                switch (key)
                {
                    case "version":
                        project.Version = Str(value, key);
                        if (project.Version != null && !project.Version.StartsWith("3", StringComparison.Ordinal))
                        {
                            throw new DockerPSException(
                                At(value) + ": version " + project.Version + " is not a version of the compose file format 3, which is what docker stack deploy reads. Write version: \"3.8\" (or leave version out).",
                                "ComposeUnsupportedVersion", ErrorCategory.InvalidData, display);
                        }

                        break;
                    case "services":
                        foreach (var (name, nameNode, body) in Entries(Map(value, key)))
                        {
                            project.Services[name] = Service(name, nameNode, body);
                        }

                        break;
                    case "networks":
                        foreach (var (name, _, body) in Entries(Map(value, key)))
                        {
                            project.Networks[name] = Network(name, body);
                        }

                        break;
                    case "volumes":
                        foreach (var (name, _, body) in Entries(Map(value, key)))
                        {
                            project.Volumes[name] = Volume(name, body);
                        }

                        break;
                    case "secrets":
                    case "configs":
                        foreach (var (name, nameNode, body) in Entries(Map(value, key)))
                        {
                            (key == "secrets" ? project.Secrets : project.Configs)[name] = FileObject(key + "." + name, nameNode, body);
                        }

                        break;
                    default:
                        Unknown(key, key, keyNode);
                        break;
                }
            }

            return project;
        }

        private ComposeService Service(string name, YamlNode nameNode, YamlNode body)
        {
            var service = new ComposeService(name, At(nameNode));
            var path = "services." + name;
            if (IsNull(body))
            {
                return service;
            }

            foreach (var (key, keyNode, value) in Entries(Map(body, path)))
            {
                var here = path + "." + key;
                switch (key)
                {
                    case "image": service.Image = Str(value, here); break;
                    case "command": service.Command = ShellCommand(value, here); break;
                    case "entrypoint": service.Entrypoint = ShellCommand(value, here); break;
                    case "environment":
                        foreach (var pair in ListOrMap(value, here, allowNull: true))
                        {
                            service.Environment[pair.Key] = pair.Value;
                        }

                        break;
                    case "env_file":
                        service.EnvFile = StrList(value, here, allowString: true).Select(f => AbsolutePath(f)).ToList();
                        break;
                    case "labels":
                        foreach (var pair in ListOrMap(value, here, allowNull: false))
                        {
                            service.Labels[pair.Key] = pair.Value ?? string.Empty;
                        }

                        break;
                    case "deploy": Deploy(service.Deploy, value, here); break;
                    case "networks": service.Networks = ServiceNetworks(value, here); break;
                    case "ports": service.Ports = Ports(value, here); break;
                    case "secrets": service.Secrets = References(value, here); break;
                    case "configs": service.Configs = References(value, here); break;
                    case "volumes": service.Volumes = Mounts(value, here); break;
                    case "healthcheck": service.Healthcheck = Healthcheck(value, here); break;
                    case "hostname": service.Hostname = Str(value, here); break;
                    case "user": service.User = Str(value, here); break;
                    case "working_dir": service.WorkingDir = Str(value, here); break;
                    case "stop_signal": service.StopSignal = Str(value, here); break;
                    case "stop_grace_period": service.StopGracePeriod = Duration(value, here); break;
                    case "tty": service.Tty = Bool(value, here); break;
                    case "stdin_open": service.StdinOpen = Bool(value, here); break;
                    case "read_only": service.ReadOnly = Bool(value, here); break;
                    case "init": service.Init = Bool(value, here); break;
                    case "extra_hosts": service.ExtraHosts = ExtraHosts(value, here); break;
                    case "dns": service.Dns = StrList(value, here, allowString: true); break;
                    case "dns_search": service.DnsSearch = StrList(value, here, allowString: true); break;
                    case "cap_add": service.CapAdd = StrList(value, here, allowString: false); break;
                    case "cap_drop": service.CapDrop = StrList(value, here, allowString: false); break;
                    case "sysctls":
                        service.Sysctls = ListOrMap(value, here, allowNull: false).ToDictionary(p => p.Key, p => p.Value ?? string.Empty, StringComparer.Ordinal);
                        break;
                    case "logging":
                        var logging = new ComposeLogging();
                        foreach (var (lkey, lkeyNode, lvalue) in Entries(Map(value, here)))
                        {
                            if (lkey == "driver")
                            {
                                logging.Driver = Str(lvalue, here + ".driver");
                            }
                            else if (lkey == "options")
                            {
                                foreach (var pair in ListOrMap(lvalue, here + ".options", allowNull: false, mapOnly: true))
                                {
                                    logging.Options[pair.Key] = pair.Value ?? string.Empty;
                                }
                            }
                            else
                            {
                                Unknown(lkey, here + "." + lkey, lkeyNode);
                            }
                        }

                        service.Logging = logging;
                        break;
                    case "ulimits":
                        service.Ulimits = Ulimits(value, here);
                        break;
                    case "restart":
                        // Ignored by the CLI's list, yet still its fallback for deploy.restart_policy: both, as there.
                        service.Restart = Str(value, here);
                        Warn(here, keyNode, "docker stack deploy ignores restart (use deploy.restart_policy); it is only used when deploy.restart_policy is not given.");
                        break;
                    default:
                        if (IgnoredServiceKeys.Contains(key))
                        {
                            Warn(here, keyNode, "docker stack deploy does not support " + key + " and ignores it.");
                        }
                        else if (DeprecatedServiceKeys.TryGetValue(key, out var why))
                        {
                            Warn(here, keyNode, why);
                        }
                        else if (ForbiddenServiceKeys.TryGetValue(key, out var forbidden))
                        {
                            throw new DockerPSException(At(keyNode) + ": '" + here + "' is not supported by docker stack deploy. " + forbidden,
                                "ComposeUnsupportedKey", ErrorCategory.InvalidData, _file);
                        }
                        else
                        {
                            Unknown(key, here, keyNode);
                        }

                        break;
                }
            }

            if (service.EnvFile != null)
            {
                // As the CLI: env_file first, then environment over it; a name without a value there takes the process's.
                var merged = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var file in service.EnvFile)
                {
                    foreach (var pair in ComposeInterpolation.ReadEnvFile(file, _lookup, service.Source))
                    {
                        merged[pair.Key] = pair.Value;
                    }
                }

                foreach (var pair in service.Environment)
                {
                    merged[pair.Key] = pair.Value;
                }

                service.Environment.Clear();
                foreach (var pair in merged)
                {
                    service.Environment[pair.Key] = pair.Value;
                }
            }

            // A name without a value takes the process environment's value, when it has one (updateEnvironment).
            foreach (var variable in service.Environment.Where(p => string.IsNullOrEmpty(p.Value)).Select(p => p.Key).ToList())
            {
                if (_lookup(variable) is string fromEnvironment)
                {
                    service.Environment[variable] = fromEnvironment;
                }
            }

            return service;
        }

        private Dictionary<string, (long Soft, long Hard)> Ulimits(YamlNode node, string path)
        {
            var result = new Dictionary<string, (long Soft, long Hard)>(StringComparer.Ordinal);
            foreach (var (name, _, value) in Entries(Map(node, path)))
            {
                var here = path + "." + name;
                if (value is YamlScalarNode)
                {
                    var single = Long(value, here) ?? throw Invalid(value, here, "a number, or soft: and hard:");
                    result[name] = (single, single);
                    continue;
                }

                long? soft = null, hard = null;
                foreach (var (key, keyNode, limit) in Entries(Map(value, here)))
                {
                    switch (key)
                    {
                        case "soft": soft = Long(limit, here + ".soft"); break;
                        case "hard": hard = Long(limit, here + ".hard"); break;
                        default: Unknown(key, here + "." + key, keyNode); break;
                    }
                }

                result[name] = (soft ?? throw Invalid(value, here, "soft: and hard:"), hard ?? throw Invalid(value, here, "soft: and hard:"));
            }

            return result;
        }

        private void Deploy(ComposeDeploy deploy, YamlNode node, string path)
        {
            if (IsNull(node))
            {
                return;
            }

            foreach (var (key, keyNode, value) in Entries(Map(node, path)))
            {
                var here = path + "." + key;
                switch (key)
                {
                    case "mode":
                        deploy.Mode = Str(value, here);
                        if (deploy.Mode != null && deploy.Mode != "replicated" && deploy.Mode != "global" && deploy.Mode != "replicated-job" && deploy.Mode != "global-job")
                        {
                            throw Invalid(value, here, "replicated, global, replicated-job or global-job");
                        }

                        break;
                    case "replicas": deploy.Replicas = ULong(value, here); break;
                    case "labels":
                        foreach (var pair in ListOrMap(value, here, allowNull: false))
                        {
                            deploy.Labels[pair.Key] = pair.Value ?? string.Empty;
                        }

                        break;
                    case "endpoint_mode":
                        deploy.EndpointMode = Str(value, here);
                        if (deploy.EndpointMode != null && deploy.EndpointMode != "vip" && deploy.EndpointMode != "dnsrr")
                        {
                            throw Invalid(value, here, "vip or dnsrr");
                        }

                        break;
                    case "placement":
                        foreach (var (pkey, pkeyNode, pvalue) in Entries(Map(value, here)))
                        {
                            var phere = here + "." + pkey;
                            switch (pkey)
                            {
                                case "constraints": deploy.Constraints = StrList(pvalue, phere, allowString: false); break;
                                case "preferences":
                                    deploy.Preferences = new List<string>();
                                    foreach (var item in Seq(pvalue, phere))
                                    {
                                        foreach (var (skey, skeyNode, svalue) in Entries(Map(item, phere)))
                                        {
                                            if (skey != "spread")
                                            {
                                                Unknown(skey, phere + "." + skey, skeyNode);
                                            }

                                            deploy.Preferences.Add(Str(svalue, phere + ".spread") ?? string.Empty);
                                        }
                                    }

                                    break;
                                case "max_replicas_per_node": deploy.MaxReplicasPerNode = ULong(pvalue, phere); break;
                                default: Unknown(pkey, phere, pkeyNode); break;
                            }
                        }

                        break;
                    case "resources":
                        foreach (var (rkey, rkeyNode, rvalue) in Entries(Map(value, here)))
                        {
                            if (rkey == "limits")
                            {
                                deploy.Limits = Resources(rvalue, here + "." + rkey, allowPids: true);
                            }
                            else if (rkey == "reservations")
                            {
                                deploy.Reservations = Resources(rvalue, here + "." + rkey, allowPids: false);
                            }
                            else
                            {
                                Unknown(rkey, here + "." + rkey, rkeyNode);
                            }
                        }

                        break;
                    case "restart_policy":
                        var policy = new ComposeRestartPolicy();
                        foreach (var (rkey, rkeyNode, rvalue) in Entries(Map(value, here)))
                        {
                            var rhere = here + "." + rkey;
                            switch (rkey)
                            {
                                case "condition":
                                    policy.Condition = Str(rvalue, rhere);
                                    if (policy.Condition != null && policy.Condition != "none" && policy.Condition != "on-failure" && policy.Condition != "any")
                                    {
                                        throw Invalid(rvalue, rhere, "none, on-failure or any");
                                    }

                                    break;
                                case "delay": policy.Delay = Duration(rvalue, rhere); break;
                                case "max_attempts": policy.MaxAttempts = ULong(rvalue, rhere); break;
                                case "window": policy.Window = Duration(rvalue, rhere); break;
                                default: Unknown(rkey, rhere, rkeyNode); break;
                            }
                        }

                        deploy.RestartPolicy = policy;
                        break;
                    case "update_config": deploy.UpdateConfig = UpdateConfig(value, here); break;
                    case "rollback_config": deploy.RollbackConfig = UpdateConfig(value, here); break;
                    default: Unknown(key, here, keyNode); break;
                }
            }
        }

        private ComposeResources Resources(YamlNode node, string path, bool allowPids)
        {
            var resources = new ComposeResources();
            foreach (var (key, keyNode, value) in Entries(Map(node, path)))
            {
                var here = path + "." + key;
                switch (key)
                {
                    case "cpus": resources.NanoCpus = NanoCpus(value, here); break;
                    case "memory": resources.MemoryBytes = Bytes(value, here); break;
                    case "pids" when allowPids: resources.Pids = Long(value, here); break;
                    default: Unknown(key, here, keyNode); break;
                }
            }

            return resources;
        }

        private ComposeUpdateConfig UpdateConfig(YamlNode node, string path)
        {
            var config = new ComposeUpdateConfig();
            foreach (var (key, keyNode, value) in Entries(Map(node, path)))
            {
                var here = path + "." + key;
                switch (key)
                {
                    case "parallelism": config.Parallelism = ULong(value, here); break;
                    case "delay": config.Delay = Duration(value, here); break;
                    case "failure_action":
                        config.FailureAction = Str(value, here);
                        if (config.FailureAction != null && config.FailureAction != "pause" && config.FailureAction != "continue" && config.FailureAction != "rollback")
                        {
                            throw Invalid(value, here, "pause, continue or rollback");
                        }

                        break;
                    case "monitor": config.Monitor = Duration(value, here); break;
                    case "max_failure_ratio": config.MaxFailureRatio = Float(value, here); break;
                    case "order":
                        config.Order = Str(value, here);
                        if (config.Order != null && config.Order != "start-first" && config.Order != "stop-first")
                        {
                            throw Invalid(value, here, "start-first or stop-first");
                        }

                        break;
                    default: Unknown(key, here, keyNode); break;
                }
            }

            return config;
        }

        private Dictionary<string, ComposeServiceNetwork> ServiceNetworks(YamlNode node, string path)
        {
            var result = new Dictionary<string, ComposeServiceNetwork>(StringComparer.Ordinal);
            if (node is YamlSequenceNode)
            {
                foreach (var item in Seq(node, path))
                {
                    result[Str(item, path) ?? throw Invalid(item, path, "a network name")] = new ComposeServiceNetwork();
                }

                return result;
            }

            foreach (var (name, _, body) in Entries(Map(node, path)))
            {
                var network = new ComposeServiceNetwork();
                result[name] = network;
                if (IsNull(body))
                {
                    continue;
                }

                foreach (var (key, keyNode, value) in Entries(Map(body, path + "." + name)))
                {
                    var here = path + "." + name + "." + key;
                    switch (key)
                    {
                        case "aliases": network.Aliases.AddRange(StrList(value, here, allowString: false)); break;
                        case "driver_opts":
                            foreach (var pair in ListOrMap(value, here, allowNull: false, mapOnly: true))
                            {
                                network.DriverOpts[pair.Key] = pair.Value ?? string.Empty;
                            }

                            break;
                        default: Unknown(key, here, keyNode); break;
                    }
                }
            }

            return result;
        }

        private List<ComposeFileReference> References(YamlNode node, string path)
        {
            var result = new List<ComposeFileReference>();
            foreach (var item in Seq(node, path))
            {
                if (item is YamlScalarNode)
                {
                    result.Add(new ComposeFileReference(Str(item, path) ?? throw Invalid(item, path, "a name"), At(item)));
                    continue;
                }

                string? source = null, target = null, uid = null, gid = null;
                uint? mode = null;
                foreach (var (key, keyNode, value) in Entries(Map(item, path)))
                {
                    var here = path + "." + key;
                    switch (key)
                    {
                        case "source": source = Str(value, here); break;
                        case "target": target = Str(value, here); break;
                        case "uid": uid = Str(value, here); break;
                        case "gid": gid = Str(value, here); break;
                        case "mode": mode = FileMode(value, here); break;
                        default: Unknown(key, here, keyNode); break;
                    }
                }

                if (string.IsNullOrEmpty(source))
                {
                    throw Invalid(item, path, "a mapping with source:");
                }

                result.Add(new ComposeFileReference(source!, At(item)) { Target = target, Uid = uid, Gid = gid, Mode = mode });
            }

            return result;
        }

        private ComposeHealthcheck Healthcheck(YamlNode node, string path)
        {
            var check = new ComposeHealthcheck();
            foreach (var (key, keyNode, value) in Entries(Map(node, path)))
            {
                var here = path + "." + key;
                switch (key)
                {
                    case "test":
                        check.Test = value is YamlScalarNode
                            ? new List<string> { "CMD-SHELL", Str(value, here) ?? string.Empty }
                            : StrList(value, here, allowString: false);
                        break;
                    case "interval": check.Interval = Duration(value, here); break;
                    case "timeout": check.Timeout = Duration(value, here); break;
                    case "start_period": check.StartPeriod = Duration(value, here); break;
                    case "start_interval": check.StartInterval = Duration(value, here); break;
                    case "retries": check.Retries = Long(value, here); break;
                    case "disable": check.Disable = Bool(value, here) ?? false; break;
                    default: Unknown(key, here, keyNode); break;
                }
            }

            if (check.Disable && check.Test != null && check.Test.Count > 0)
            {
                throw Invalid(node, path, "test or disable, not both");
            }

            return check;
        }

        private ComposeNetwork Network(string name, YamlNode body)
        {
            var network = new ComposeNetwork();
            var path = "networks." + name;
            if (IsNull(body))
            {
                return network;
            }

            string? externalName = null;
            foreach (var (key, keyNode, value) in Entries(Map(body, path)))
            {
                var here = path + "." + key;
                switch (key)
                {
                    case "name": network.Name = Str(value, here); break;
                    case "driver": network.Driver = Str(value, here); break;
                    case "driver_opts":
                        foreach (var pair in ListOrMap(value, here, allowNull: false, mapOnly: true))
                        {
                            network.DriverOpts[pair.Key] = pair.Value ?? string.Empty;
                        }

                        break;
                    case "attachable": network.Attachable = Bool(value, here) ?? false; break;
                    case "internal": network.Internal = Bool(value, here) ?? false; break;
                    case "labels":
                        foreach (var pair in ListOrMap(value, here, allowNull: false))
                        {
                            network.Labels[pair.Key] = pair.Value ?? string.Empty;
                        }

                        break;
                    case "external": network.External = External(value, here, out externalName); break;
                    case "ipam":
                        foreach (var (ikey, ikeyNode, ivalue) in Entries(Map(value, here)))
                        {
                            var ihere = here + "." + ikey;
                            if (ikey == "driver")
                            {
                                network.IpamDriver = Str(ivalue, ihere);
                            }
                            else if (ikey == "config")
                            {
                                foreach (var item in Seq(ivalue, ihere))
                                {
                                    foreach (var (ckey, ckeyNode, cvalue) in Entries(Map(item, ihere)))
                                    {
                                        if (ckey != "subnet")
                                        {
                                            Unknown(ckey, ihere + "." + ckey, ckeyNode);
                                        }

                                        network.Subnets.Add(Str(cvalue, ihere + ".subnet") ?? string.Empty);
                                    }
                                }
                            }
                            else
                            {
                                Unknown(ikey, ihere, ikeyNode);
                            }
                        }

                        break;
                    default: Unknown(key, here, keyNode); break;
                }
            }

            if (network.External)
            {
                network.Name = ExternalName(network.Name, externalName, name, body, path);
            }

            return network;
        }

        private ComposeVolume Volume(string name, YamlNode body)
        {
            var volume = new ComposeVolume();
            var path = "volumes." + name;
            if (IsNull(body))
            {
                return volume;
            }

            string? externalName = null;
            foreach (var (key, keyNode, value) in Entries(Map(body, path)))
            {
                var here = path + "." + key;
                switch (key)
                {
                    case "name": volume.Name = Str(value, here); break;
                    case "driver": volume.Driver = Str(value, here); break;
                    case "driver_opts":
                        foreach (var pair in ListOrMap(value, here, allowNull: false, mapOnly: true))
                        {
                            volume.DriverOpts[pair.Key] = pair.Value ?? string.Empty;
                        }

                        break;
                    case "labels":
                        foreach (var pair in ListOrMap(value, here, allowNull: false))
                        {
                            volume.Labels[pair.Key] = pair.Value ?? string.Empty;
                        }

                        break;
                    case "external": volume.External = External(value, here, out externalName); break;
                    default: Unknown(key, here, keyNode); break;
                }
            }

            if (volume.External)
            {
                if (volume.Driver != null || volume.DriverOpts.Count > 0 || volume.Labels.Count > 0)
                {
                    throw Invalid(body, path, "an external volume without driver, driver_opts or labels (an external volume is made elsewhere)");
                }

                volume.Name = ExternalName(volume.Name, externalName, name, body, path);
            }

            return volume;
        }

        private ComposeFileObject FileObject(string path, YamlNode nameNode, YamlNode body)
        {
            var item = new ComposeFileObject(At(nameNode));
            string? externalName = null;
            foreach (var (key, keyNode, value) in Entries(Map(body, path)))
            {
                var here = path + "." + key;
                switch (key)
                {
                    case "name": item.Name = Str(value, here); break;
                    case "file": item.File = AbsolutePath(Str(value, here) ?? string.Empty); break;
                    case "external": item.External = External(value, here, out externalName); break;
                    case "labels":
                        foreach (var pair in ListOrMap(value, here, allowNull: false))
                        {
                            item.Labels[pair.Key] = pair.Value ?? string.Empty;
                        }

                        break;
                    default: Unknown(key, here, keyNode); break;
                }
            }

            if (item.External)
            {
                item.Name = ExternalName(item.Name, externalName, path.Substring(path.IndexOf('.') + 1), body, path);
                item.File = null;
            }
            else if (item.File is null)
            {
                throw Invalid(body, path, "file: (the file whose content it is) or external: true");
            }

            return item;
        }

        private bool External(YamlNode node, string path, out string? name)
        {
            name = null;
            if (node is YamlMappingNode)
            {
                foreach (var (key, keyNode, value) in Entries(Map(node, path)))
                {
                    if (key != "name")
                    {
                        Unknown(key, path + "." + key, keyNode);
                    }

                    name = Str(value, path + ".name");
                }

                return true;
            }

            return Bool(node, path) ?? false;
        }

        private string ExternalName(string? name, string? externalName, string key, YamlNode node, string path)
        {
            if (externalName != null && name != null)
            {
                throw Invalid(node, path, "name: or external.name:, not both (external.name is the old spelling of name)");
            }

            return externalName ?? name ?? key;
        }

        private string AbsolutePath(string path)
        {
            if (path.StartsWith("~", StringComparison.Ordinal) && _lookup("HOME") is string home)
            {
                path = home + path.Substring(1);
            }

            return Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(_workingDirectory, path));
        }
    }
}
