using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>
    /// docker stats: one sample per container (docker stats --no-stream), or with -Stream a sample per container
    /// every second until Ctrl+C. Containers from the whole pipeline are sampled together, as the CLI does.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DockerContainerStatistic", DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainerStatistic))]
    public sealed class GetDockerContainerStatisticCommand : ContainerCmdlet
    {
        private readonly List<(DockerSession Session, DockerTarget Target)> _targets = new List<(DockerSession, DockerTarget)>();

        /// <summary>
        /// <para type="description">Keep sampling, one object per container each second, until Ctrl+C (docker stats without --no-stream).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        // Sampling waits for all the pipeline's containers: the engine takes a second per one-off sample (it
        // compares two readings), so containers are sampled side by side instead of one after the other.
        internal override void ProcessContainer(DockerSession session, DockerTarget target) => _targets.Add((session, target));

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_targets.Count == 0)
            {
                return;
            }

            if (Stream.IsPresent)
            {
                Follow();
            }
            else
            {
                SampleOnce();
            }
        }

        private void SampleOnce()
        {
            var results = new (ContainerStatsResponse? Sample, Exception? Error)[_targets.Count];
            Await(async ct =>
            {
                await Task.WhenAll(_targets.Select(async (item, index) =>
                {
                    var capture = new LastSample();
                    try
                    {
                        // one-shot=false: the engine reads twice, a second apart, so the CPU delta is real (as the CLI asks).
                        await item.Session.Client.Containers.GetContainerStatsAsync(item.Target.Reference,
                            new ContainerStatsParameters { Stream = false, OneShot = false }, capture, ct).ConfigureAwait(false);
                        results[index] = (capture.Value, null);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
                    {
                        results[index] = (null, e);
                    }
                }));
            });

            for (var i = 0; i < _targets.Count; i++)
            {
                var (session, target) = _targets[i];
                var (sample, error) = results[i];
                if (error != null)
                {
                    WriteItemError(Map(session, error, "Container", target.UserTarget), target.UserTarget);
                }
                else if (sample != null)
                {
                    WriteObject(StatsMapper.FromSample(sample, session.Engine.Os, target.Name, target.Reference, target.Endpoint));
                }
            }
        }

        private void Follow()
        {
            DockerPSException? fatal = null;
            Await(async ct =>
            {
                await Task.WhenAll(_targets.Select(async item =>
                {
                    var (session, target) = item;
                    // Created here, on the pipeline thread: each sample is handed to this thread, which writes it.
                    var progress = new Progress<ContainerStatsResponse>(sample =>
                    {
                        if (!ct.IsCancellationRequested)
                        {
                            WriteObject(StatsMapper.FromSample(sample, session.Engine.Os, target.Name, target.Reference, target.Endpoint));
                        }
                    });
                    try
                    {
                        await session.Client.Containers.GetContainerStatsAsync(target.Reference, new ContainerStatsParameters { Stream = true }, progress, ct);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
                    {
                        var mapped = Map(session, e, "Container", target.UserTarget);
                        if (mapped.ErrorId.StartsWith("Docker", StringComparison.Ordinal))
                        {
                            fatal ??= mapped;
                        }
                        else
                        {
                            WriteError(mapped.ToErrorRecord(target.UserTarget));
                        }
                    }
                }));
            });

            if (fatal != null)
            {
                ThrowDockerError(fatal);
            }
        }

        /// <summary>Keeps the one sample a non-streaming request returns.</summary>
        private sealed class LastSample : IProgress<ContainerStatsResponse>
        {
            private ContainerStatsResponse? _value;

            public ContainerStatsResponse? Value => Volatile.Read(ref _value);

            public void Report(ContainerStatsResponse value) => Volatile.Write(ref _value, value);
        }
    }
}
