using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker start. Starting a running container is not an error.</summary>
    [Cmdlet(VerbsLifecycle.Start, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class StartDockerContainerCommand : ContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Output the started container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            if (!ShouldProcess(target.Display, "Start"))
            {
                return;
            }

            Call(session, "Container", target.UserTarget, ct => session.Client.Containers.StartContainerAsync(target.Reference, null, ct));
            if (PassThru.IsPresent)
            {
                WriteObject(FetchContainer(session, target));
            }
        }
    }
}
