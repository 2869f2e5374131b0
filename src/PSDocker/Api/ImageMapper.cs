using System;
using System.Collections.Generic;
using System.Linq;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Api
{
    /// <summary>Maps the client library's image models to ours.</summary>
    internal static class ImageMapper
    {
        /// <summary>One row per repository:tag, as docker images lists them.</summary>
        public static IEnumerable<DockerImage> FromList(ImagesListResponse image, DockerEndpoint endpoint)
        {
            var tags = (image.RepoTags ?? new List<string>()).Where(t => t != "<none>:<none>").ToArray();
            var digests = (image.RepoDigests ?? new List<string>()).Where(d => !d.StartsWith("<none>@", StringComparison.Ordinal)).ToArray();
            if (tags.Length == 0)
            {
                yield return Make(image, endpoint, string.Empty, string.Empty, tags, digests);
                yield break;
            }

            foreach (var tag in tags)
            {
                var colon = tag.LastIndexOf(':');
                yield return Make(image, endpoint, tag.Substring(0, colon), tag.Substring(colon + 1), tags, digests);
            }
        }

        private static DockerImage Make(ImagesListResponse image, DockerEndpoint endpoint, string repository, string tag, string[] tags, string[] digests) =>
            DockerEndpoint.Stamp(new DockerImage
            {
                Id = image.ID,
                Repository = repository,
                Tag = tag,
                RepoTags = tags,
                Digests = digests,
                Created = ContainerMapper.ToLocal(image.Created),
                Size = image.Size,
                Labels = image.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(image.Labels, StringComparer.Ordinal),
                ParentId = string.IsNullOrEmpty(image.ParentID) ? null : image.ParentID,
            }, endpoint);

        public static DockerImageDetail FromInspect(ImageInspectResponse image, DockerEndpoint endpoint)
        {
            var config = image.Config;
            var tags = (image.RepoTags ?? new List<string>()).ToArray();
            return DockerEndpoint.Stamp(new DockerImageDetail
            {
                Id = image.ID,
                RepoTags = tags,
                Digests = (image.RepoDigests ?? new List<string>()).ToArray(),
                Name = tags.FirstOrDefault() ?? image.ID,
                Created = image.Created.HasValue ? ContainerMapper.ToLocal(image.Created.Value) : (DateTime?)null,
                Author = string.IsNullOrEmpty(image.Author) ? null : image.Author,
                Comment = string.IsNullOrEmpty(image.Comment) ? null : image.Comment,
                Os = image.Os,
                Architecture = image.Architecture,
                Size = image.Size,
                Entrypoint = (config?.Entrypoint ?? new List<string>()).ToArray(),
                Command = (config?.Cmd ?? new List<string>()).ToArray(),
                Environment = (config?.Env ?? new List<string>()).ToArray(),
                WorkingDirectory = string.IsNullOrEmpty(config?.WorkingDir) ? null : config!.WorkingDir,
                User = string.IsNullOrEmpty(config?.User) ? null : config!.User,
                ExposedPorts = (config?.ExposedPorts?.Keys ?? (ICollection<string>)Array.Empty<string>()).OrderBy(p => p, StringComparer.Ordinal).ToArray(),
                Volumes = (config?.Volumes?.Keys ?? (ICollection<string>)Array.Empty<string>()).OrderBy(p => p, StringComparer.Ordinal).ToArray(),
                Labels = config?.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(config.Labels, StringComparer.Ordinal),
                Layers = (image.RootFS?.Layers ?? new List<string>()).ToArray(),
            }, endpoint);
        }
    }
}
