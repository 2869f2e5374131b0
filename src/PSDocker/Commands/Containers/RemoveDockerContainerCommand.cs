using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker rm.</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerContainerCommand : BulkContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Remove running containers too (they are killed first).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// <para type="description">Also remove the anonymous volumes the container used (docker rm -v). Named volumes stay.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Volumes { get; set; }

        internal override Func<CancellationToken, Task<Action?>>? Prepare(DockerSession session, DockerTarget target)
        {
            var parameters = new ContainerRemoveParameters { Force = Force.IsPresent, RemoveVolumes = Volumes.IsPresent };
            return Bulk(session, target, Force.IsPresent ? "Remove (forced, even if running)" : "Remove", passThru: false, async ct =>
            {
                try
                {
                    await Engine(session, target, ct, () => session.Client.Containers.RemoveContainerAsync(target.Reference, parameters, ct)).ConfigureAwait(false);
                }
                catch (DockerPSException e) when (e.ErrorId == "ContainerConflict" && e.Message.IndexOf("running", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    throw new DockerPSException(
                        "The container " + target.Display + " is running. Stop it first (Stop-DockerContainer), or use -Force to kill and remove it.",
                        "ContainerIsRunning", ErrorCategory.InvalidOperation, target.UserTarget, e);
                }

                return null;
            });
        }
    }
}
