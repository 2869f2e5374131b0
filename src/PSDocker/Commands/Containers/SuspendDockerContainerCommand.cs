using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker pause: freezes every process of the container.</summary>
    [Cmdlet(VerbsLifecycle.Suspend, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class SuspendDockerContainerCommand : ContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Output the paused container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            if (!ShouldProcess(target.Display, "Pause"))
            {
                return;
            }

            Call(session, "Container", target.UserTarget, ct => session.Client.Containers.PauseContainerAsync(target.Reference, ct));
            if (PassThru.IsPresent)
            {
                WriteObject(FetchContainer(session, target));
            }
        }
    }
}
