using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker rename.</summary>
    [Cmdlet(VerbsCommon.Rename, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class RenameDockerContainerCommand : ContainerCmdlet
    {
        /// <summary>
        /// <para type="description">The new name.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidatePattern("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
        public string NewName { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">Output the renamed container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            if (!ShouldProcess(target.Display, "Rename to " + NewName))
            {
                return;
            }

            Call(session, "Container", target.UserTarget, ct => session.Client.Containers.RenameContainerAsync(target.Reference,
                new ContainerRenameParameters { NewName = NewName.TrimStart('/') }, ct));
            if (PassThru.IsPresent)
            {
                WriteObject(FetchContainer(session, new DockerTarget(target.Endpoint, NewName.TrimStart('/'), NewName, NewName)));
            }
        }
    }
}
