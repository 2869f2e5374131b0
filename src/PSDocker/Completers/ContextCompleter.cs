using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using PSDocker.Connection;

namespace PSDocker.Completers
{
    /// <summary>docker context names, read where the CLI keeps them ($DOCKER_CONFIG/contexts/meta), plus "default".</summary>
    internal sealed class ContextCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            yield return (ContextStore.DefaultContextName, "the DOCKER_HOST or default socket");
            var meta = Path.Combine(ContextStore.ConfigDirectory, "contexts", "meta");
            if (!Directory.Exists(meta))
            {
                yield break;
            }

            foreach (var file in Directory.EnumerateFiles(meta, "meta.json", SearchOption.AllDirectories))
            {
                string? name = null;
                string host = string.Empty;
                try
                {
                    using var document = JsonDocument.Parse(File.ReadAllText(file));
                    name = document.RootElement.TryGetProperty("Name", out var n) ? n.GetString() : null;
                    if (document.RootElement.TryGetProperty("Endpoints", out var endpoints) &&
                        endpoints.TryGetProperty("docker", out var docker) && docker.TryGetProperty("Host", out var h))
                    {
                        host = h.GetString() ?? string.Empty;
                    }
                }
                catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
                {
                    // A broken context file is simply not offered.
                }

                if (!string.IsNullOrEmpty(name))
                {
                    yield return (name!, host);
                }
            }
        }
    }
}
