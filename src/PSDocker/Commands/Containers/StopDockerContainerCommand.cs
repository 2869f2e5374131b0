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
    /// <summary>docker stop, and docker kill with -Force or -Signal. Stopping a stopped container is not an error.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class StopDockerContainerCommand : BulkContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Seconds to wait for the container to stop before it is killed (docker stop -t). Default: the container's own stop timeout (10 s).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <summary>
        /// <para type="description">Kill at once (docker kill) instead of asking the process to stop.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// <para type="description">Send this signal (docker kill -s), e.g. SIGHUP or 9. Implies -Force.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.SignalCompleter))]
        public string? Signal { get; set; }

        /// <summary>
        /// <para type="description">Output the stopped container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                // Before any container is touched: the engine would refuse each one with its own words.
                Arguments.RunOptions.CheckSignal(Signal, "-Signal");
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }

        internal override Func<CancellationToken, Task<Action?>>? Prepare(DockerSession session, DockerTarget target)
        {
            // -Timeout 0 means "kill at once"; the client library cannot send t=0, so it is a kill.
            var kill = Force.IsPresent || Signal != null || Timeout == 0;
            return Bulk(session, target, kill ? "Kill" + (Signal != null ? " (" + Signal + ")" : string.Empty) : "Stop", PassThru.IsPresent, async ct =>
            {
                if (kill)
                {
                    try
                    {
                        await Engine(session, target, ct, () => session.Client.Containers.KillContainerAsync(target.Reference, new ContainerKillParameters { Signal = Signal }, ct)).ConfigureAwait(false);
                    }
                    catch (DockerPSException e) when (e.ErrorId == "ContainerConflict" && e.Message.IndexOf("is not running", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        // Already stopped: the same outcome docker stop accepts silently.
                        return target.Display + " is not running.";
                    }

                    return null;
                }

                var stopped = false;
                await Engine(session, target, ct, async () => stopped = await session.Client.Containers.StopContainerAsync(target.Reference,
                    new ContainerStopParameters { WaitBeforeKillSeconds = Timeout.HasValue ? (uint)Timeout.Value : (uint?)null }, ct).ConfigureAwait(false)).ConfigureAwait(false);
                return stopped ? null : target.Display + " was not running.";
            });
        }
    }
}
