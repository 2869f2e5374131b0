using System.Linq;
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

        public static bool TryParse(string text, out ImageReference reference) => TryParse(text, out reference, out _);

        /// <summary>"'x' is not a valid image reference: why." for an InvalidImageReference error.</summary>
        public static string Explain(string text)
        {
            TryParse(text, out _, out var why);
            return "'" + text + "' is not a valid image reference: " + (why ?? "it cannot be parsed") + ". Use [registry[:port]/]name[:tag][@digest], such as busybox:1.36 or 127.0.0.1:5000/team/app@sha256:….";
        }

        // The grammar of docker's reference package: lower-case path components joined by . _ __ or dashes, an
        // optional registry host[:port] first, a tag of up to 128 word characters, dots and dashes, a digest algorithm:hex.
        private static readonly System.Text.RegularExpressions.Regex PathComponent = new System.Text.RegularExpressions.Regex(
            "^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        private static readonly System.Text.RegularExpressions.Regex Domain = new System.Text.RegularExpressions.Regex(
            @"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        private static readonly System.Text.RegularExpressions.Regex TagText = new System.Text.RegularExpressions.Regex(
            "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        private static readonly System.Text.RegularExpressions.Regex DigestText = new System.Text.RegularExpressions.Regex(
            "^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static bool TryParse(string text, out ImageReference reference, out string? why)
        {
            reference = new ImageReference(string.Empty, null, null);
            why = null;
            var value = text.Trim();
            if (value.Length == 0)
            {
                why = "it is empty";
                return false;
            }

            if (value.Any(char.IsWhiteSpace))
            {
                why = "it holds white space";
                return false;
            }

            string? digest = null;
            var at = value.IndexOf('@');
            if (at >= 0)
            {
                digest = value.Substring(at + 1);
                value = value.Substring(0, at);
                if (!DigestText.IsMatch(digest))
                {
                    why = "the digest '" + digest + "' is not algorithm:hex with at least 32 hex digits";
                    return false;
                }
            }

            string? tag = null;
            var colon = value.LastIndexOf(':');
            if (colon > value.LastIndexOf('/'))
            {
                tag = value.Substring(colon + 1);
                value = value.Substring(0, colon);
                if (!TagText.IsMatch(tag))
                {
                    why = tag.Length == 0 ? "the tag after ':' is empty" : "the tag '" + tag + "' may hold only letters, digits, _, . and - (up to 128, not starting with . or -)";
                    return false;
                }
            }

            var components = value.Split('/');
            var first = 0;
            if (components.Length > 1 && (components[0].IndexOf('.') >= 0 || components[0].IndexOf(':') >= 0 || components[0] == "localhost"))
            {
                if (!Domain.IsMatch(components[0]))
                {
                    why = "the registry '" + components[0] + "' is not host[:port]";
                    return false;
                }

                first = 1;
            }

            for (var i = first; i < components.Length; i++)
            {
                if (!PathComponent.IsMatch(components[i]))
                {
                    why = components[i].Length == 0
                        ? "it has an empty name component"
                        : components[i].Any(char.IsUpper)
                            ? "the name must be lower case ('" + components[i] + "')"
                            : "the name component '" + components[i] + "' may hold only a-z, 0-9 and separators . _ -";
                    return false;
                }
            }

            if (value.Length > 255)
            {
                why = "the name is longer than 255 characters";
                return false;
            }

            reference = new ImageReference(value, digest is null ? tag : null, digest);
            return true;
        }
    }
}
