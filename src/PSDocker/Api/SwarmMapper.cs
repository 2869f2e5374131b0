using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;

namespace PSDocker.Api
{
    /// <summary>Maps the client library's swarm models (swarm, nodes, services, tasks, secrets, configs) to ours.</summary>
    internal static class SwarmMapper
    {
        public static DockerSwarm Swarm(SwarmInspectResponse s, SystemInfoResponse? info, DockerEndpoint endpoint) =>
            DockerEndpoint.Stamp(new DockerSwarm
            {
                Id = s.ID ?? string.Empty,
                NodeId = info?.Swarm?.NodeID ?? string.Empty,
                NodeAddress = info?.Swarm?.NodeAddr ?? string.Empty,
                JoinTokens = new DockerSwarmJoinTokens { Worker = s.JoinTokens?.Worker ?? string.Empty, Manager = s.JoinTokens?.Manager ?? string.Empty },
                Autolock = s.Spec?.EncryptionConfig?.AutoLockManagers ?? false,
                TaskHistoryLimit = s.Spec?.Orchestration?.TaskHistoryRetentionLimit ?? 0,
                CertificateExpiry = s.Spec?.CAConfig?.NodeCertExpiry is TimeSpan expiry && expiry > TimeSpan.Zero ? expiry : (TimeSpan?)null,
                DataPathPort = s.DataPathPort,
                DefaultAddressPool = (s.DefaultAddrPool ?? new List<string>()).ToArray(),
                SubnetSize = s.SubnetSize,
                Nodes = info?.Swarm?.Nodes ?? 0,
                Managers = info?.Swarm?.Managers ?? 0,
                Version = s.Version?.Index ?? 0,
                Created = Local(s.CreatedAt),
                Updated = Local(s.UpdatedAt),
            }, endpoint);

