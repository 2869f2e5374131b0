using System;
using System.Linq;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker node ls (and inspect): the nodes of the swarm, asked of a manager.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerNode", DefaultParameterSetName = ById)]
    [OutputType(typeof(DockerNode))]
    public sealed class GetDockerNodeCommand : DockerCmdlet
    {
        private const string ById = "ById";
        private const string ByHostname = "ByHostname";

        /// <summary>
        /// <para type="description">Ids of the nodes to get: a unique prefix, or a wildcard pattern over the full id. An id that matches nothing is an error.</para>
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
        [Alias("NodeId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.NodeCompleter))]
        public string[]? Id { get; set; }

        /// <summary>
        /// <para type="description">Host names of the nodes to get; wildcards allowed. Several engines on one machine share a host name, so it may select several nodes.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByHostname)]
        [Alias("NodeName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Hostname { get; set; }

        /// <summary>
        /// <para type="description">Only nodes of this role.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Manager", "Worker", IgnoreCase = true)]
        public string? Role { get; set; }

        /// <summary>
        /// <para type="description">Only nodes with this availability.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Active", "Pause", "Drain", IgnoreCase = true)]
        public string? Availability { get; set; }

        /// <summary>
        /// <para type="description">Only nodes with these node labels: 'key' or 'key=value'; all must match.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Label { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            try
            {
                var nodes = Call(session, "Node", endpoint.Host, ct => Targets.Nodes.List(session, endpoint, ct));
                var filtered = Role != null || Availability != null || Label != null;
                var kept = nodes.Where(n =>
                    (Role is null || string.Equals(n.Role, Role, StringComparison.OrdinalIgnoreCase)) &&
                    (Availability is null || string.Equals(n.Availability, Availability, StringComparison.OrdinalIgnoreCase)) &&
                    (Label is null || Arguments.FilterArgument.HasLabels(n.Labels, Label))).ToList();
                WriteObject(Id is null && Hostname is null ? kept : Targets.Nodes.Select(this, kept, Hostname, Id, filtered, endpoint), enumerateCollection: true);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
