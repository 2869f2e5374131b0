using System;
using System.Collections.Generic;
using System.Linq;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Images
{
    /// <summary>Reads one image row back with one inspect (no list): for what pull, tag, build, commit and load return.</summary>
    internal static class ImageLookup
    {
        public static DockerImage Fetch(DockerCmdlet cmdlet, DockerSession session, DockerEndpoint endpoint, string reference, object userTarget)
        {
            var inspected = cmdlet.Call(session, "Image", userTarget, ct => session.Client.Images.InspectImageAsync(reference, ct));
            var tags = (inspected.RepoTags ?? new List<string>()).ToArray();
            string? row = null;
            if (ImageReference.TryParse(reference, out var parsed) && parsed.Digest is null)
            {
                var asked = parsed.Repository + ":" + (parsed.Tag ?? "latest");
                row = tags.FirstOrDefault(t => t == asked || t.EndsWith("/" + asked, StringComparison.Ordinal));
            }

            row ??= tags.FirstOrDefault();
            var colon = row?.LastIndexOf(':') ?? -1;
            return DockerEndpoint.Stamp(new DockerImage
            {
                Id = inspected.ID,
                Repository = colon > 0 ? row!.Substring(0, colon) : string.Empty,
                Tag = colon > 0 ? row!.Substring(colon + 1) : string.Empty,
                RepoTags = tags,
                Digests = (inspected.RepoDigests ?? new List<string>()).ToArray(),
                Created = inspected.Created.HasValue ? ContainerMapper.ToLocal(inspected.Created.Value) : default,
                Size = inspected.Size,
                Labels = inspected.Config?.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(inspected.Config.Labels, StringComparer.Ordinal),
            }, endpoint);
        }
    }
}
