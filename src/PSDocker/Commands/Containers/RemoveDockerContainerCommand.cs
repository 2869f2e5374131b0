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
    public sealed class RemoveDockerContainerCommand : ContainerCmdlet
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

        /// <summary>
        /// <para type="description">How many containers are removed at once (the engine calls run side by side; confirmations, output and errors stay on the pipeline, in input order). 1 removes one after the other. The default is 8.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        internal override int Parallelism => ThrottleLimit;

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

        internal override void ProcessContainer(DockerSession session, DockerTarget target) => RunNow(Prepare(session, target));
    }
}
