using System;
using System.Management.Automation;
using System.Threading.Tasks;
using System.Threading;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker restart.</summary>
    [Cmdlet(VerbsLifecycle.Restart, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class RestartDockerContainerCommand : BulkContainerCmdlet
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

        internal override Func<CancellationToken, Task<Action?>>? Prepare(DockerSession session, DockerTarget target) =>
            Bulk(session, target, "Restart", PassThru.IsPresent, async ct =>
            {
                if (Timeout != 0)
                {
                    await Engine(session, target, ct, () => session.Client.Containers.RestartContainerAsync(target.Reference,
                        new ContainerRestartParameters { WaitBeforeKillSeconds = Timeout.HasValue ? (uint)Timeout.Value : (uint?)null }, ct)).ConfigureAwait(false);
                    return null;
                }

                // The client library cannot send t=0: kill at once, then start, which is what restart -t 0 does.
                string? note = null;
                try
                {
                    await Engine(session, target, ct, () => session.Client.Containers.KillContainerAsync(target.Reference, new ContainerKillParameters(), ct)).ConfigureAwait(false);
                }
                catch (DockerPSException e) when (e.ErrorId == "ContainerConflict")
                {
                    note = target.Display + " was not running.";
                }

                await Engine(session, target, ct, () => session.Client.Containers.StartContainerAsync(target.Reference, null, ct)).ConfigureAwait(false);
                return note;
            });
    }
}
