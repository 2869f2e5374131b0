using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>
    /// The base of the container verbs that act on many containers side by side (start, stop, restart, pause,
    /// unpause, remove): -ThrottleLimit, and the work of one container in <see cref="ContainerCmdlet.Prepare"/>.
    /// </summary>
    public abstract class BulkContainerCmdlet : ContainerCmdlet
    {
        /// <summary>
        /// <para type="description">How many containers are handled at once (the engine calls run side by side; confirmations, output and errors stay on the pipeline, in input order). 1 handles one after the other. The default is 8.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        internal override int Parallelism => ThrottleLimit;

        /// <summary>The same work one container at a time (not reached while <see cref="Parallelism"/> is set).</summary>
        internal override void ProcessContainer(DockerSession session, DockerTarget target) => RunNow(Prepare(session, target));
    }
}
