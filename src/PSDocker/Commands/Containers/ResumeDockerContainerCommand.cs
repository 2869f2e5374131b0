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
    public sealed class ResumeDockerContainerCommand : ContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Output the resumed container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>
        /// <para type="description">How many containers are handled at once (the engine calls run side by side; confirmations, output and errors stay on the pipeline, in input order). 1 handles one after the other. The default is 8.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        internal override int Parallelism => ThrottleLimit;

        internal override Func<CancellationToken, Task<Action?>>? Prepare(DockerSession session, DockerTarget target) =>
            Bulk(session, target, "Unpause", PassThru.IsPresent, async ct =>
            {
                await Engine(session, target, ct, () => session.Client.Containers.UnpauseContainerAsync(target.Reference, ct)).ConfigureAwait(false);
                return null;
            });

        internal override void ProcessContainer(DockerSession session, DockerTarget target) => RunNow(Prepare(session, target));
    }
}
