using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker node update (and promote/demote): availability, role and labels of nodes; the version index is handled here.</summary>
    [Cmdlet(VerbsData.Update, "DockerNode", SupportsShouldProcess = true, DefaultParameterSetName = "ById")]
    [OutputType(typeof(DockerNode))]
    public sealed class UpdateDockerNodeCommand : NodeTargetCmdlet
    {
        /// <summary>
        /// <para type="description">Active gives the node tasks; Pause gives it no new ones; Drain moves its tasks to other nodes.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Active", "Pause", "Drain", IgnoreCase = true)]
        public string? Availability { get; set; }

        /// <summary>
        /// <para type="description">Manager promotes the node (docker node promote), Worker demotes it.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Manager", "Worker", IgnoreCase = true)]
        public string? Role { get; set; }

        /// <summary>
        /// <para type="description">Node labels to add or change: a hashtable or KEY=value strings (a KEY alone gets an empty value).</para>
        /// </summary>
        [Parameter]
        [Alias("LabelAdd")]
        public object? Label { get; set; }

        /// <summary>
        /// <para type="description">Keys of node labels to remove.</para>
        /// </summary>
        [Parameter]
        [Alias("LabelRm")]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveLabel { get; set; }

        /// <summary>
        /// <para type="description">Write each node as it is after the update.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            Dictionary<string, string> labels;
            try
            {
                labels = ContainerOptions.Labels(Label);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            if (Availability is null && Role is null && labels.Count == 0 && RemoveLabel is null)
            {
                ThrowDockerError(new DockerPSException("Nothing to update: give -Availability, -Role, -Label or -RemoveLabel.", "UpdateNothingGiven", ErrorCategory.InvalidArgument, null));
            }

            var targets = NodeTargets();
            foreach (var target in targets)
            {
                var session = GetSession(target.Endpoint);
                if (!ShouldProcess(target.Display, "Update node: " + Describe(labels)))
                {
                    continue;
                }

                try
                {
                    var node = Call(session, "Node", target.UserTarget, ct => session.Client.Swarm.InspectNodeAsync(target.Reference, ct));
                    var spec = node.Spec ?? new NodeUpdateParameters();
                    var newLabels = new Dictionary<string, string>(spec.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
                    foreach (var pair in labels)
                    {
                        newLabels[pair.Key] = pair.Value;
                    }

                    foreach (var key in RemoveLabel ?? Array.Empty<string>())
                    {
                        if (!newLabels.Remove(key))
                        {
                            WriteWarning("Node " + target.Display + " has no label '" + key + "' to remove.");
                        }
                    }

                    var request = new NodeUpdateParameters
                    {
                        Name = spec.Name,
                        Labels = newLabels,
                        Role = Role?.ToLowerInvariant() ?? spec.Role,
                        Availability = Availability?.ToLowerInvariant() ?? spec.Availability,
                    };
                    Call(session, "Node", target.UserTarget, ct => session.Client.Swarm.UpdateNodeAsync(node.ID, node.Version?.Index ?? 0, request, ct));
                    if (PassThru.IsPresent)
                    {
                        var info = Call(session, "Node", target.UserTarget, ct => session.Client.System.GetSystemInfoAsync(ct));
                        var updated = Call(session, "Node", target.UserTarget, ct => session.Client.Swarm.InspectNodeAsync(node.ID, ct));
                        WriteObject(SwarmMapper.Node(updated, info.Swarm?.NodeID ?? string.Empty, target.Endpoint));
                    }
                }
                catch (DockerPSException e) when (e.ErrorId == "NodeNotFound")
                {
                    WriteItemError(Targets.Nodes.Missing(target, e), target.UserTarget);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, target.UserTarget);
                }
            }
        }

        private string Describe(Dictionary<string, string> labels)
        {
            var parts = new List<string>();
            if (Availability != null) parts.Add("availability " + Availability.ToLowerInvariant());
            if (Role != null) parts.Add("role " + Role.ToLowerInvariant());
            if (labels.Count > 0) parts.Add("labels " + string.Join(", ", labels.Select(l => l.Key + "=" + l.Value)));
            if (RemoveLabel != null) parts.Add("remove labels " + string.Join(", ", RemoveLabel));
            return string.Join("; ", parts);
        }
    }
}
