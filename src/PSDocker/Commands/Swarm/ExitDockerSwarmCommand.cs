using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker swarm leave: this engine leaves its swarm.</summary>
    [Cmdlet(VerbsCommon.Exit, "DockerSwarm", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class ExitDockerSwarmCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Leave even as a manager (the last manager's leaving ends the swarm; others may cost the quorum). Asks for confirmation at the High impact level.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            var action = Force.IsPresent ? "Leave the swarm (forced, even as a manager)" : "Leave the swarm";
            if (!(Force.IsPresent ? ShouldProcessHigh(endpoint.Host, action) : ShouldProcess(endpoint.Host, action)))
            {
                return;
            }

            try
            {
                Call(session, "Swarm", endpoint.Host, ct => session.Client.Swarm.LeaveSwarmAsync(new SwarmLeaveParameters { Force = Force.IsPresent }, ct));
                WriteVerbose("The engine at " + endpoint.Host + " left the swarm.");
            }
            catch (DockerPSException e) when (e.Message.IndexOf("--force", System.StringComparison.Ordinal) >= 0)
            {
                ThrowDockerError(new DockerPSException(
                    "The engine at " + endpoint.Host + " is a manager of the swarm, and a manager leaving can cost the swarm its quorum (the last one ends it). Demote it first on another manager (Update-DockerNode -Role Worker), or leave anyway with -Force.",
                    "SwarmManagerLeaveRefused", ErrorCategory.InvalidOperation, endpoint.Host, e));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
