using System;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker logs: a container's output as objects, streamed with constant memory.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerContainerLog", DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerLogLine))]
    public sealed class GetDockerContainerLogCommand : ContainerCmdlet
    {
        /// <summary>
        /// <para type="description">Keep streaming new lines until the container stops or Ctrl+C (docker logs -f).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        /// <summary>
        /// <para type="description">Only the last N lines.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Tail { get; set; }

        /// <summary>
        /// <para type="description">Only lines since this point: a DateTime, or a duration back from now such as 10m or 1h30m (a TimeSpan works too).</para>
        /// </summary>
        [Parameter]
        public object? Since { get; set; }

        /// <summary>
        /// <para type="description">Only lines before this point: a DateTime or a duration back from now.</para>
        /// </summary>
        [Parameter]
        public object? Until { get; set; }

        /// <summary>
        /// <para type="description">Show each line's timestamp in the default view (the Timestamp property is always filled).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Timestamps { get; set; }

        /// <summary>
        /// <para type="description">Which output to read: All (default), Stdout or Stderr.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("All", "Stdout", "Stderr")]
        public string Stream { get; set; } = "All";

        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            var now = DateTime.UtcNow;
            var parameters = new ContainerLogsParameters
            {
                // ValidateSet takes any case (stderr, as the objects spell it): compare the same way.
                ShowStdout = !string.Equals(Stream, "Stderr", StringComparison.OrdinalIgnoreCase),
                ShowStderr = !string.Equals(Stream, "Stdout", StringComparison.OrdinalIgnoreCase),
                Follow = Follow.IsPresent,
                // Always asked for: the timestamp becomes a property instead of text in the line.
                Timestamps = true,
                Tail = Tail?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all",
                Since = Since is null ? null : TimeArgument.ToEngine(Since, nameof(Since), now),
                Until = Until is null ? null : TimeArgument.ToEngine(Until, nameof(Until), now),
            };

            var containerName = target.Display;
            var containerId = target.Reference;
            Call(session, "Container", target.UserTarget, async ct =>
            {
                // As docker logs does, the container is inspected first: the lines then carry its full id and name,
                // whatever prefix or name the user typed.
                var inspected = await session.Client.Containers.InspectContainerAsync(target.Reference, ct);
                containerId = inspected.ID;
                containerName = inspected.Name?.TrimStart('/') ?? containerName;
                var lines = new OutputPump.Lines(line => Emit(line, "stdout", target, containerId, containerName), line => Emit(line, "stderr", target, containerId, containerName));

                // Where connections are kept the frames are read in large blocks on this thread (FrameReader); elsewhere through the library.
                if (session.Raw.TryReadFrames(RawApi.LogsPath("containers", containerId, parameters.ShowStdout, parameters.ShowStderr, parameters.Follow, parameters.Timestamps, parameters.Tail, parameters.Since, parameters.Until), multiplexed: !(inspected.Config?.Tty ?? false), lines.Push, ct))
                {
                    lines.Flush();
                    return true;
                }

                using var stream = await session.Client.Containers.GetContainerLogsAsync(target.Reference, parameters, ct);
                RegisterForStop(stream);
                try
                {
                    await OutputPump.CopyLinesAsync(stream, line => Emit(line, "stdout", target, containerId, containerName), line => Emit(line, "stderr", target, containerId, containerName), ct);
                }
                finally
                {
                    UnregisterForStop(stream);
                }

                return true;
            });
        }

        private void Emit(string raw, string stream, DockerTarget target, string containerId, string containerName)
        {
            var item = new DockerLogLine
            {
                ContainerId = containerId,
                Container = containerName,
                Stream = stream,
                DockerHost = target.Endpoint.Host,
                Context = target.Endpoint.Context,
            };

            if (TimeArgument.TrySplitTimestamp(raw, out var utc, out var text))
            {
                item.Timestamp = utc.ToLocalTime();
                item.Line = text;
            }
            else
            {
                item.Line = raw;
            }

            if (Timestamps.IsPresent)
            {
                var wrapped = new PSObject(item);
                wrapped.TypeNames.Insert(0, "PSDocker.Model.DockerLogLine#Timestamps");
                WriteObject(wrapped);
            }
            else
            {
                WriteObject(item);
            }
        }
    }
}
