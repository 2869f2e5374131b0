using System;
using System.Management.Automation;
using System.Threading.Tasks;
using System.Threading;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker unpause.</summary>
    [Cmdlet(VerbsLifecycle.Resume, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class ResumeDockerContainerCommand : BulkContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Output the resumed container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override Func<CancellationToken, Task<Action?>>? Prepare(DockerSession session, DockerTarget target) =>
            Bulk(session, target, "Unpause", PassThru.IsPresent, async ct =>
            {
                await Engine(session, target, ct, () => session.Client.Containers.UnpauseContainerAsync(target.Reference, ct)).ConfigureAwait(false);
                return null;
            });
    }
}
