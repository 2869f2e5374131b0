using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Connection;

namespace PSDocker.Api
{
    /// <summary>
    /// The registry lookup behind --resolve-image (the CLI's imageDigestAndPlatforms): the engine asks the image's
    /// registry, with the login given (X-Registry-Auth; the library's own lookup sends none), for the digest the tag
    /// points at now and the platforms it is built for.
    /// </summary>
    internal static class ImageDigest
    {
        private static readonly JsonSerializerOptions AuthJson = new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

        /// <summary>The digest (null when the registry gives none) and the platforms of <paramref name="image"/>.</summary>
        public static async Task<(string? Digest, List<SwarmPlatform> Platforms)> LookUpAsync(DockerSession session, string image, AuthConfig? auth, CancellationToken ct)
        {
            var header = auth is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string?>
            {
                ["username"] = auth.Username,
                ["password"] = auth.Password,
                ["auth"] = auth.Auth,
                ["serveraddress"] = auth.ServerAddress,
                ["identitytoken"] = auth.IdentityToken,
            }, AuthJson)));
            using var found = await session.Raw.GetJsonAsync("distribution/" + image + "/json", ct, header).ConfigureAwait(false);
            var root = found.RootElement;
            var digest = root.TryGetProperty("Descriptor", out var descriptor) && descriptor.TryGetProperty("digest", out var text) ? text.GetString() : null;
            var platforms = new List<SwarmPlatform>();
            if (root.TryGetProperty("Platforms", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var platform in list.EnumerateArray())
                {
                    var architecture = platform.TryGetProperty("architecture", out var a) ? a.GetString() : null;
                    var os = platform.TryGetProperty("os", out var o) ? o.GetString() : null;
                    if (!string.IsNullOrEmpty(architecture) || !string.IsNullOrEmpty(os))
                    {
                        platforms.Add(new SwarmPlatform { Architecture = architecture ?? string.Empty, OS = os ?? string.Empty });
                    }
                }
            }

            return (digest, platforms);
        }
    }
}
