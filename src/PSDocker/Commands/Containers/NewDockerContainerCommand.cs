using System.Management.Automation;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker create: makes a container without starting it.</summary>
    [Cmdlet(VerbsCommon.New, "DockerContainer", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerContainer))]
    public sealed class NewDockerContainerCommand : ContainerCreateCmdlet
    {
        /// <summary>
        /// <para type="description">When to pull the image: missing (default: only when it is not on the engine), always, or never.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("missing", "always", "never")]
        public string Pull { get; set; } = "missing";

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            Docker.DotNet.Models.CreateContainerParameters request;
            try
            {
                request = BuildCreateParameters();
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
                return;
            }

            var session = GetSession(out var endpoint);
            if (!ShouldProcess(Name ?? Image, "Create " + Describe(request)))
            {
                return;
            }

            try
            {
                if (string.Equals(Pull, "always", System.StringComparison.OrdinalIgnoreCase))
                {
                    ImagePuller.Pull(this, session, Image, Platform);
                }

                var id = CreateContainer(session, request, pullIfMissing: string.Equals(Pull, "missing", System.StringComparison.OrdinalIgnoreCase));
                WriteObject(ContainerLookup.Fetch(this, session, endpoint, id, Name ?? Image));
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
            }
        }
    }
}
