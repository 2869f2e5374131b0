using System;
using System.Management.Automation;
using System.Threading.Tasks;
using System.Threading;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker pause: freezes every process of the container.</summary>
    [Cmdlet(VerbsLifecycle.Suspend, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class SuspendDockerContainerCommand : BulkContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Output the paused container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override Func<CancellationToken, Task<Action?>>? Prepare(DockerSession session, DockerTarget target) =>
            Bulk(session, target, "Pause", PassThru.IsPresent, async ct =>
            {
                await Engine(session, target, ct, () => session.Client.Containers.PauseContainerAsync(target.Reference, ct)).ConfigureAwait(false);
                return null;
            });
    }
}