        public static DockerNode Node(NodeListResponse n, string selfId, DockerEndpoint endpoint) =>
            DockerEndpoint.Stamp(new DockerNode
            {
                Id = n.ID ?? string.Empty,
                Name = n.Spec?.Name ?? string.Empty,
                Hostname = n.Description?.Hostname ?? string.Empty,
                Self = !string.IsNullOrEmpty(selfId) && n.ID == selfId,
                Status = Title(n.Status?.State),
                Availability = Title(n.Spec?.Availability),
                Role = Title(n.Spec?.Role),
                ManagerStatus = n.ManagerStatus is null ? string.Empty : n.ManagerStatus.Leader == true ? "Leader" : Title(n.ManagerStatus.Reachability),
                EngineVersion = n.Description?.Engine?.EngineVersion ?? string.Empty,
                Address = n.Status?.Addr ?? string.Empty,
                Labels = Copy(n.Spec?.Labels),
                EngineLabels = Copy(n.Description?.Engine?.Labels),
                Platform = n.Description?.Platform is null ? string.Empty : n.Description.Platform.OS + "/" + n.Description.Platform.Architecture,
                Cpus = (n.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
                MemoryBytes = n.Description?.Resources?.MemoryBytes ?? 0,
                Version = n.Version?.Index ?? 0,
                Created = Local(n.CreatedAt),
                Updated = Local(n.UpdatedAt),
            }, endpoint);

        public static DockerService Service(SwarmService s, IReadOnlyDictionary<string, string>? networkNames, DockerEndpoint endpoint)
        {
            var spec = s.Spec ?? new ServiceSpec();
            var container = spec.TaskTemplate?.ContainerSpec ?? new ContainerSpec();
            var status = s.ServiceStatus;
            var running = (long)(status?.RunningTasks ?? 0);
            var desired = (long)(status?.DesiredTasks ?? (spec.Mode?.Replicated?.Replicas ?? 0));
            return DockerEndpoint.Stamp(new DockerService
            {
                Id = s.ID ?? string.Empty,
                Name = spec.Name ?? string.Empty,
                Mode = ModeOf(spec.Mode),
                Replicas = running.ToString(CultureInfo.InvariantCulture) + "/" + desired.ToString(CultureInfo.InvariantCulture),
                RunningTasks = running,
                DesiredTasks = desired,
                Image = container.Image ?? string.Empty,
                Command = (container.Command ?? new List<string>()).ToArray(),
                Arguments = (container.Args ?? new List<string>()).ToArray(),
                Environment = (container.Env ?? new List<string>()).ToArray(),
                Ports = Ports(s.Endpoint?.Ports ?? spec.EndpointSpec?.Ports),
                Networks = (spec.TaskTemplate?.Networks ?? new List<NetworkAttachmentConfig>())
                    .Select(n => networkNames != null && networkNames.TryGetValue(n.Target ?? string.Empty, out var name) ? name : n.Target ?? string.Empty).ToArray(),
                Constraints = (spec.TaskTemplate?.Placement?.Constraints ?? new List<string>()).ToArray(),
                Secrets = (container.Secrets ?? new List<SecretReference>()).Select(r => r.SecretName ?? r.SecretID ?? string.Empty).ToArray(),
                Configs = (container.Configs ?? new List<SwarmConfigReference>()).Select(r => r.ConfigName ?? r.ConfigID ?? string.Empty).ToArray(),
                RestartCondition = spec.TaskTemplate?.RestartPolicy?.Condition ?? string.Empty,
                UpdateState = s.UpdateStatus?.State ?? string.Empty,
                UpdateMessage = s.UpdateStatus?.Message ?? string.Empty,
                Labels = Copy(spec.Labels),
                Version = s.Version?.Index ?? 0,
                Created = Local(s.CreatedAt),
                Updated = Local(s.UpdatedAt),
            }, endpoint);
        }

        public static DockerTask Task(TaskResponse t, IReadOnlyDictionary<string, string> serviceNames, IReadOnlyDictionary<string, string> nodeNames, DockerEndpoint endpoint)
        {
            var serviceName = serviceNames.TryGetValue(t.ServiceID ?? string.Empty, out var s) ? s : t.ServiceID ?? string.Empty;
            var slot = t.Slot ?? 0;
            var name = !string.IsNullOrEmpty(t.Name) ? t.Name!
                : slot != 0 ? serviceName + "." + slot.ToString(CultureInfo.InvariantCulture)
                : serviceName + "." + t.NodeID;
            return DockerEndpoint.Stamp(new DockerTask
            {
                Id = t.ID ?? string.Empty,
                Name = name,
                ServiceId = t.ServiceID ?? string.Empty,
                ServiceName = serviceName,
                Slot = (long)slot,
                NodeId = t.NodeID ?? string.Empty,
                NodeName = nodeNames.TryGetValue(t.NodeID ?? string.Empty, out var node) ? node : string.Empty,
                Image = t.Spec?.ContainerSpec?.Image ?? string.Empty,
                DesiredState = Lower(t.DesiredState?.ToString()),
                State = Lower(t.Status?.State?.ToString()),
                StateSince = Local(t.Status?.Timestamp),
                Error = t.Status?.Err ?? string.Empty,
                Message = t.Status?.Message ?? string.Empty,
                ContainerId = t.Status?.ContainerStatus?.ContainerID ?? string.Empty,
                ExitCode = t.Status?.ContainerStatus is ContainerStatus c && !string.IsNullOrEmpty(c.ContainerID) && (t.Status.State == TaskState.Complete || t.Status.State == TaskState.Failed || t.Status.State == TaskState.Shutdown) ? c.ExitCode : (long?)null,
                Created = Local(t.CreatedAt),
            }, endpoint);
        }

        public static DockerSecret Secret(Secret s, DockerEndpoint endpoint) =>
            DockerEndpoint.Stamp(new DockerSecret
            {
                Id = s.ID ?? string.Empty,
                Name = s.Spec?.Name ?? string.Empty,
                Driver = s.Spec?.Driver?.Name ?? string.Empty,
                Labels = Copy(s.Spec?.Labels),
                Version = s.Version?.Index ?? 0,
                Created = Local(s.CreatedAt),
                Updated = Local(s.UpdatedAt),
            }, endpoint);

        public static DockerConfig Config(SwarmConfig c, DockerEndpoint endpoint)
        {
            var data = c.Spec?.Data ?? Array.Empty<byte>();
            return DockerEndpoint.Stamp(new DockerConfig
            {
                Id = c.ID ?? string.Empty,
                Name = c.Spec?.Name ?? string.Empty,
                Data = data,
                Text = new UTF8Encoding(false).GetString(data),
                Labels = Copy(c.Spec?.Labels),
                Version = c.Version?.Index ?? 0,
                Created = Local(c.CreatedAt),
                Updated = Local(c.UpdatedAt),
            }, endpoint);
        }

        internal static string ModeOf(ServiceMode? mode) =>
            mode?.Global != null ? "global"
            : mode?.ReplicatedJob != null ? "replicated-job"
            : mode?.GlobalJob != null ? "global-job"
            : "replicated";

        /// <summary>Published ports as docker service ls writes them: *:8080->80/tcp, joined by ", ".</summary>
        internal static string Ports(IEnumerable<PortConfig>? ports) =>
            string.Join(", ", (ports ?? Enumerable.Empty<PortConfig>())
                .Where(p => p.PublishedPort.HasValue && p.PublishedPort.Value != 0)
                .Select(p => "*:" + p.PublishedPort!.Value.ToString(CultureInfo.InvariantCulture) + "->" + (p.TargetPort ?? 0).ToString(CultureInfo.InvariantCulture) + "/" + (string.IsNullOrEmpty(p.Protocol) ? "tcp" : p.Protocol)));

        private static DateTime? Local(DateTime? value) =>
            value is DateTime when && when.Year > 1 ? ContainerMapper.ToLocal(when) : (DateTime?)null;

        private static string Title(string? value) =>
            string.IsNullOrEmpty(value) ? string.Empty : char.ToUpperInvariant(value![0]) + value.Substring(1).ToLowerInvariant();

        private static string Lower(string? value) => string.IsNullOrEmpty(value) ? string.Empty : value!.ToLowerInvariant();

        private static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? values) =>
            values is null ? new Dictionary<string, string>() : new Dictionary<string, string>(values, StringComparer.Ordinal);
    }
}
