using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace PSDocker.Archives
{
    /// <summary>
    /// .dockerignore as the docker CLI applies it to a build context: the file's lines read like the CLI's
    /// ignorefile reader, patterns compiled like moby's patternmatcher (*, ?, [..], ** and ! exceptions, each
    /// pattern also matching a file's parent directories), evaluated with the parent directory's results while
    /// walking, and the Dockerfile and .dockerignore kept in the context even when a pattern excludes them.
    /// </summary>
    internal sealed class DockerIgnore
    {
        private readonly List<Pattern> _patterns = new List<Pattern>();

        private DockerIgnore(IEnumerable<string> patterns)
        {
            foreach (var raw in patterns)
            {
                var text = raw.Trim();
                if (text.Length == 0)
                {
                    continue;
                }

                text = CleanPath(text);
                var exclusion = text[0] == '!';
                if (exclusion)
                {
                    if (text.Length == 1)
                    {
                        throw new ArgumentException("illegal exclusion pattern: \"!\"");
                    }

                    text = text.Substring(1);
                    HasExclusions = true;
                }

                _patterns.Add(new Pattern(text, exclusion));
            }
        }

        /// <summary>Whether any pattern is an exception (!pattern).</summary>
        public bool HasExclusions { get; }

        public static DockerIgnore Empty { get; } = new DockerIgnore(Array.Empty<string>());

        /// <summary>The patterns of a .dockerignore text, normalized as the CLI's reader does.</summary>
        public static List<string> ReadPatterns(string text)
        {
            var result = new List<string>();
            var first = true;
            foreach (var rawLine in text.Split('\n'))
            {
                var line = rawLine.TrimEnd('\r');
                if (first && line.Length > 0 && line[0] == '\uFEFF')
                {
                    line = line.Substring(1);
                }

                first = false;
                // A comment is a line that starts with # before any trimming.
                if (line.Length > 0 && line[0] == '#')
                {
                    continue;
                }

                var pattern = line.Trim();
                if (pattern.Length == 0)
                {
                    continue;
                }

                var invert = pattern[0] == '!';
                if (invert)
                {
                    pattern = pattern.Substring(1).Trim();
                }

                if (pattern.Length > 0)
                {
                    pattern = CleanPath(pattern);
                    if (pattern.Length > 1 && pattern[0] == '/')
                    {
                        pattern = pattern.Substring(1);
                    }
                }

                result.Add(invert ? "!" + pattern : pattern);
            }

            return result;
        }

        /// <summary>
        /// The patterns for a build: the context's .dockerignore plus exceptions that keep the Dockerfile and
        /// .dockerignore themselves, as the CLI adds them.
        /// </summary>
        public static DockerIgnore ForBuild(string contextDirectory, string? dockerfileInContext)
        {
            var file = Path.Combine(contextDirectory, ".dockerignore");
            if (!File.Exists(file))
            {
                return Empty;
            }

            var patterns = ReadPatterns(File.ReadAllText(file, Encoding.UTF8));
            var parsed = new DockerIgnore(patterns);
            if (parsed.MatchesShallow(".dockerignore"))
            {
                patterns.Add("!.dockerignore");
            }

            if (dockerfileInContext != null && parsed.MatchesShallow(dockerfileInContext))
            {
                patterns.Add("!" + dockerfileInContext);
            }

            return new DockerIgnore(patterns);
        }

        /// <summary>Per-pattern results for a directory, handed to its children.</summary>
        public sealed class MatchInfo
        {
            internal MatchInfo(bool[] parentMatched) => ParentMatched = parentMatched;

            internal bool[] ParentMatched { get; }
        }

        /// <summary>
        /// Whether <paramref name="path"/> (slash-separated, relative to the context) is excluded, using the
        /// results of its parent directory (null at the top level).
        /// </summary>
        public bool Matches(string path, MatchInfo? parent, out MatchInfo info)
        {
            var matched = false;
            var results = new bool[_patterns.Count];
            for (var i = 0; i < _patterns.Count; i++)
            {
                var pattern = _patterns[i];
                var match = parent != null && parent.ParentMatched[i];
                if (!match)
                {
                    if (pattern.Exclusion != matched)
                    {
                        continue;
                    }

                    match = pattern.IsMatch(path);
                    if (!match && parent is null)
                    {
                        match = MatchesAParent(pattern, path);
                    }
                }

                results[i] = match;
                if (match)
                {
                    matched = !pattern.Exclusion;
                }
            }

            info = new MatchInfo(results);
            return matched;
        }

        /// <summary>Whether an exception pattern may name something below <paramref name="directory"/>, so it cannot be skipped whole.</summary>
        public bool MayIncludeBelow(string directory)
        {
            var prefix = directory + "/";
            foreach (var pattern in _patterns)
            {
                if (pattern.Exclusion && (pattern.Text + "/").StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MatchesAParent(Pattern pattern, string path)
        {
            var slash = path.LastIndexOf('/');
            if (slash < 0)
            {
                return false;
            }

            var parentDirs = path.Substring(0, slash).Split('/');
            for (var i = 0; i < parentDirs.Length; i++)
            {
                if (pattern.IsMatch(string.Join("/", parentDirs, 0, i + 1)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The CLI's check for keeping the Dockerfile/.dockerignore: the file itself or its one parent, no deeper.</summary>
        private bool MatchesShallow(string path)
        {
            var matched = false;
            var slash = path.LastIndexOf('/');
            var parentDirs = slash < 0 ? null : path.Substring(0, slash).Split('/');
            foreach (var pattern in _patterns)
            {
                if (pattern.Exclusion != matched)
                {
                    continue;
                }

                var match = pattern.IsMatch(path);
                if (!match && parentDirs != null && pattern.Depth <= parentDirs.Length)
                {
                    match = pattern.IsMatch(string.Join("/", parentDirs, 0, pattern.Depth));
                }

                if (match)
                {
                    matched = !pattern.Exclusion;
                }
            }

            return matched;
        }

        /// <summary>Go's path.Clean: one slash between elements, no ".", ".." resolved lexically, no trailing slash.</summary>
        internal static string CleanPath(string path)
        {
            if (path.Length == 0)
            {
                return ".";
            }

            var rooted = path[0] == '/';
            var parts = new List<string>();
            foreach (var part in path.Split('/'))
            {
                if (part.Length == 0 || part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    if (parts.Count > 0 && parts[parts.Count - 1] != "..")
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                    else if (!rooted)
                    {
                        parts.Add(part);
                    }

                    continue;
                }

                parts.Add(part);
            }

            var cleaned = string.Join("/", parts);
            return rooted ? "/" + cleaned : (cleaned.Length == 0 ? "." : cleaned);
        }

        private sealed class Pattern
        {
            private enum Kind
            {
                Exact,
                Prefix,
                Suffix,
                Regex,
            }

            private readonly Kind _kind;
            private readonly Regex? _regex;

            public Pattern(string text, bool exclusion)
            {
                Text = text;
                Exclusion = exclusion;
                Depth = text.Split('/').Length;
                var regex = new StringBuilder("^");
                var kind = Kind.Exact;
                for (var i = 0; i < text.Length; i++)
                {
                    var c = text[i];
                    if (c == '*')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '*')
                        {
                            var start = i;
                            i++;
                            if (i + 1 < text.Length && text[i + 1] == '/')
                            {
                                i++; // "**/" counts as "**"
                            }

                            if (i + 1 >= text.Length)
                            {
                                // "**" at the end accepts everything, as in .gitignore.
                                if (kind == Kind.Exact)
                                {
                                    kind = Kind.Prefix;
                                }
                                else
                                {
                                    regex.Append(".*");
                                    kind = Kind.Regex;
                                }
                            }
                            else
                            {
                                regex.Append("(.*/)?");
                                kind = Kind.Regex;
                            }

                            if (start == 0)
                            {
                                kind = Kind.Suffix;
                            }
                        }
                        else
                        {
                            regex.Append("[^/]*");
                            kind = Kind.Regex;
                        }
                    }
                    else if (c == '?')
                    {
                        regex.Append("[^/]");
                        kind = Kind.Regex;
                    }
                    else if (".+()|{}$".IndexOf(c) >= 0)
                    {
                        regex.Append('\\').Append(c);
                    }
                    else if (c == '\\')
                    {
                        if (i + 1 < text.Length)
                        {
                            i++;
                            regex.Append('\\').Append(text[i]);
                            kind = Kind.Regex;
                        }
                        else
                        {
                            regex.Append("\\\\");
                        }
                    }
                    else if (c == '[' || c == ']')
                    {
                        regex.Append(c);
                        kind = Kind.Regex;
                    }
                    else
                    {
                        regex.Append(c);
                    }
                }

                _kind = kind;
                if (kind == Kind.Regex)
                {
                    regex.Append('$');
                    try
                    {
                        _regex = new Regex(regex.ToString(), RegexOptions.CultureInvariant);
                    }
                    catch (ArgumentException e)
                    {
                        throw new ArgumentException("bad .dockerignore pattern '" + text + "': " + e.Message, e);
                    }
                }
            }

            public string Text { get; }

            public bool Exclusion { get; }

            public int Depth { get; }

            public bool IsMatch(string path)
            {
                switch (_kind)
                {
                    case Kind.Exact:
                        return path == Text;
                    case Kind.Prefix:
                        return path.StartsWith(Text.Substring(0, Text.Length - 2), StringComparison.Ordinal);
                    case Kind.Suffix:
                        var suffix = Text.Substring(2);
                        if (path.EndsWith(suffix, StringComparison.Ordinal))
                        {
                            return true;
                        }

                        return suffix.Length > 0 && suffix[0] == '/' && path == suffix.Substring(1);
                    default:
                        return _regex!.IsMatch(path);
                }
            }
        }
    }
}
