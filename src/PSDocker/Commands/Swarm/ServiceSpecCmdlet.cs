using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>
    /// The settings New-DockerService and Update-DockerService share (docker service create/update flags), applied
    /// onto a spec: on a new one they set, on a service's current one they add or replace by key (environment
    /// variable, label, published target port, mount target, network, secret or config name); -Remove… parameters of
    /// Update-DockerService take away.
    /// </summary>
    public abstract class ServiceSpecCmdlet : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Environment variables of the tasks: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        [Alias("Env")]
        public object? Environment { get; set; }

        /// <summary>
        /// <para type="description">Labels of the service: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        public object? Label { get; set; }

        /// <summary>
        /// <para type="description">Labels of the tasks' containers: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        public object? ContainerLabel { get; set; }

        /// <summary>
        /// <para type="description">Ports to publish on every node (the swarm's routing mesh), as docker service create -p: 8080:80, 8080:80/udp, or published=8080,target=80,mode=host.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Publish { get; set; }

        /// <summary>
        /// <para type="description">Mounts of the tasks, as docker service create --mount: 'type=volume,source=data,target=/data' (or bind, tmpfs), or hashtables with the same keys.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public object[]? Mount { get; set; }

        /// <summary>
        /// <para type="description">Networks (names or ids; swarm-scoped, e.g. overlay) to attach the tasks to.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.NetworkCompleter))]
        public string[]? Network { get; set; }

        /// <summary>
        /// <para type="description">Placement constraints: node.role==manager, node.labels.zone!=a, node.hostname==…, node.id==…, node.platform.os==linux, engine.labels.KEY==value.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Constraint { get; set; }

        /// <summary>
        /// <para type="description">Placement preferences: spread=node.labels.zone spreads tasks evenly over the label's values.</para>
        /// </summary>
        [Parameter]
        [Alias("PlacementPref")]
        [ValidateNotNullOrEmpty]
        public string[]? PlacementPreference { get; set; }

        /// <summary>
        /// <para type="description">The most CPUs each task may use (e.g. 0.5).</para>
        /// </summary>
        [Parameter]
        public double? LimitCpu { get; set; }

        /// <summary>
        /// <para type="description">The most memory each task may use: bytes, or 512m, 1g.</para>
        /// </summary>
        [Parameter]
        public object? LimitMemory { get; set; }

        /// <summary>
        /// <para type="description">CPUs the swarm reserves for each task (a node without them free gets no task).</para>
        /// </summary>
        [Parameter]
        public double? ReserveCpu { get; set; }

        /// <summary>
        /// <para type="description">Memory the swarm reserves for each task: bytes, or 512m, 1g.</para>
        /// </summary>
        [Parameter]
        public object? ReserveMemory { get; set; }

        /// <summary>
        /// <para type="description">When a task that ended is replaced: none, on-failure or any (the default).</para>
        /// </summary>
        [Parameter]
        [ValidateSet("none", "on-failure", "any", IgnoreCase = true)]
        public string? RestartCondition { get; set; }

        /// <summary>
        /// <para type="description">How long to wait before replacing a task: a TimeSpan, seconds, or 5s / 1m30s.</para>
        /// </summary>
        [Parameter]
        public object? RestartDelay { get; set; }

        /// <summary>
        /// <para type="description">How many times a task is replaced before the swarm gives up (0: no limit).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? RestartMaxAttempts { get; set; }

        /// <summary>
        /// <para type="description">How many tasks an update replaces at once (0: all at once).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? UpdateParallelism { get; set; }

        /// <summary>
        /// <para type="description">How long to wait between replacing batches of tasks: a TimeSpan, seconds, or 10s.</para>
        /// </summary>
        [Parameter]
        public object? UpdateDelay { get; set; }

        /// <summary>
        /// <para type="description">What an update does when a task fails: pause (the default), continue or rollback.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("pause", "continue", "rollback", IgnoreCase = true)]
        public string? UpdateFailureAction { get; set; }

        /// <summary>
        /// <para type="description">stop-first (the default) stops the old task before starting the new one; start-first starts the new one first.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("stop-first", "start-first", IgnoreCase = true)]
        public string? UpdateOrder { get; set; }

        /// <summary>
        /// <para type="description">How long after a task's update it is watched for failure: a TimeSpan, seconds, or 5s.</para>
        /// </summary>
        [Parameter]
        public object? UpdateMonitor { get; set; }

        /// <summary>
        /// <para type="description">The share of an update's tasks that may fail before the failure action runs (0 to 1).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double? UpdateMaxFailureRatio { get; set; }

        /// <summary>
        /// <para type="description">How many tasks a rollback replaces at once (0: all at once).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? RollbackParallelism { get; set; }

        /// <summary>
        /// <para type="description">How long to wait between batches of a rollback: a TimeSpan, seconds, or 10s.</para>
        /// </summary>
        [Parameter]
        public object? RollbackDelay { get; set; }

        /// <summary>
        /// <para type="description">What a rollback does when a task fails: pause (the default) or continue.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("pause", "continue", IgnoreCase = true)]
        public string? RollbackFailureAction { get; set; }

        /// <summary>
        /// <para type="description">How long after a task's rollback it is watched for failure: a TimeSpan, seconds, or 5s.</para>
        /// </summary>
        [Parameter]
        public object? RollbackMonitor { get; set; }

        /// <summary>
        /// <para type="description">The share of a rollback's tasks that may fail before the failure action runs (0 to 1).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double? RollbackMaxFailureRatio { get; set; }

        /// <summary>
        /// <para type="description">stop-first (the default) or start-first, for a rollback's tasks.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("stop-first", "start-first", IgnoreCase = true)]
        public string? RollbackOrder { get; set; }

        /// <summary>
        /// <para type="description">Secrets the tasks get under /run/secrets: names, or source=name,target=file,uid=0,gid=0,mode=0444.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.SecretCompleter))]
        public string[]? Secret { get; set; }

        /// <summary>
        /// <para type="description">Configs the tasks get as files (at /name unless a target is given): names, or source=name,target=/path,uid=0,gid=0,mode=0444.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ConfigCompleter))]
        public string[]? Config { get; set; }

        /// <summary>
        /// <para type="description">Send the registry login the docker CLI stored for the image's registry (Connect-DockerRegistry) to the swarm, so nodes can pull a private image.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter WithRegistryAuth { get; set; }

        /// <summary>
        /// <para type="description">The working directory of the tasks' command.</para>
        /// </summary>
        [Parameter]
        [Alias("Workdir")]
        [ValidateNotNullOrEmpty]
        public string? WorkingDirectory { get; set; }

        /// <summary>
        /// <para type="description">The user the tasks run as (name or uid[:gid]).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? User { get; set; }

        /// <summary>
        /// <para type="description">The host name of the tasks' containers (templates like {{.Task.Slot}} are the swarm's).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Hostname { get; set; }

        /// <summary>
        /// <para type="description">How long a task may take to stop before it is killed: a TimeSpan, seconds, or 10s.</para>
        /// </summary>
        [Parameter]
        public object? StopGracePeriod { get; set; }

        /// <summary>
        /// <para type="description">Wait until the service has converged (its tasks running, an update done), writing progress; an update that pauses or rolls back is an error. Ctrl+C stops waiting (the service stays).</para>
        /// </summary>
        [Parameter]
        public new SwitchParameter Wait { get; set; }

        /// <summary>
        /// <para type="description">Files of KEY=value lines (# comments) added to the environment before -Environment, as docker service create --env-file.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? EnvFile { get; set; }

        /// <summary>
        /// <para type="description">Mount the tasks' root file system read-only (-ReadOnly:$false undoes it on update).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter ReadOnly { get; set; }

        /// <summary>
        /// <para type="description">Run an init process in the tasks that forwards signals and reaps processes (-Init:$false undoes it on update).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Init { get; set; }

        /// <summary>
        /// <para type="description">DNS servers of the tasks (IP addresses).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Dns { get; set; }

        /// <summary>
        /// <para type="description">Extra host-to-IP entries of the tasks' /etc/hosts, as host:ip.</para>
        /// </summary>
        [Parameter]
        [Alias("Host")]
        [ValidateNotNullOrEmpty]
        public string[]? AddHost { get; set; }

        /// <summary>
        /// <para type="description">Kernel capabilities to add to the tasks (NET_ADMIN, …; ALL).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CapAdd { get; set; }

        /// <summary>
        /// <para type="description">Kernel capabilities to take from the tasks.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CapDrop { get; set; }

        /// <summary>
        /// <para type="description">The signal that stops a task (SIGTERM unless the image says otherwise), by name or number.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StopSignal { get; set; }

        /// <summary>
        /// <para type="description">The most tasks of the service one node runs (0: no limit).</para>
        /// </summary>
        [Parameter]
        [Alias("ReplicasMaxPerNode")]
        [ValidateRange(0, int.MaxValue)]
        public int? MaxReplicasPerNode { get; set; }

        /// <summary>
        /// <para type="description">How other tasks reach the service: vip (a virtual IP, the default) or dnsrr (DNS round robin over the tasks).</para>
        /// </summary>
        [Parameter]
        [ValidateSet("vip", "dnsrr", IgnoreCase = true)]
        public string? EndpointMode { get; set; }

        /// <summary>
        /// <para type="description">The logging driver of the tasks (json-file, local, syslog, …).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogDriver { get; set; }

        /// <summary>
        /// <para type="description">Options of the logging driver: a hashtable or KEY=value strings (max-size=10m).</para>
        /// </summary>
        [Parameter]
        public object? LogOpt { get; set; }

        /// <summary>
        /// <para type="description">The most processes each task may have (0: no limit).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long? LimitPids { get; set; }

        /// <summary>
        /// <para type="description">The command that checks a task's health, run by its shell.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HealthCmd { get; set; }

        /// <summary>
        /// <para type="description">The time between two health checks: 30s, a TimeSpan or nanoseconds.</para>
        /// </summary>
        [Parameter]
        public object? HealthInterval { get; set; }

        /// <summary>
        /// <para type="description">The longest a health check may take: 30s, a TimeSpan or nanoseconds.</para>
        /// </summary>
        [Parameter]
        public object? HealthTimeout { get; set; }

        /// <summary>
        /// <para type="description">The time a task has to start before failed checks count: 30s, a TimeSpan or nanoseconds.</para>
        /// </summary>
        [Parameter]
        public object? HealthStartPeriod { get; set; }

        /// <summary>
        /// <para type="description">The failed checks in a row that make a task unhealthy (the swarm then replaces it).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? HealthRetries { get; set; }

        /// <summary>
        /// <para type="description">Turn off the image's health check.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter NoHealthcheck { get; set; }

        /// <summary>The parameters this record gave, checked: bad input fails here, before any request.</summary>
        internal sealed class Checked
        {
            public List<string> Environment = new List<string>();
            public Dictionary<string, string> Labels = new Dictionary<string, string>();
            public Dictionary<string, string> ContainerLabels = new Dictionary<string, string>();
            public List<PortConfig> Ports = new List<PortConfig>();
            public List<Mount> Mounts = new List<Mount>();
            public List<(string Source, string Target, string Uid, string Gid, uint Mode)> Secrets = new List<(string, string, string, string, uint)>();
            public List<(string Source, string Target, string Uid, string Gid, uint Mode)> Configs = new List<(string, string, string, string, uint)>();
            public List<PlacementPreference> Preferences = new List<PlacementPreference>();
            public List<string> Constraints = new List<string>();
            public long? LimitCpu, LimitMemory, ReserveCpu, ReserveMemory;
            public TimeSpan? RestartDelay, UpdateDelay, UpdateMonitor, StopGracePeriod, RollbackDelay, RollbackMonitor;
            public List<string>? Dns, Hosts, CapAdd, CapDrop;
            public string? StopSignal;
            public Dictionary<string, string> LogOptions = new Dictionary<string, string>();
            public HealthcheckConfig? Health;
            public bool HealthGiven;
        }

        internal Checked CheckSettings()
        {
            var c = new Checked();
            c.Environment = RunOptions.ReadFiles(EnvFile, path => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), environment: true);
            if (Environment != null)
            {
                c.Environment.AddRange(ContainerOptions.Environment(Environment));
            }

            c.Dns = Dns is null ? null : RunOptions.DnsServers(Dns);
            // The swarm keeps extra hosts as /etc/hosts lines ("IP host"), where docker run takes host:ip.
            c.Hosts = AddHost is null ? null : RunOptions.ExtraHosts(AddHost).Select(h => { var colon = h.IndexOf(':'); return h.Substring(colon + 1) + " " + h.Substring(0, colon); }).ToList();
            c.CapAdd = RunOptions.Capabilities(CapAdd);
            c.CapDrop = RunOptions.Capabilities(CapDrop);
            c.StopSignal = RunOptions.StopSignal(StopSignal);
            c.LogOptions = LogOpt is null ? c.LogOptions : RunOptions.Map(LogOpt, "InvalidLogOpt", "max-size=10m");
            c.HealthGiven = NoHealthcheck.IsPresent || HealthCmd != null || HealthInterval != null || HealthTimeout != null || HealthStartPeriod != null || HealthRetries != null;
            c.Health = RunOptions.Healthcheck(null, NoHealthcheck.IsPresent, HealthCmd, HealthInterval, HealthTimeout, HealthStartPeriod, HealthRetries); // checked here, applied onto the current one later
            c.Labels = ContainerOptions.Labels(Label);
            c.ContainerLabels = ContainerOptions.Labels(ContainerLabel);
            c.Ports = (Publish ?? Array.Empty<string>()).Select(ServiceOptions.Port).ToList();
            c.Mounts = Mount is null ? c.Mounts : MountArgument.Mounts(Mount);
            c.Secrets = (Secret ?? Array.Empty<string>()).Select(s => ServiceOptions.FileReference(s, "secret")).ToList();
            c.Configs = (Config ?? Array.Empty<string>()).Select(s => ServiceOptions.FileReference(s, "config")).ToList();
            c.Preferences = (PlacementPreference ?? Array.Empty<string>()).Select(ServiceOptions.Preference).ToList();
            c.Constraints = (Constraint ?? Array.Empty<string>()).Select(ServiceOptions.Constraint).ToList();
            c.LimitCpu = LimitCpu.HasValue ? ContainerOptions.NanoCpus(LimitCpu) : (long?)null;
            c.ReserveCpu = ReserveCpu.HasValue ? ContainerOptions.NanoCpus(ReserveCpu) : (long?)null;
            c.LimitMemory = LimitMemory is null ? (long?)null : ContainerOptions.Memory(LimitMemory);
            c.ReserveMemory = ReserveMemory is null ? (long?)null : ContainerOptions.Memory(ReserveMemory);
            c.RestartDelay = Duration(RestartDelay, "-RestartDelay");
            c.UpdateDelay = Duration(UpdateDelay, "-UpdateDelay");
            c.UpdateMonitor = Duration(UpdateMonitor, "-UpdateMonitor");
            c.StopGracePeriod = Duration(StopGracePeriod, "-StopGracePeriod");
            c.RollbackDelay = Duration(RollbackDelay, "-RollbackDelay");
            c.RollbackMonitor = Duration(RollbackMonitor, "-RollbackMonitor");
            return c;
        }

        private static TimeSpan? Duration(object? value, string parameter) =>
            value is null ? (TimeSpan?)null : TimeSpan.FromTicks(DurationArgument.Nanoseconds(value, parameter) / 100);

        /// <summary>Applies the checked settings onto <paramref name="spec"/>; secrets, configs and networks are looked up on the engine (unknown ones are typed errors).</summary>
        internal void Apply(ServiceSpec spec, Checked c, DockerSession session)
        {
            spec.TaskTemplate ??= new TaskSpec();
            var task = spec.TaskTemplate;
            task.ContainerSpec ??= new ContainerSpec();
            var container = task.ContainerSpec;

            if (c.Environment.Count > 0)
            {
                var env = (container.Env ?? new List<string>()).ToList();
                foreach (var variable in c.Environment)
                {
                    var key = variable.Split('=')[0];
                    env.RemoveAll(e => e.Split('=')[0] == key);
                    env.Add(variable);
                }

                container.Env = env;
            }

            spec.Labels = Merge(spec.Labels, c.Labels);
            container.Labels = Merge(container.Labels, c.ContainerLabels);

            if (c.Ports.Count > 0)
            {
                spec.EndpointSpec ??= new EndpointSpec();
                var ports = (spec.EndpointSpec.Ports ?? new List<PortConfig>()).ToList();
                foreach (var port in c.Ports)
                {
                    ports.RemoveAll(p => p.TargetPort == port.TargetPort && p.Protocol == port.Protocol);
                    ports.Add(port);
                }

                spec.EndpointSpec.Ports = ports;
            }

            if (c.Mounts.Count > 0)
            {
                var mounts = (container.Mounts ?? new List<Mount>()).ToList();
                foreach (var mount in c.Mounts)
                {
                    mounts.RemoveAll(m => m.Target == mount.Target);
                    mounts.Add(mount);
                }

                container.Mounts = mounts;
            }

            if (Network != null)
            {
                var known = Call(session, "Network", Network[0], ct => session.Client.Networks.ListNetworksAsync(new NetworksListParameters(), ct));
                var networks = (task.Networks ?? new List<NetworkAttachmentConfig>()).ToList();
                foreach (var name in Network)
                {
                    var network = known.FirstOrDefault(n => n.Name == name) ?? known.FirstOrDefault(n => n.ID.StartsWith(name, StringComparison.Ordinal));
                    if (network is null)
                    {
                        throw new DockerPSException("No network '" + name + "' exists on the swarm's manager. Get-DockerNetwork lists them; New-DockerNetwork -Driver overlay makes one for services.", "NetworkNotFound", ErrorCategory.ObjectNotFound, name);
                    }

                    if (network.Scope != "swarm")
                    {
                        throw new DockerPSException("The network '" + name + "' is " + network.Scope + "-scoped (driver " + network.Driver + "); services attach to swarm-scoped networks only. New-DockerNetwork -Driver overlay makes one.", "NetworkNotSwarmScoped", ErrorCategory.InvalidArgument, name);
                    }

                    networks.RemoveAll(n => n.Target == network.ID || n.Target == network.Name);
                    networks.Add(new NetworkAttachmentConfig { Target = network.ID });
                }

                task.Networks = networks;
            }

            if (c.Constraints.Count > 0 || c.Preferences.Count > 0)
            {
                task.Placement ??= new Placement();
                task.Placement.Constraints = (task.Placement.Constraints ?? new List<string>()).Concat(c.Constraints).Distinct().ToList();
                task.Placement.Preferences = (task.Placement.Preferences ?? new List<PlacementPreference>()).Concat(c.Preferences).ToList();
            }

            if (c.LimitCpu.HasValue || c.LimitMemory.HasValue)
            {
                task.Resources ??= new ResourceRequirements();
                task.Resources.Limits ??= new SwarmLimit();
                if (c.LimitCpu.HasValue) task.Resources.Limits.NanoCPUs = c.LimitCpu;
                if (c.LimitMemory.HasValue) task.Resources.Limits.MemoryBytes = c.LimitMemory;
            }

            if (c.ReserveCpu.HasValue || c.ReserveMemory.HasValue)
            {
                task.Resources ??= new ResourceRequirements();
                task.Resources.Reservations ??= new SwarmResources();
                if (c.ReserveCpu.HasValue) task.Resources.Reservations.NanoCPUs = c.ReserveCpu;
                if (c.ReserveMemory.HasValue) task.Resources.Reservations.MemoryBytes = c.ReserveMemory;
            }

            if (RestartCondition != null || c.RestartDelay.HasValue || RestartMaxAttempts.HasValue)
            {
                task.RestartPolicy ??= new SwarmRestartPolicy();
                if (RestartCondition != null) task.RestartPolicy.Condition = RestartCondition.ToLowerInvariant();
                if (c.RestartDelay.HasValue) task.RestartPolicy.Delay = c.RestartDelay;
                if (RestartMaxAttempts.HasValue) task.RestartPolicy.MaxAttempts = (ulong)RestartMaxAttempts.Value;
            }

            if (UpdateParallelism.HasValue || c.UpdateDelay.HasValue || UpdateFailureAction != null || UpdateOrder != null || c.UpdateMonitor.HasValue)
            {
                spec.UpdateConfig ??= new SwarmUpdateConfig { Parallelism = 1 };
                if (UpdateParallelism.HasValue) spec.UpdateConfig.Parallelism = (ulong)UpdateParallelism.Value;
                if (c.UpdateDelay.HasValue) spec.UpdateConfig.Delay = c.UpdateDelay;
                if (UpdateFailureAction != null) spec.UpdateConfig.FailureAction = UpdateFailureAction.ToLowerInvariant();
                if (UpdateOrder != null) spec.UpdateConfig.Order = UpdateOrder.ToLowerInvariant();
                if (c.UpdateMonitor.HasValue) spec.UpdateConfig.Monitor = c.UpdateMonitor;
            }

            if (UpdateMaxFailureRatio.HasValue)
            {
                spec.UpdateConfig ??= new SwarmUpdateConfig { Parallelism = 1 };
                spec.UpdateConfig.MaxFailureRatio = (float)UpdateMaxFailureRatio.Value;
            }

            if (RollbackParallelism.HasValue || c.RollbackDelay.HasValue || RollbackFailureAction != null || c.RollbackMonitor.HasValue || RollbackMaxFailureRatio.HasValue || RollbackOrder != null)
            {
                spec.RollbackConfig ??= new SwarmUpdateConfig { Parallelism = 1 };
                if (RollbackParallelism.HasValue) spec.RollbackConfig.Parallelism = (ulong)RollbackParallelism.Value;
                if (c.RollbackDelay.HasValue) spec.RollbackConfig.Delay = c.RollbackDelay;
                if (RollbackFailureAction != null) spec.RollbackConfig.FailureAction = RollbackFailureAction.ToLowerInvariant();
                if (c.RollbackMonitor.HasValue) spec.RollbackConfig.Monitor = c.RollbackMonitor;
                if (RollbackMaxFailureRatio.HasValue) spec.RollbackConfig.MaxFailureRatio = (float)RollbackMaxFailureRatio.Value;
                if (RollbackOrder != null) spec.RollbackConfig.Order = RollbackOrder.ToLowerInvariant();
            }

            if (c.Secrets.Count > 0)
            {
                var all = Call(session, "Secret", c.Secrets[0].Source, ct => session.Client.Secrets.ListAsync(ct));
                var refs = (container.Secrets ?? new List<SecretReference>()).ToList();
                foreach (var s in c.Secrets)
                {
                    var found = all.FirstOrDefault(x => x.Spec?.Name == s.Source) ?? throw new DockerPSException(
                        "No secret '" + s.Source + "' exists in the swarm. Get-DockerSecret lists them; New-DockerSecret makes one.", "SecretNotFound", ErrorCategory.ObjectNotFound, s.Source);
                    refs.RemoveAll(r => r.SecretName == s.Source || r.File?.Name == s.Target);
                    refs.Add(new SecretReference { SecretID = found.ID, SecretName = s.Source, File = new SecretReferenceFileTarget { Name = s.Target, UID = s.Uid, GID = s.Gid, Mode = s.Mode } });
                }

                container.Secrets = refs;
            }

            if (c.Configs.Count > 0)
            {
                var all = Call(session, "Config", c.Configs[0].Source, ct => session.Client.Configs.ListConfigsAsync(ct));
                var refs = (container.Configs ?? new List<SwarmConfigReference>()).ToList();
                foreach (var s in c.Configs)
                {
                    var found = all.FirstOrDefault(x => x.Spec?.Name == s.Source) ?? throw new DockerPSException(
                        "No config '" + s.Source + "' exists in the swarm. Get-DockerConfig lists them; New-DockerConfig makes one.", "ConfigNotFound", ErrorCategory.ObjectNotFound, s.Source);
                    refs.RemoveAll(r => r.ConfigName == s.Source || r.File?.Name == s.Target);
                    refs.Add(new SwarmConfigReference { ConfigID = found.ID, ConfigName = s.Source, File = new ConfigReferenceFileTarget { Name = s.Target, UID = s.Uid, GID = s.Gid, Mode = s.Mode } });
                }

                container.Configs = refs;
            }

            if (c.Dns != null)
            {
                container.DNSConfig ??= new DNSConfig();
                container.DNSConfig.Nameservers = c.Dns;
            }

            if (c.Hosts != null) container.Hosts = (container.Hosts ?? new List<string>()).Concat(c.Hosts).Distinct().ToList();
            if (c.CapAdd != null) container.CapabilityAdd = (container.CapabilityAdd ?? new List<string>()).Concat(c.CapAdd).Distinct().ToList();
            if (c.CapDrop != null) container.CapabilityDrop = (container.CapabilityDrop ?? new List<string>()).Concat(c.CapDrop).Distinct().ToList();
            if (c.StopSignal != null) container.StopSignal = c.StopSignal;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ReadOnly))) container.ReadOnly = ReadOnly.IsPresent;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Init))) container.Init = Init.IsPresent;
            if (c.HealthGiven)
            {
                container.Healthcheck = RunOptions.Healthcheck(container.Healthcheck, NoHealthcheck.IsPresent, HealthCmd, HealthInterval, HealthTimeout, HealthStartPeriod, HealthRetries)!;
            }

            if (MaxReplicasPerNode.HasValue)
            {
                task.Placement ??= new Placement();
                task.Placement.MaxReplicas = (ulong)MaxReplicasPerNode.Value;
            }

            if (EndpointMode != null)
            {
                spec.EndpointSpec ??= new EndpointSpec();
                spec.EndpointSpec.Mode = EndpointMode.ToLowerInvariant();
            }

            if (LogDriver != null || c.LogOptions.Count > 0)
            {
                task.LogDriver ??= new SwarmDriver();
                task.LogDriver.Name = LogDriver ?? task.LogDriver.Name ?? "json-file";
                task.LogDriver.Options = Merge(task.LogDriver.Options, c.LogOptions);
            }

            if (LimitPids.HasValue)
            {
                task.Resources ??= new ResourceRequirements();
                task.Resources.Limits ??= new SwarmLimit();
                task.Resources.Limits.Pids = LimitPids.Value;
            }

            if (WorkingDirectory != null) container.Dir = WorkingDirectory;
            if (User != null) container.User = User;
            if (Hostname != null) container.Hostname = Hostname;
            if (c.StopGracePeriod.HasValue) container.StopGracePeriod = c.StopGracePeriod;
        }

        /// <summary>
        /// docker service create --resolve-image always: the image pinned to the digest its registry has now, so every
        /// node runs the same bytes. A registry that says the image does not exist is the error ServiceImageNotFound
        /// (nothing is made); one that cannot be asked is a warning, and the tag is used as given, as the CLI does.
        /// </summary>
        internal string PinImage(DockerSession session, string image, AuthConfig? auth, TaskSpec? task = null)
        {
            if (!ImageReference.TryParse(image, out var reference))
            {
                throw new DockerPSException(ImageReference.Explain(image), "InvalidImageReference", ErrorCategory.InvalidArgument, image);
            }

            if (reference.Digest != null)
            {
                return image;
            }

            try
            {
                var (digest, platforms) = Call(session, "Distribution", image, ct => Api.ImageDigest.LookUpAsync(session, image, auth, ct));
                if (string.IsNullOrEmpty(digest))
                {
                    return image;
                }

                // As the CLI: the service is placed on the platforms the image is built for.
                if (task != null && platforms.Count > 0)
                {
                    task.Placement ??= new Placement();
                    task.Placement.Platforms = platforms;
                }

                return image + "@" + digest;
            }
            catch (DockerPSException e) when (e.Message.IndexOf("manifest unknown", StringComparison.OrdinalIgnoreCase) >= 0 || e.Message.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0 || e.ErrorId == "DistributionNotFound")
            {
                throw new DockerPSException(
                    "The registry has no image '" + image + "': " + e.Message.TrimEnd('.') + ". Check the name and tag (Publish-DockerImage pushes one), or give -ResolveImage Never to make the service anyway (its tasks will fail until the image exists).",
                    "ServiceImageNotFound", ErrorCategory.ObjectNotFound, image, e);
            }
            catch (DockerPSException e) when (!e.ErrorId.StartsWith("Docker", StringComparison.Ordinal))
            {
                WriteWarning("The image " + image + " could not be looked up in its registry to pin its digest (" + e.Message.TrimEnd('.') + "); each node pulls the tag as it is then, so they may run different versions.");
                return image;
            }
        }

        /// <summary>The login the CLI stored for the image's registry, when -WithRegistryAuth asks for it.</summary>
        internal AuthConfig? RegistryAuth(string image)
        {
            if (!WithRegistryAuth.IsPresent || !ImageReference.TryParse(image, out var reference))
            {
                return null;
            }

            var auth = global::PSDocker.Registry.RegistryCredentials.Find(global::PSDocker.Registry.RegistryCredentials.Key(reference.Registry));
            if (auth is null)
            {
                WriteWarning("-WithRegistryAuth: no login is stored for " + global::PSDocker.Registry.RegistryCredentials.Key(reference.Registry) + " (Connect-DockerRegistry stores one); the nodes pull without one.");
            }

            return auth;
        }

        private static IDictionary<string, string> Merge(IDictionary<string, string>? current, Dictionary<string, string> added)
        {
            var merged = new Dictionary<string, string>(current ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var pair in added)
            {
                merged[pair.Key] = pair.Value;
            }

            return merged;
        }
    }
}
