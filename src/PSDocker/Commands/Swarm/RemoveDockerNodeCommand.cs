using System;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker node rm: takes nodes out of the swarm (without -Force only nodes that are down).</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerNode", SupportsShouldProcess = true, DefaultParameterSetName = "ById", ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerNodeCommand : NodeTargetCmdlet
    {
        /// <summary>
        /// <para type="description">Remove the node even while it is up (its tasks are moved; the node itself still thinks it is in the swarm until it leaves). Asks for confirmation at the High impact level.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var targets = NodeTargets();
            foreach (var target in targets)
            {
                var session = GetSession(target.Endpoint);
                var action = Force.IsPresent ? "Remove node from the swarm (forced, even if it is up)" : "Remove node from the swarm";
                if (!(Force.IsPresent ? ShouldProcessHigh(target.Display, action) : ShouldProcess(target.Display, action)))
                {
                    continue;
                }

                try
                {
                    Call(session, "Node", target.UserTarget, ct => session.Client.Swarm.RemoveNodeAsync(target.Reference, Force.IsPresent, ct));
                }
                catch (DockerPSException e) when (e.ErrorId == "NodeNotFound")
                {
                    WriteItemError(Targets.Nodes.Missing(target, e), target.UserTarget);
                }
                catch (DockerPSException e) when (e.Message.IndexOf("is not down", StringComparison.OrdinalIgnoreCase) >= 0 || e.Message.IndexOf("is a cluster manager", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    WriteItemError(new DockerPSException(
                        "Node " + target.Display + " is not down" + (e.Message.IndexOf("manager", StringComparison.OrdinalIgnoreCase) >= 0 ? " or is a manager" : string.Empty) + ", so it was not removed: " + e.Message.TrimEnd('.') + ". Drain it and let it leave (Exit-DockerSwarm on it), demote a manager first (Update-DockerNode -Role Worker), or remove it anyway with -Force.",
                        "NodeRemoveRefused", ErrorCategory.InvalidOperation, target.UserTarget, e), target.UserTarget);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, target.UserTarget);
                }
            }
        }
    }
}
