using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker service ps (and docker node ps): the tasks of services, with their nodes and states, history included.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerTask")]
    [OutputType(typeof(DockerTask))]
    public sealed class GetDockerTaskCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">The services whose tasks to get: services from Get-DockerService, or names (wildcards allowed). Without it, the tasks of every service.</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ServiceCompleter))]
        public object[]? Service { get; set; }

        /// <summary>
        /// <para type="description">Only tasks given to these nodes (ids, unique id prefixes or host names).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.NodeCompleter))]
        public string[]? Node { get; set; }

        /// <summary>
        /// <para type="description">Only tasks the swarm wants in this state: Running (the current ones), Shutdown (history) or Accepted.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Running", "Shutdown", "Accepted", IgnoreCase = true)]
        public string? DesiredState { get; set; }

        /// <summary>
        /// <para type="description">Ids of the tasks to get (unique prefixes).</para>
        /// </summary>
        [Parameter]
        [Alias("TaskId")]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            try
            {
                var services = Call(session, "Service", endpoint.Host, ct => session.Client.Swarm.ListServicesAsync(new ServiceListParameters(), ct));
                var serviceNames = services.GroupBy(s => s.ID).ToDictionary(g => g.Key, g => g.First().Spec?.Name ?? g.Key, StringComparer.Ordinal);
                var info = Call(session, "Node", endpoint.Host, ct => session.Client.System.GetSystemInfoAsync(ct));
                var nodes = Call(session, "Node", endpoint.Host, ct => session.Client.Swarm.ListNodesAsync(ct));
                var nodeNames = nodes.GroupBy(n => n.ID).ToDictionary(g => g.Key, g => g.First().Description?.Hostname ?? string.Empty, StringComparer.Ordinal);

                var serviceIds = Service is null ? null : ServiceIds(services, endpoint);
                if (serviceIds != null && serviceIds.Count == 0)
                {
                    return;
                }

                var nodeIds = Node?.Select(n => NodeId(nodes, n)).Where(n => n != null).Select(n => n!).ToList();
                if (nodeIds != null && nodeIds.Count == 0)
                {
                    return;
                }

                var filters = new Dictionary<string, IDictionary<string, bool>>();
                if (serviceIds != null) filters["service"] = serviceIds.ToDictionary(s => s, _ => true);
                if (nodeIds != null) filters["node"] = nodeIds.ToDictionary(n => n, _ => true);
                if (DesiredState != null) filters["desired-state"] = new Dictionary<string, bool> { [DesiredState.ToLowerInvariant()] = true };
                var tasks = Call(session, "Task", endpoint.Host, ct => session.Client.Tasks.ListAsync(new TasksListParameters { Filters = filters }, ct));
                var mapped = tasks
                    .Select(t => SwarmMapper.Task(t, serviceNames, nodeNames, endpoint))
                    .OrderBy(t => t.ServiceName, StringComparer.Ordinal)
                    .ThenBy(t => t.Slot)
                    .ThenBy(t => t.Slot == 0 ? t.NodeId : string.Empty, StringComparer.Ordinal)
                    .ThenByDescending(t => t.Created ?? DateTime.MinValue)
                    .ToList();
                if (Id != null)
                {
                    foreach (var id in Id)
                    {
                        var matches = mapped.Where(t => t.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase)).ToList();
                        if (matches.Count == 0)
                        {
                            WriteError(new DockerPSException("No task with the id '" + id + "' exists" + (filters.Count > 0 ? " among the tasks selected." : ".") + " Get-DockerTask lists the tasks there are.", "TaskNotFound", ErrorCategory.ObjectNotFound, id).ToErrorRecord());
                        }

                        WriteObject(matches, enumerateCollection: true);
                    }

                    return;
                }

                WriteObject(mapped, enumerateCollection: true);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }

        /// <summary>The ids of the services -Service names (not found: a non-terminating error each, as in Get-DockerService).</summary>
        private List<string> ServiceIds(IList<SwarmService> services, DockerEndpoint endpoint)
        {
            var ids = new List<string>();
            var all = services.Select(s => SwarmMapper.Service(s, null, endpoint)).ToList();
            foreach (var raw in Service!)
            {
                var item = raw is PSObject ps ? ps.BaseObject : raw;
                switch (item)
                {
                    case DockerService service:
                        ids.Add(service.Id);
                        break;
                    case string name:
                        ids.AddRange(Targets.Services.Select(this, all, new[] { name }, null, false, endpoint).Select(s => s.Id));
                        break;
                    default:
                        WriteError(Targets.Services.WrongInput(item, "Service").ToErrorRecord());
                        break;
                }
            }

            return ids.Distinct().ToList();
        }

        private string? NodeId(IList<NodeListResponse> nodes, string value)
        {
            var matches = nodes.Where(n => n.ID == value || n.Description?.Hostname == value).ToList();
            if (matches.Count == 0)
            {
                matches = nodes.Where(n => n.ID.StartsWith(value, StringComparison.OrdinalIgnoreCase)).ToList();
            }

            if (matches.Count == 1)
            {
                return matches[0].ID;
            }

            WriteError(new DockerPSException(
                matches.Count == 0 ? "No node with the id or host name '" + value + "' is in the swarm. Get-DockerNode lists its nodes."
                    : "'" + value + "' names " + matches.Count + " nodes (" + string.Join(", ", matches.Select(m => m.ID)) + "); give a node id.",
                matches.Count == 0 ? "NodeNotFound" : "NodeAmbiguous", matches.Count == 0 ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, value).ToErrorRecord());
            return null;
        }
    }
}
