using System;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Resources;

namespace PSDocker.Commands.Networks
{
    /// <summary>docker network disconnect.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "DockerNetwork", SupportsShouldProcess = true, DefaultParameterSetName = ByContainer)]
    [OutputType(typeof(void))]
    public sealed class DisconnectDockerNetworkCommand : NetworkAttachmentCmdlet
    {
        /// <summary>
        /// <para type="description">Disconnect even when the engine cannot clean up the endpoint normally (docker network disconnect --force).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override void Process(DockerSession session, string networkId, string container, string display)
        {
            if (!ShouldProcess(display, "Disconnect from network " + Network + (Force.IsPresent ? " (forced)" : string.Empty)))
            {
                return;
            }

            try
            {
                Call(session, "Network", container, ct => session.Client.Networks.DisconnectNetworkAsync(networkId, new NetworkDisconnectParameters { Container = container, Force = Force.IsPresent }, ct));
            }
            catch (DockerPSException e) when (e.Message.IndexOf("is not connected to", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerPSException(UserText.Format(NetworkMessages.ContainerNotConnected, display, Network), "ContainerNotConnected", ErrorCategory.InvalidOperation, container, e);
            }
            catch (DockerPSException e)
            {
                throw Refine(e, container);
            }
        }
    }
}
