using System;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using PSDocker.Connection;

namespace PSDocker.Api
{
    /// <summary>
    /// docker run's wait: asked for before the container starts, so an exit (or, with AutoRemove, the removal)
    /// cannot be missed however soon it comes. The engine answers the headers once the wait is registered and the
    /// body (the exit code) when the condition is met. The client library's wait takes no condition.
    /// </summary>
    internal static class ContainerWait
    {
        /// <summary>Registers the wait; the result is the exit code to come.</summary>
        public static async Task<Task<long>> BeginAsync(DockerSession session, string id, bool untilRemoved, CancellationToken cancellationToken)
        {
            var body = await session.Raw.PostStreamAsync(
                "containers/" + Uri.EscapeDataString(id) + "/wait?condition=" + (untilRemoved ? "removed" : "next-exit"),
                cancellationToken).ConfigureAwait(false);
            return ReadExitCodeAsync(body, cancellationToken);
        }

        private static async Task<long> ReadExitCodeAsync(Stream body, CancellationToken cancellationToken)
        {
            using (body)
            {
                using var document = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
                var root = document.RootElement;
                if (root.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.Object &&
                    error.TryGetProperty("Message", out var message) && message.GetString() is string text && text.Length > 0)
                {
                    throw new DockerApiException(HttpStatusCode.InternalServerError, "{\"message\":" + JsonSerializer.Serialize(text) + "}");
                }

                return root.GetProperty("StatusCode").GetInt64();
            }
        }
    }
}
