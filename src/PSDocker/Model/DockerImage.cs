using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>
    /// An image as docker images lists it: one object per repository:tag (an untagged image is one object with
    /// empty Repository and Tag). Removing it removes that tag; the image goes when its last tag does.
    /// </summary>
    public sealed class DockerImage : DockerObject
    {
        /// <summary>The image id (sha256:…).</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The repository of this row, e.g. 127.0.0.1:5000/team/app ("" when untagged).</summary>
        public string Repository { get; internal set; } = string.Empty;

        /// <summary>The tag of this row ("" when untagged).</summary>
        public string Tag { get; internal set; } = string.Empty;

        /// <summary>repository:tag, or the id when untagged: what the other image cmdlets are given.</summary>
        public string Name => Repository.Length == 0 ? Id : Repository + ":" + Tag;

        /// <summary>All repository:tag names of the image.</summary>
        public IReadOnlyList<string> RepoTags { get; internal set; } = Array.Empty<string>();

        /// <summary>Registry digests, repository@sha256:….</summary>
        public IReadOnlyList<string> Digests { get; internal set; } = Array.Empty<string>();

        /// <summary>When the image was built, in local time.</summary>
        public DateTime Created { get; internal set; }

        /// <summary>Size in bytes.</summary>
        public long Size { get; internal set; }

        /// <summary>The image's labels.</summary>
        public IReadOnlyDictionary<string, string> Labels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The parent image id for intermediate images.</summary>
        public string? ParentId { get; internal set; }

        /// <summary>The first 12 characters of the id, as docker images shows it.</summary>
        public string ShortId => Formats.DockerFormat.ShortId(Id);

        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    /// <summary>The full inspect data of an image (Get-DockerImage -Inspect).</summary>
    public sealed class DockerImageDetail : DockerObject
    {
        /// <summary>The image id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>repository:tag names.</summary>
        public IReadOnlyList<string> RepoTags { get; internal set; } = Array.Empty<string>();

        /// <summary>Registry digests.</summary>
        public IReadOnlyList<string> Digests { get; internal set; } = Array.Empty<string>();

        /// <summary>repository:tag or id, what other cmdlets take.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>When the image was built, in local time.</summary>
        public DateTime? Created { get; internal set; }

        /// <summary>The image's author.</summary>
        public string? Author { get; internal set; }

        /// <summary>The commit message or comment.</summary>
        public string? Comment { get; internal set; }

        /// <summary>e.g. linux.</summary>
        public string Os { get; internal set; } = string.Empty;

        /// <summary>e.g. amd64.</summary>
        public string Architecture { get; internal set; } = string.Empty;

        /// <summary>Size in bytes.</summary>
        public long Size { get; internal set; }

        /// <summary>The entrypoint.</summary>
        public IReadOnlyList<string> Entrypoint { get; internal set; } = Array.Empty<string>();

        /// <summary>The default command.</summary>
        public IReadOnlyList<string> Command { get; internal set; } = Array.Empty<string>();

        /// <summary>The environment, KEY=value.</summary>
        public IReadOnlyList<string> Environment { get; internal set; } = Array.Empty<string>();

        /// <summary>The working directory.</summary>
        public string? WorkingDirectory { get; internal set; }

        /// <summary>The default user.</summary>
        public string? User { get; internal set; }

        /// <summary>Exposed ports, e.g. 80/tcp.</summary>
        public IReadOnlyList<string> ExposedPorts { get; internal set; } = Array.Empty<string>();

        /// <summary>Declared volumes.</summary>
        public IReadOnlyList<string> Volumes { get; internal set; } = Array.Empty<string>();

        /// <summary>Labels.</summary>
        public IReadOnlyDictionary<string, string> Labels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The layer digests of the root file system, bottom first.</summary>
        public IReadOnlyList<string> Layers { get; internal set; } = Array.Empty<string>();

        /// <summary>Everything docker image inspect shows, as the engine wrote it (PSCustomObjects, as ConvertFrom-Json gives).</summary>
        public object? Raw { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    /// <summary>One layer of an image's history (Get-DockerImageHistory).</summary>
    public sealed class DockerImageLayer : DockerObject
    {
        /// <summary>The layer's image id, or &lt;missing&gt; for layers pulled from a registry.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>When it was created, in local time.</summary>
        public DateTime Created { get; internal set; }

        /// <summary>The instruction that made it.</summary>
        public string CreatedBy { get; internal set; } = string.Empty;

        /// <summary>Bytes it adds.</summary>
        public long Size { get; internal set; }

        /// <summary>Its comment.</summary>
        public string? Comment { get; internal set; }

        /// <summary>Tags pointing at it.</summary>
        public IReadOnlyList<string> Tags { get; internal set; } = Array.Empty<string>();

        /// <summary>The image whose history this is.</summary>
        public string Image { get; internal set; } = string.Empty;
    }

    /// <summary>What Remove-DockerImage did: tags removed and images deleted.</summary>
    public sealed class DockerImageRemoval : DockerObject
    {
        /// <summary>What was asked for.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>repository:tag (and digest) references removed.</summary>
        public IReadOnlyList<string> Untagged { get; internal set; } = Array.Empty<string>();

        /// <summary>Image and layer ids deleted.</summary>
        public IReadOnlyList<string> Deleted { get; internal set; } = Array.Empty<string>();
    }

    /// <summary>What Publish-DockerImage pushed.</summary>
    public sealed class DockerImagePushResult : DockerObject
    {
        /// <summary>repository:tag pushed.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The manifest digest the registry now has.</summary>
        public string? Digest { get; internal set; }

        /// <summary>The manifest size the registry reported.</summary>
        public long? Size { get; internal set; }
    }
}
