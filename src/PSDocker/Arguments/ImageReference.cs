using System;

namespace PSDocker.Arguments
{
    /// <summary>An image reference split the way the engine's pull endpoint wants it: repository, and tag or digest.</summary>
    internal sealed class ImageReference
    {
        private ImageReference(string repository, string? tag, string? digest)
        {
            Repository = repository;
            Tag = tag;
            Digest = digest;
        }

        /// <summary>e.g. 127.0.0.1:5000/team/app.</summary>
        public string Repository { get; }

        /// <summary>The tag, when given (null with a digest).</summary>
        public string? Tag { get; }

        /// <summary>sha256:…, when pinned by digest.</summary>
        public string? Digest { get; }

        /// <summary>The registry host, or null for Docker Hub.</summary>
        public string? Registry
        {
            get
            {
                var slash = Repository.IndexOf('/');
                if (slash < 0)
                {
                    return null;
                }

                var first = Repository.Substring(0, slash);
                return first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || first == "localhost" ? first : null;
            }
        }

        /// <summary>What to pass as the pull's tag: the tag, the digest, or "latest".</summary>
        public string TagOrDigest => Digest ?? Tag ?? "latest";

        public override string ToString() => Repository + (Digest != null ? "@" + Digest : ":" + (Tag ?? "latest"));

        public static bool TryParse(string text, out ImageReference reference)
        {
            reference = new ImageReference(string.Empty, null, null);
            var value = text.Trim();
            if (value.Length == 0 || value.IndexOf(' ') >= 0)
            {
                return false;
            }

            string? digest = null;
            var at = value.IndexOf('@');
            if (at >= 0)
            {
                digest = value.Substring(at + 1);
                value = value.Substring(0, at);
                if (digest.IndexOf(':') <= 0)
                {
                    return false;
                }
            }

            string? tag = null;
            var colon = value.LastIndexOf(':');
            if (colon > value.LastIndexOf('/'))
            {
                tag = value.Substring(colon + 1);
                value = value.Substring(0, colon);
                if (tag.Length == 0)
                {
                    return false;
                }
            }

            if (value.Length == 0 || value.EndsWith("/", StringComparison.Ordinal))
            {
                return false;
            }

            reference = new ImageReference(value, digest is null ? tag : null, digest);
            return true;
        }
    }
}
