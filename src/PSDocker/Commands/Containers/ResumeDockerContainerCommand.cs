using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker unpause.</summary>
    [Cmdlet(VerbsLifecycle.Resume, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class ResumeDockerContainerCommand : ContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Output the resumed container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            if (!ShouldProcess(target.Display, "Unpause"))
            {
                return;
            }

            Call(session, "Container", target.UserTarget, ct => session.Client.Containers.UnpauseContainerAsync(target.Reference, ct));
            if (PassThru.IsPresent)
            {
                WriteObject(FetchContainer(session, target));
            }
        }
    }
}
