using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Api
{
    /// <summary>
    /// The engine's /events stream: one JSON object per line, read as bytes arrive and handed over one event
    /// at a time, so a stream followed for days takes constant memory.
    /// </summary>
    internal static class EventStream
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>The request path: events?since=…&amp;until=…&amp;filters=… (each only when given).</summary>
        public static string Path(string? since, string? until, IDictionary<string, IDictionary<string, bool>>? filters)
        {
            var query = new StringBuilder("events");
            var separator = '?';
            void Add(string name, string value)
            {
                query.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }

            if (since != null)
            {
                Add("since", since);
            }

            if (until != null)
            {
                Add("until", until);
            }

            if (filters != null && filters.Count > 0)
            {
                Add("filters", FilterArgument.ToJson(filters));
            }

            return query.ToString();
        }

        /// <summary>Reads events until the engine ends the stream; <paramref name="emit"/> gets each as it arrives.</summary>
        public static async Task ReadAsync(Stream stream, DockerEndpoint endpoint, Action<DockerEvent> emit, CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            var splitter = new LineSplitter();
            var lines = new List<string>();
            while (true)
            {
                var read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                splitter.Push(buffer, 0, read, lines);
                foreach (var line in lines)
                {
                    if (line.Trim().Length > 0)
                    {
                        emit(Parse(line, endpoint));
                    }
                }

                lines.Clear();
            }

            if (splitter.Flush() is string last && last.Trim().Length > 0)
            {
                emit(Parse(last, endpoint));
            }
        }

        /// <summary>One event line; the pre-1.22 fields (status, id, time) fill in what newer fields leave out.</summary>
        public static DockerEvent Parse(string line, DockerEndpoint endpoint)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var actorId = String(root, "id");
            if (root.TryGetProperty("Actor", out var actor) && actor.ValueKind == JsonValueKind.Object)
            {
                actorId = String(actor, "ID") ?? actorId;
                if (actor.TryGetProperty("Attributes", out var values) && values.ValueKind == JsonValueKind.Object)
                {
                    foreach (var attribute in values.EnumerateObject())
                    {
                        attributes[attribute.Name] = attribute.Value.ValueKind == JsonValueKind.String ? attribute.Value.GetString() ?? string.Empty : attribute.Value.GetRawText();
                    }
                }
            }

            DateTime time;
            if (root.TryGetProperty("timeNano", out var nanos) && nanos.ValueKind == JsonValueKind.Number && nanos.TryGetInt64(out var ns))
            {
                time = Epoch.AddTicks(ns / 100);
            }
            else if (root.TryGetProperty("time", out var seconds) && seconds.ValueKind == JsonValueKind.Number && seconds.TryGetInt64(out var s))
            {
                time = Epoch.AddSeconds(s);
            }
            else
            {
                time = DateTime.UtcNow;
            }

            return DockerEndpoint.Stamp(new DockerEvent
            {
                Type = String(root, "Type") ?? "container",
                Action = String(root, "Action") ?? String(root, "status") ?? string.Empty,
                ActorId = actorId ?? string.Empty,
                Attributes = attributes,
                Time = time.ToLocalTime(),
                Scope = String(root, "scope") ?? "local",
            }, endpoint);
        }

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
