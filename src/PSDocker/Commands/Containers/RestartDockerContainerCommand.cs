using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker restart.</summary>
    [Cmdlet(VerbsLifecycle.Restart, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class RestartDockerContainerCommand : ContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Seconds to wait for the container to stop before it is killed.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <summary>
        /// <para type="description">Output the restarted container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            if (!ShouldProcess(target.Display, "Restart"))
            {
                return;
            }

            if (Timeout == 0)
            {
                // The client library cannot send t=0: kill at once, then start, which is what restart -t 0 does.
                try
                {
                    Call(session, "Container", target.UserTarget, ct => session.Client.Containers.KillContainerAsync(target.Reference, new ContainerKillParameters(), ct));
                }
                catch (DockerPSException e) when (e.ErrorId == "ContainerConflict")
                {
                    WriteVerbose(target.Display + " was not running.");
                }

                Call(session, "Container", target.UserTarget, ct => session.Client.Containers.StartContainerAsync(target.Reference, null, ct));
            }
            else
            {
                Call(session, "Container", target.UserTarget, ct => session.Client.Containers.RestartContainerAsync(target.Reference,
                    new ContainerRestartParameters { WaitBeforeKillSeconds = Timeout.HasValue ? (uint)Timeout.Value : (uint?)null }, ct));
            }
            if (PassThru.IsPresent)
            {
                WriteObject(FetchContainer(session, target));
            }
        }
    }
}
