using System.Collections.Generic;
using System.Linq;

namespace PSDocker.Compose
{
    /// <summary>
    /// Merges a later compose file into what earlier ones gave, as the docker CLI does (cli/compose/loader/merge.go):
    /// a service named again is merged field by field — what the later file sets wins, maps (environment, labels)
    /// merge by key, ports by published port, secrets and configs by source, volumes by target, networks by name,
    /// other lists (cap_add, dns, extra_hosts, env_file, placement constraints) are appended, and command and entrypoint
    /// are replaced. Top-level networks, volumes, secrets and configs are replaced by name.
    /// </summary>
    /// <remarks>One difference: a later healthcheck test replaces the earlier one, where the CLI appends the two lists into a test no shell runs.</remarks>
    internal static class ComposeMerge
    {
        public static void Into(ComposeProject project, ComposeProject later)
        {
            foreach (var service in later.Services.Values)
            {
                project.Services[service.Name] = project.Services.TryGetValue(service.Name, out var earlier) ? Service(earlier, service) : service;
            }

            Replace(project.Networks, later.Networks);
            Replace(project.Volumes, later.Volumes);
            Replace(project.Secrets, later.Secrets);
            Replace(project.Configs, later.Configs);
            project.Warnings.AddRange(later.Warnings.Where(w => !project.Warnings.Contains(w)));
        }

        private static void Replace<T>(Dictionary<string, T> into, Dictionary<string, T> later)
        {
            foreach (var pair in later)
            {
                into[pair.Key] = pair.Value;
            }
        }

        private static ComposeService Service(ComposeService a, ComposeService b)
        {
            a.Image = b.Image ?? a.Image;
            a.Command = b.Command != null && b.Command.Count > 0 ? b.Command : a.Command;
            a.Entrypoint = b.Entrypoint != null && b.Entrypoint.Count > 0 ? b.Entrypoint : a.Entrypoint;
            Merge(a.Environment, b.Environment);
            a.EnvFile = Append(a.EnvFile, b.EnvFile);
            Merge(a.Labels, b.Labels);
            Deploy(a.Deploy, b.Deploy);
            if (b.Networks != null)
            {
                a.Networks ??= new Dictionary<string, ComposeServiceNetwork>();
                foreach (var pair in b.Networks)
                {
                    if (a.Networks.TryGetValue(pair.Key, out var earlier))
                    {
                        if (pair.Value.Aliases.Count > 0)
                        {
                            earlier.Aliases.Clear();
                            earlier.Aliases.AddRange(pair.Value.Aliases);
                        }

                        Merge(earlier.DriverOpts, pair.Value.DriverOpts);
                    }
                    else
                    {
                        a.Networks[pair.Key] = pair.Value;
                    }
                }
            }

            a.Ports = ByKey(a.Ports, b.Ports, p => p.Published ?? 0);
            a.Secrets = ByKey(a.Secrets, b.Secrets, s => s.Source);
            a.Configs = ByKey(a.Configs, b.Configs, c => c.Source);
            a.Volumes = ByKey(a.Volumes, b.Volumes, v => v.Target);
            if (b.Healthcheck != null)
            {
                if (a.Healthcheck is null)
                {
                    a.Healthcheck = b.Healthcheck;
                }
                else
                {
                    a.Healthcheck.Test = b.Healthcheck.Test ?? a.Healthcheck.Test;
                    a.Healthcheck.Interval = b.Healthcheck.Interval ?? a.Healthcheck.Interval;
                    a.Healthcheck.Timeout = b.Healthcheck.Timeout ?? a.Healthcheck.Timeout;
                    a.Healthcheck.StartPeriod = b.Healthcheck.StartPeriod ?? a.Healthcheck.StartPeriod;
                    a.Healthcheck.StartInterval = b.Healthcheck.StartInterval ?? a.Healthcheck.StartInterval;
                    a.Healthcheck.Retries = b.Healthcheck.Retries ?? a.Healthcheck.Retries;
                    a.Healthcheck.Disable = b.Healthcheck.Disable || a.Healthcheck.Disable;
                }
            }

            a.Hostname = b.Hostname ?? a.Hostname;
            a.User = b.User ?? a.User;
            a.WorkingDir = b.WorkingDir ?? a.WorkingDir;
            a.StopSignal = b.StopSignal ?? a.StopSignal;
            a.StopGracePeriod = b.StopGracePeriod ?? a.StopGracePeriod;
            a.Tty = b.Tty ?? a.Tty;
            a.StdinOpen = b.StdinOpen ?? a.StdinOpen;
            a.ReadOnly = b.ReadOnly ?? a.ReadOnly;
            a.Init = b.Init ?? a.Init;
            a.Restart = b.Restart ?? a.Restart;
            a.ExtraHosts = Append(a.ExtraHosts, b.ExtraHosts);
            a.Dns = Append(a.Dns, b.Dns);
            a.DnsSearch = Append(a.DnsSearch, b.DnsSearch);
            a.CapAdd = Append(a.CapAdd, b.CapAdd);
            a.CapDrop = Append(a.CapDrop, b.CapDrop);
            if (b.Logging != null)
            {
                // As the CLI: the same (or no) driver merges the options, another driver replaces the whole.
                if (a.Logging != null && (b.Logging.Driver is null || b.Logging.Driver == a.Logging.Driver))
                {
                    Merge(a.Logging.Options, b.Logging.Options);
                }
                else
                {
                    a.Logging = b.Logging;
                }
            }

            if (b.Ulimits != null)
            {
                a.Ulimits ??= new Dictionary<string, (long Soft, long Hard)>();
                Merge(a.Ulimits, b.Ulimits);
            }

            if (b.Sysctls != null)
            {
                a.Sysctls ??= new Dictionary<string, string>();
                Merge(a.Sysctls, b.Sysctls);
            }

            return a;
        }

