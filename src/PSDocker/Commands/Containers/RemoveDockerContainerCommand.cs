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

        internal override Func<CancellationToken, Task<object?>>? Prepare(DockerSession session, DockerTarget target)
        {
            if (!ShouldProcess(target.Display, Force.IsPresent ? "Remove (forced, even if running)" : "Remove"))
            {
                return null;
            }

            var parameters = new ContainerRemoveParameters { Force = Force.IsPresent, RemoveVolumes = Volumes.IsPresent };
            return async ct =>
            {
                try
                {
                    await session.Client.Containers.RemoveContainerAsync(target.Reference, parameters, ct).ConfigureAwait(false);
                    return null;
                }
                catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
                {
                    var mapped = Map(session, e, "Container", target.UserTarget);
                    if (mapped.ErrorId == "ContainerConflict" && mapped.Message.IndexOf("running", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        throw new DockerPSException(
                            "The container " + target.Display + " is running. Stop it first (Stop-DockerContainer), or use -Force to kill and remove it.",
                            "ContainerIsRunning", ErrorCategory.InvalidOperation, target.UserTarget, mapped);
                    }

                    throw mapped;
                }
            };
        }

        /// <summary>Not reached (removal runs through <see cref="Prepare"/>); kept one after the other for completeness.</summary>
        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            var work = Prepare(session, target);
            if (work != null)
            {
                Wait(work);
            }
        }
    }
}
