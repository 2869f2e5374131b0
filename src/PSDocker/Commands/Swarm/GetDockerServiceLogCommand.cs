using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker service logs: the lines of a service's tasks on every node, each with its task and node.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerServiceLog")]
    [OutputType(typeof(DockerServiceLogLine))]
    public sealed class GetDockerServiceLogCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">The services whose logs to get: services from Get-DockerService, or names or ids.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ServiceCompleter))]
        public object[] Service { get; set; } = Array.Empty<object>();

        /// <summary>
        /// <para type="description">Keep writing new lines as the tasks write them, until Ctrl+C (one service at a time).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        /// <summary>
        /// <para type="description">Only the last lines of each task, this many.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Tail { get; set; }

        /// <summary>
        /// <para type="description">Only lines written since then: a DateTime, a TimeSpan back from now, or docker's 10m / 2h / RFC 3339 text.</para>
        /// </summary>
        [Parameter]
        public object? Since { get; set; }

        /// <inheritdoc/>
        internal override bool FansOutOnThreads => false; // the task and node names below are one engine's

        private readonly Dictionary<string, string> _taskNames = new Dictionary<string, string>(StringComparer.Ordinal);
        private Dictionary<string, string> _nodeNames = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var since = Since is null ? null : TimeArgument.ToEngine(Since, nameof(Since), DateTime.UtcNow);
            var targets = Targets.Services.FromPipeline(this, Service, nameParameter: "Service").ToList();
            if (Follow.IsPresent && targets.Count > 1)
            {
                ThrowDockerError(new DockerPSException("-Follow follows one service at a time, and " + targets.Count + " were given. Follow each in its own pipeline, or leave out -Follow.", "FollowSeveralServices", ErrorCategory.InvalidArgument, string.Join(", ", targets.Select(t => t.Display))));
            }

            foreach (var target in targets)
            {
                var session = GetSession(target.Endpoint);
                try
                {
                    var service = Call(session, "Service", target.UserTarget, ct => session.Client.Swarm.InspectServiceAsync(target.Reference, ct));
                    _nodeNames = Call(session, "Node", target.UserTarget, ct => session.Client.Swarm.ListNodesAsync(ct))
                        .GroupBy(n => n.ID).ToDictionary(g => g.Key, g => g.First().Description?.Hostname ?? string.Empty, StringComparer.Ordinal);
                    var parameters = new ServiceLogsParameters
                    {
                        ShowStdout = true,
                        ShowStderr = true,
                        Follow = Follow.IsPresent,
                        Timestamps = true,
                        Details = true,
                        Tail = Tail?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all",
                        Since = since,
                    };
                    var name = service.Spec?.Name ?? target.Display;
                    foreach (var task in Call(session, "Service", target.UserTarget, ct => session.Client.Tasks.ListAsync(new TasksListParameters
                    {
                        Filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [service.ID] = true } },
                    }, ct)))
                    {
                        _taskNames[task.ID] = NameOf(task, name);
                    }

                    Call(session, "Service", target.UserTarget, async ct =>
                    {
                        // As for container logs: where connections are kept the frames are read in large blocks on this thread.
                        var lines = new OutputPump.Lines(line => Emit(session, line, "stdout", name, target), line => Emit(session, line, "stderr", name, target));
                        if (session.Raw.TryReadFrames(RawApi.LogsPath("services", service.ID, parameters.ShowStdout, parameters.ShowStderr, parameters.Follow, parameters.Timestamps, parameters.Tail, parameters.Since, details: parameters.Details), multiplexed: true, lines.Push, ct))
                        {
                            lines.Flush();
                            return true;
                        }

                        using var stream = await session.Client.Swarm.GetServiceLogsAsync(service.ID, false, parameters, ct);
                        RegisterForStop(stream);
                        try
                        {
                            await OutputPump.CopyLinesAsync(stream, line => Emit(session, line, "stdout", name, target), line => Emit(session, line, "stderr", name, target), ct);
                        }
                        finally
                        {
                            UnregisterForStop(stream);
                        }

                        return true;
                    });
                }
                catch (DockerPSException e) when (e.ErrorId == "ServiceNotFound")
                {
                    WriteItemError(Targets.Services.Missing(target, e), target.UserTarget);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, target.UserTarget);
                }
            }
        }

        /// <summary>A line as the engine sends it with details and timestamps: 'key=value,… TIMESTAMP text' (either order is read).</summary>
        private void Emit(DockerSession session, string raw, string stream, string service, DockerTarget target)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var rest = raw;
            for (var round = 0; round < 2; round++)
            {
                var space = rest.IndexOf(' ');
                var head = space < 0 ? rest : rest.Substring(0, space);
                if (head.IndexOf("com.docker.swarm.", StringComparison.Ordinal) >= 0 && attributes.Count == 0)
                {
                    foreach (var pair in head.Split(','))
                    {
                        var equals = pair.IndexOf('=');
                        if (equals > 0)
                        {
                            attributes[Uri.UnescapeDataString(pair.Substring(0, equals))] = Uri.UnescapeDataString(pair.Substring(equals + 1));
                        }
                    }

                    rest = space < 0 ? string.Empty : rest.Substring(space + 1);
                }
            }

            var line = new DockerServiceLogLine { Service = service, Stream = stream };
            DockerEndpoint.Stamp(line, target.Endpoint);
            if (TimeArgument.TrySplitTimestamp(rest, out var utc, out var text))
            {
                line.Timestamp = utc.ToLocalTime();
                rest = text;
            }

            // The details may also follow the timestamp.
            if (attributes.Count == 0 && rest.StartsWith("com.docker.swarm.", StringComparison.Ordinal))
            {
                var space = rest.IndexOf(' ');
                foreach (var pair in (space < 0 ? rest : rest.Substring(0, space)).Split(','))
                {
                    var equals = pair.IndexOf('=');
                    if (equals > 0)
                    {
                        attributes[Uri.UnescapeDataString(pair.Substring(0, equals))] = Uri.UnescapeDataString(pair.Substring(equals + 1));
                    }
                }

                rest = space < 0 ? string.Empty : rest.Substring(space + 1);
            }

            line.Line = rest;
            line.TaskId = attributes.TryGetValue("com.docker.swarm.task.id", out var task) ? task : string.Empty;
            line.NodeId = attributes.TryGetValue("com.docker.swarm.node.id", out var node) ? node : string.Empty;
            line.NodeName = _nodeNames.TryGetValue(line.NodeId, out var hostname) ? hostname : string.Empty;
            line.Task = TaskName(session, line.TaskId, service);
            WriteObject(line);
        }

        private static string NameOf(TaskResponse task, string service) =>
            task.Slot is long slot && slot > 0 ? service + "." + slot : service + "." + task.NodeID;

        /// <summary>service.slot for a task id, asked once per task.</summary>
        private string TaskName(DockerSession session, string taskId, string service)
        {
            if (taskId.Length == 0)
            {
                return string.Empty;
            }

            if (!_taskNames.TryGetValue(taskId, out var name))
            {
                try
                {
                    // A task that started while following. Off the pipeline thread: this runs inside the log pump,
                    // whose awaits resume on this thread, so a blocking wait here must not need it.
                    var task = Wait(ct => System.Threading.Tasks.Task.Run(() => session.Client.Tasks.InspectAsync(taskId, ct), ct));
                    name = NameOf(task, service);
                }
                catch (Exception e) when (!(e is PipelineStoppedException))
                {
                    name = service + "." + taskId;
                }

                _taskNames[taskId] = name;
            }

            return name;
        }
    }
}
