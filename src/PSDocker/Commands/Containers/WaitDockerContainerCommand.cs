using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker wait: blocks until each container stops, and reports how it ended.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "DockerContainer", DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainerExit))]
    public sealed class WaitDockerContainerCommand : ContainerCmdlet
    {
        private Stopwatch? _clock;

        /// <summary>
        /// <para type="description">Give up after this many seconds in all (a non-terminating WaitTimeout error for each container still running).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Timeout { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing() => _clock = Stopwatch.StartNew();

        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            var remaining = Timeout.HasValue ? TimeSpan.FromSeconds(Timeout.Value) - _clock!.Elapsed : System.Threading.Timeout.InfiniteTimeSpan;
            if (Timeout.HasValue && remaining < TimeSpan.Zero)
            {
                remaining = TimeSpan.Zero;
            }

            using var deadline = new CancellationTokenSource();
            if (Timeout.HasValue)
            {
                deadline.CancelAfter(remaining);
            }

            ContainerWaitResponse result;
            try
            {
                result = Call(session, "Container", target.UserTarget, async ct =>
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
                    return await session.Client.Containers.WaitContainerAsync(target.Reference, linked.Token);
                });
            }
            catch (Exception e) when (deadline.IsCancellationRequested && !StopToken.IsCancellationRequested &&
                                      (e is OperationCanceledException || e.InnerException is OperationCanceledException))
            {
                // Out of time: a container that has already stopped still reports how it ended; only a running one timed out.
                var state = Call(session, "Container", target.UserTarget, ct => session.Client.Containers.InspectContainerAsync(target.Reference, ct)).State;
                if (state is null || state.Running || state.Restarting || state.Paused)
                {
                    WriteError(new DockerPSException(
                        "The container " + target.Display + " was still running after " + Timeout + " seconds. Wait longer (a larger -Timeout, or none), or stop it (Stop-DockerContainer).",
                        "WaitTimeout", ErrorCategory.OperationTimeout, target.UserTarget).ToErrorRecord());
                    return;
                }

                result = new ContainerWaitResponse { StatusCode = state.ExitCode, Error = string.IsNullOrEmpty(state.Error) ? null : new WaitExitError { Message = state.Error } };
            }

            WriteObject(DockerEndpoint.Stamp(new DockerContainerExit
            {
                Container = target.Display,
                ContainerReference = target.Reference,
                ExitCode = result.StatusCode,
                Error = string.IsNullOrEmpty(result.Error?.Message) ? null : result.Error!.Message,
            }, target.Endpoint));
        }
    }
}
