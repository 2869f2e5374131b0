using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;

namespace PSDocker.Pipeline
{
    /// <summary>The selection rules of the swarm's objects: services, nodes, secrets and configs.</summary>
    internal static partial class Targets
    {
        public static readonly TargetResolver<DockerService> Services = new TargetResolver<DockerService>(
            "Service",
            async (session, endpoint, ct) =>
                (await session.Client.Swarm.ListServicesAsync(new ServiceListParameters { Status = true }, ct))
                    .OrderBy(s => s.Spec?.Name, System.StringComparer.Ordinal)
                    .Select(s => SwarmMapper.Service(s, null, endpoint)).ToList(),
            s => s.Name,
            (s, endpoint, userTarget) => new DockerTarget(endpoint, s.Id, s.Name, userTarget, s.Name),
            (value, byId, filtered, endpoint) => new DockerPSException(
                "No service with the " + (byId ? "id" : "name") + " '" + value + "' exists" + (filtered ? " that passes the filter." : ".") + " Get-DockerService lists the services there are.",
                "ServiceNotFound", ErrorCategory.ObjectNotFound, value))
        {
            IdOf = s => s.Id,
            KindWord = "service",
            WrongInputId = "InputNotAService",
            ListCmdlet = "Get-DockerService",
            Related =
            {
                Related<DockerTask>((cmdlet, t) => new DockerTarget(cmdlet.EndpointOf(t), t.ServiceId, t.ServiceName, t, t.ServiceName)),
            },
        };

        public static readonly TargetResolver<DockerNode> Nodes = new TargetResolver<DockerNode>(
            "Node",
            async (session, endpoint, ct) =>
            {
                var info = await session.Client.System.GetSystemInfoAsync(ct);
                return (await session.Client.Swarm.ListNodesAsync(ct))
                    .Select(n => SwarmMapper.Node(n, info.Swarm?.NodeID ?? string.Empty, endpoint))
                    .OrderBy(n => n.Role == "Manager" ? 0 : 1).ThenBy(n => n.Hostname, System.StringComparer.Ordinal).ThenBy(n => n.Id, System.StringComparer.Ordinal)
                    .ToList();
            },
            n => n.Id,
            (n, endpoint, userTarget) => new DockerTarget(endpoint, n.Id, Describe(n.Hostname, n.Id), userTarget, n.Id),
            (value, byId, filtered, endpoint) => new DockerPSException(
                "No node with the " + (byId ? "id" : "host name") + " '" + value + "' is in the swarm" + (filtered ? " that passes the filter." : ".") + " Get-DockerNode lists its nodes.",
                "NodeNotFound", ErrorCategory.ObjectNotFound, value))
        {
            IdOf = n => n.Id,
            NamesOf = n => new[] { n.Hostname, n.Name }.Where(name => name.Length > 0),
            KindWord = "node",
            WrongInputId = "InputNotANode",
            ListCmdlet = "Get-DockerNode",
            Related =
            {
                Related<DockerTask>((cmdlet, t) => new DockerTarget(cmdlet.EndpointOf(t), t.NodeId, Describe(t.NodeName, t.NodeId), t, t.NodeId)),
            },
        };

        public static readonly TargetResolver<DockerSecret> Secrets = new TargetResolver<DockerSecret>(
            "Secret",
            async (session, endpoint, ct) =>
                (await session.Client.Secrets.ListAsync(ct))
                    .OrderBy(s => s.Spec?.Name, System.StringComparer.Ordinal)
                    .Select(s => SwarmMapper.Secret(s, endpoint)).ToList(),
            s => s.Name,
            (s, endpoint, userTarget) => new DockerTarget(endpoint, s.Id, s.Name, userTarget, s.Name),
            (value, byId, filtered, endpoint) => new DockerPSException(
                "No secret with the " + (byId ? "id" : "name") + " '" + value + "' exists" + (filtered ? " that passes the filter." : ".") + " Get-DockerSecret lists the secrets there are.",
                "SecretNotFound", ErrorCategory.ObjectNotFound, value))
        {
            IdOf = s => s.Id,
            KindWord = "secret",
            WrongInputId = "InputNotASecret",
            ListCmdlet = "Get-DockerSecret",
        };

        public static readonly TargetResolver<DockerConfig> Configs = new TargetResolver<DockerConfig>(
            "Config",
            async (session, endpoint, ct) =>
                (await session.Client.Configs.ListConfigsAsync(ct))
                    .OrderBy(c => c.Spec?.Name, System.StringComparer.Ordinal)
                    .Select(c => SwarmMapper.Config(c, endpoint)).ToList(),
            c => c.Name,
            (c, endpoint, userTarget) => new DockerTarget(endpoint, c.Id, c.Name, userTarget, c.Name),
            (value, byId, filtered, endpoint) => new DockerPSException(
                "No config with the " + (byId ? "id" : "name") + " '" + value + "' exists" + (filtered ? " that passes the filter." : ".") + " Get-DockerConfig lists the configs there are.",
                "ConfigNotFound", ErrorCategory.ObjectNotFound, value))
        {
            IdOf = c => c.Id,
            KindWord = "config",
            WrongInputId = "InputNotAConfig",
            ListCmdlet = "Get-DockerConfig",
        };
    }
}