        private static void Deploy(ComposeDeploy a, ComposeDeploy b)
        {
            a.Mode = b.Mode ?? a.Mode;
            a.Replicas = b.Replicas ?? a.Replicas;
            Merge(a.Labels, b.Labels);
            a.Constraints = Append(a.Constraints, b.Constraints);
            a.Preferences = Append(a.Preferences, b.Preferences);
            a.MaxReplicasPerNode = b.MaxReplicasPerNode ?? a.MaxReplicasPerNode;
            a.Limits = Resources(a.Limits, b.Limits);
            a.Reservations = Resources(a.Reservations, b.Reservations);
            if (b.RestartPolicy != null)
            {
                a.RestartPolicy ??= new ComposeRestartPolicy();
                a.RestartPolicy.Condition = b.RestartPolicy.Condition ?? a.RestartPolicy.Condition;
                a.RestartPolicy.Delay = b.RestartPolicy.Delay ?? a.RestartPolicy.Delay;
                a.RestartPolicy.MaxAttempts = b.RestartPolicy.MaxAttempts ?? a.RestartPolicy.MaxAttempts;
                a.RestartPolicy.Window = b.RestartPolicy.Window ?? a.RestartPolicy.Window;
            }

            a.UpdateConfig = Update(a.UpdateConfig, b.UpdateConfig);
            a.RollbackConfig = Update(a.RollbackConfig, b.RollbackConfig);
            a.EndpointMode = b.EndpointMode ?? a.EndpointMode;
        }

        private static ComposeResources? Resources(ComposeResources? a, ComposeResources? b)
        {
            if (a is null || b is null)
            {
                return b ?? a;
            }

            a.NanoCpus = b.NanoCpus ?? a.NanoCpus;
            a.MemoryBytes = b.MemoryBytes ?? a.MemoryBytes;
            a.Pids = b.Pids ?? a.Pids;
            return a;
        }

        private static ComposeUpdateConfig? Update(ComposeUpdateConfig? a, ComposeUpdateConfig? b)
        {
            if (a is null || b is null)
            {
                return b ?? a;
            }

            a.Parallelism = b.Parallelism ?? a.Parallelism;
            a.Delay = b.Delay ?? a.Delay;
            a.FailureAction = b.FailureAction ?? a.FailureAction;
            a.Monitor = b.Monitor ?? a.Monitor;
            a.MaxFailureRatio = b.MaxFailureRatio ?? a.MaxFailureRatio;
            a.Order = b.Order ?? a.Order;
            return a;
        }

        private static void Merge<TValue>(Dictionary<string, TValue> into, Dictionary<string, TValue> later)
        {
            foreach (var pair in later)
            {
                into[pair.Key] = pair.Value;
            }
        }

        private static List<string>? Append(List<string>? a, List<string>? b) =>
            a is null ? b : b is null ? a : a.Concat(b).ToList();

        private static List<T>? ByKey<T, TKey>(List<T>? a, List<T>? b, System.Func<T, TKey> key)
        {
            if (a is null || b is null)
            {
                return b ?? a;
            }

            var result = new List<T>(a);
            foreach (var item in b)
            {
                var at = result.FindIndex(x => EqualityComparer<TKey>.Default.Equals(key(x), key(item)));
                if (at >= 0)
                {
                    result[at] = item;
                }
                else
                {
                    result.Add(item);
                }
            }

            return result;
        }
    }
}
