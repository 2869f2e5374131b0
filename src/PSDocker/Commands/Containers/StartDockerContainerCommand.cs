using System;
using System.Management.Automation;
using System.Threading.Tasks;
using System.Threading;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker start. Starting a running container is not an error.</summary>
    [Cmdlet(VerbsLifecycle.Start, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class StartDockerContainerCommand : BulkContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Output the started container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override Func<CancellationToken, Task<Action?>>? Prepare(DockerSession session, DockerTarget target) =>
            Bulk(session, target, "Start", PassThru.IsPresent, async ct =>
            {
                await Engine(session, target, ct, () => session.Client.Containers.StartContainerAsync(target.Reference, null, ct)).ConfigureAwait(false);
                return null;
            });
    }
}
