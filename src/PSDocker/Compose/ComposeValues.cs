using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using PSDocker.Connection;
using YamlDotNet.RepresentationModel;

namespace PSDocker.Compose
{
    /// <summary>The loader's readers of single values: each interpolates, checks its type and names key and line when it cannot.</summary>
    internal sealed partial class ComposeLoader
    {
        private static readonly Regex MemoryText = new Regex(@"^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex DurationPart = new Regex(@"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant);

        private ComposeSource At(YamlNode node) => new ComposeSource(_file, (int)node.Start.Line);

        /// <summary>A mapping's entries, with YAML merge keys (&lt;&lt;: *anchor) expanded as the docker CLI's YAML reader does.</summary>
        private IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode mapping)
        {
            var own = new List<(string, YamlNode, YamlNode)>();
            var merged = new List<(string, YamlNode, YamlNode)>();
            foreach (var entry in mapping.Children)
            {
                if (!(entry.Key is YamlScalarNode keyNode) || keyNode.Value is null)
                {
                    throw new DockerPSException(At(entry.Key) + ": a key must be a plain name.", "ComposeInvalidValue", ErrorCategory.InvalidData, _file);
                }

                if (keyNode.Value == "<<" && keyNode.Style == YamlDotNet.Core.ScalarStyle.Plain)
                {
                    var sources = entry.Value is YamlSequenceNode list ? list.Children.ToList() : new List<YamlNode> { entry.Value };
                    foreach (var source in sources)
                    {
                        merged.AddRange(Entries(Map(source, "<<")));
                    }

                    continue;
                }

                own.Add((keyNode.Value, keyNode, entry.Value));
            }

            var seen = new HashSet<string>(own.Select(e => e.Item1), StringComparer.Ordinal);
            foreach (var entry in merged)
            {
                if (seen.Add(entry.Item1))
                {
                    own.Add(entry);
                }
            }

            return own;
        }

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode scalar && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain &&
            (scalar.Value is null || scalar.Value.Length == 0 || scalar.Value == "~" || scalar.Value == "null" || scalar.Value == "Null" || scalar.Value == "NULL");

        private YamlMappingNode Map(YamlNode node, string key) =>
            node as YamlMappingNode ?? throw Invalid(node, key, "a mapping (key: value lines)");

        private IEnumerable<YamlNode> Seq(YamlNode node, string key) =>
            (node as YamlSequenceNode ?? throw Invalid(node, key, "a list (- item lines)")).Children;

        private DockerPSException Invalid(YamlNode node, string key, string expected)
        {
            var text = node is YamlScalarNode scalar ? "'" + scalar.Value + "'" : node is YamlMappingNode ? "a mapping" : "a list";
            return new DockerPSException(At(node) + ": '" + key + "' is " + text + ", which it cannot be: it takes " + expected + ".",
                "ComposeInvalidValue", ErrorCategory.InvalidData, _file);
        }

        private void Warn(string key, YamlNode node, string message) => _warnings.Add(new ComposeWarning(key, At(node), message));

        private void Unknown(string key, string path, YamlNode keyNode)
        {
            if (key.StartsWith("x-", StringComparison.Ordinal))
            {
                return;
            }

            var message = NotYetSupported.Contains(key)
                ? "'" + path + "' is a key of the compose format that Deploy-DockerStack does not support yet. Take it out (or deploy this file with docker stack deploy)."
                : "'" + path + "' is not a key of the compose file format 3 here. Check its spelling and indentation; extension keys start with x-.";
            throw new DockerPSException(At(keyNode) + ": " + message, "ComposeUnsupportedKey", ErrorCategory.InvalidData, _file);
        }

        /// <summary>A scalar as text, interpolated; null for YAML null. Numbers and booleans come as written.</summary>
        private string? Str(YamlNode node, string key)
        {
            if (!(node is YamlScalarNode scalar))
            {
                throw Invalid(node, key, "a single value");
            }

            if (IsNull(node))
            {
                return null;
            }

            return ComposeInterpolation.Substitute(scalar.Value ?? string.Empty, _lookup, At(node), key);
        }

        private bool? Bool(YamlNode node, string key)
        {
            var text = Str(node, key);
            if (text is null)
            {
                return null;
            }

            if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            throw Invalid(node, key, "true or false");
        }

        private ulong? ULong(YamlNode node, string key)
        {
            var text = Str(node, key);
            return text is null ? (ulong?)null
                : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
                : throw Invalid(node, key, "a whole number, 0 or more");
        }

        private long? Long(YamlNode node, string key)
        {
            var text = Str(node, key);
            return text is null ? (long?)null
                : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
                : throw Invalid(node, key, "a whole number");
        }

        private float? Float(YamlNode node, string key)
        {
            var text = Str(node, key);
            return text is null ? (float?)null
                : float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
                : throw Invalid(node, key, "a number");
        }

        /// <summary>Go's duration text (1m30s, 300ms, 1.5h), or a whole number of nanoseconds, as the CLI takes them.</summary>
        private TimeSpan? Duration(YamlNode node, string key)
        {
            var text = Str(node, key);
            if (text is null)
            {
                return null;
            }

            var parsed = ParseDuration(text);
            return parsed ?? throw Invalid(node, key, "a duration such as 10s, 1m30s or 500ms");
        }

        internal static TimeSpan? ParseDuration(string text)
        {
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var nanoseconds))
            {
                return TimeSpan.FromTicks(nanoseconds / 100);
            }

            var negative = text.StartsWith("-", StringComparison.Ordinal);
            var rest = text.TrimStart('-', '+');
            if (rest == "0")
            {
                return TimeSpan.Zero;
            }

            double ticks = 0;
            var at = 0;
            foreach (Match part in DurationPart.Matches(rest))
            {
                if (part.Index != at)
                {
                    return null;
                }

                at = part.Index + part.Length;
                var number = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
                ticks += number * part.Groups[2].Value switch
                {
                    "ns" => 0.01,
                    "ms" => TimeSpan.TicksPerMillisecond,
                    "s" => TimeSpan.TicksPerSecond,
                    "m" => TimeSpan.TicksPerMinute,
                    "h" => TimeSpan.TicksPerHour,
                    _ => 10.0, // us, µs
                };
            }

            if (at == 0 || at != rest.Length)
            {
                return null;
            }

            return TimeSpan.FromTicks((long)Math.Round(negative ? -ticks : ticks));
        }

        /// <summary>Bytes as the CLI's RAMInBytes reads them: 512m, 1g, 1.5GiB, 100kb (powers of 1024), or a plain number.</summary>
        private long? Bytes(YamlNode node, string key)
        {
            var text = Str(node, key);
            if (text is null)
            {
                return null;
            }

            return ParseBytes(text) ?? throw Invalid(node, key, "a size such as 512M or 1G");
        }

        internal static long? ParseBytes(string text)
        {
            var match = MemoryText.Match(text);
            if (!match.Success)
            {
                return null;
            }

            var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups[2].Success ? char.ToLowerInvariant(match.Groups[2].Value[0]) : 'b';
            var factor = unit switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, 't' => 1L << 40, 'p' => 1L << 50, _ => 1L };
            return (long)(number * factor);
        }

        /// <summary>cpus: '0.5' as billionths of a CPU, refusing more precision than that (the CLI's ParseCPUs).</summary>
        private long? NanoCpus(YamlNode node, string key)
        {
            var text = Str(node, key);
            if (text is null)
            {
                return null;
            }

            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus))
            {
                throw Invalid(node, key, "a number of CPUs such as 0.5 or 2");
            }

            var nano = cpus * 1_000_000_000m;
            return nano == decimal.Truncate(nano) ? (long)nano : throw Invalid(node, key, "a number of CPUs with at most 9 decimals");
        }

        /// <summary>A file mode: YAML's 0440 and 0o440 are octal, as the CLI's YAML reader takes them; 288 is decimal.</summary>
        private uint? FileMode(YamlNode node, string key)
        {
            var text = Str(node, key);
            if (text is null)
            {
                return null;
            }

            try
            {
                if (text.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
                {
                    return Convert.ToUInt32(text.Substring(2), 8);
                }

                if (text.Length > 1 && text[0] == '0')
                {
                    return Convert.ToUInt32(text.Substring(1), 8);
                }

                return uint.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException || e is OverflowException || e is ArgumentException)
            {
                throw Invalid(node, key, "a file mode such as 0440");
            }
        }

        private List<string> StrList(YamlNode node, string key, bool allowString)
        {
            if (allowString && node is YamlScalarNode)
            {
                var one = Str(node, key);
                return one is null ? new List<string>() : new List<string> { one };
            }

            return Seq(node, key).Select(item => Str(item, key) ?? throw Invalid(item, key, "a value, not null")).ToList();
        }

        /// <summary>
        /// KEY=value lines or a mapping (environment, labels). In a list a name without '=' has a null value (where
        /// <paramref name="allowNull"/>) or an empty one; in a mapping a null value is null or empty alike.
        /// </summary>
        private List<KeyValuePair<string, string?>> ListOrMap(YamlNode node, string key, bool allowNull, bool mapOnly = false)
        {
            var result = new List<KeyValuePair<string, string?>>();
            if (node is YamlSequenceNode && !mapOnly)
            {
                foreach (var item in Seq(node, key))
                {
                    var text = Str(item, key) ?? throw Invalid(item, key, "KEY=value");
                    var equals = text.IndexOf('=');
                    result.Add(equals < 0
                        ? new KeyValuePair<string, string?>(text, allowNull ? null : string.Empty)
                        : new KeyValuePair<string, string?>(text.Substring(0, equals), text.Substring(equals + 1)));
                }

                return result;
            }

            foreach (var (name, _, value) in Entries(Map(node, key)))
            {
                var text = Str(value, key + "." + name);
                result.Add(new KeyValuePair<string, string?>(name, text ?? (allowNull ? null : string.Empty)));
            }

            return result;
        }

        private List<string> ExtraHosts(YamlNode node, string key)
        {
            if (node is YamlMappingNode)
            {
                return ListOrMap(node, key, allowNull: false).Select(p => p.Key + ":" + p.Value).ToList();
            }

            var hosts = StrList(node, key, allowString: false);
            foreach (var (host, item) in hosts.Zip(Seq(node, key), (h, n) => (h, n)))
            {
                if (host.IndexOf(':') <= 0)
                {
                    throw Invalid(item, key, "host:ip entries");
                }
            }

            return hosts;
        }

        /// <summary>A command: a list as it is, or a string split as a POSIX shell splits words (the CLI uses shellwords).</summary>
        private List<string> ShellCommand(YamlNode node, string key)
        {
            if (!(node is YamlScalarNode))
            {
                return StrList(node, key, allowString: false);
            }

            var text = Str(node, key) ?? string.Empty;
            return SplitWords(text) ?? throw Invalid(node, key, "a command with matched quotes");
        }

        internal static List<string>? SplitWords(string text)
        {
            var words = new List<string>();
            var current = new StringBuilder();
            var inWord = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\'')
                {
                    var end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        return null;
                    }

                    current.Append(text, i + 1, end - i - 1);
                    i = end;
                    inWord = true;
                }
                else if (c == '"')
                {
                    i++;
                    for (; i < text.Length && text[i] != '"'; i++)
                    {
                        if (text[i] == '\\' && i + 1 < text.Length && "\"\\$`".IndexOf(text[i + 1]) >= 0)
                        {
                            i++;
                        }

                        current.Append(text[i]);
                    }

                    if (i >= text.Length)
                    {
                        return null;
                    }

                    inWord = true;
                }
                else if (c == '\\' && i + 1 < text.Length)
                {
                    current.Append(text[++i]);
                    inWord = true;
                }
                else if (char.IsWhiteSpace(c))
                {
                    if (inWord)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                        inWord = false;
                    }
                }
                else
                {
                    current.Append(c);
                    inWord = true;
                }
            }

            if (inWord)
            {
                words.Add(current.ToString());
            }

            return words;
        }

        private List<ComposePort> Ports(YamlNode node, string key)
        {
            var ports = new List<ComposePort>();
            foreach (var item in Seq(node, key))
            {
                if (item is YamlMappingNode)
                {
                    var port = new ComposePort();
                    foreach (var (pkey, pkeyNode, value) in Entries(Map(item, key)))
                    {
                        var here = key + "." + pkey;
                        switch (pkey)
                        {
                            case "target": port.Target = (uint)(ULong(value, here) ?? 0); break;
                            case "published": port.Published = ULong(value, here) is ulong published ? (uint)published : (uint?)null; break;
                            case "protocol": port.Protocol = Str(value, here) ?? "tcp"; break;
                            case "mode":
                                port.Mode = Str(value, here) ?? "ingress";
                                if (port.Mode != "ingress" && port.Mode != "host")
                                {
                                    throw Invalid(value, here, "ingress or host");
                                }

                                break;
                            default: Unknown(pkey, here, pkeyNode); break;
                        }
                    }

                    if (port.Target == 0)
                    {
                        throw Invalid(item, key, "a target: port");
                    }

                    ports.Add(port);
                    continue;
                }

                var text = Str(item, key) ?? throw Invalid(item, key, "a port");
                ports.AddRange(ShortPorts(text, item, key));
            }

            return ports;
        }

        /// <summary>[[ip:]published:]target[/protocol], with ranges (8080-8081:80-81), as docker run -p reads it.</summary>
        private IEnumerable<ComposePort> ShortPorts(string text, YamlNode node, string key)
        {
            var protocol = "tcp";
            var slash = text.LastIndexOf('/');
            if (slash >= 0)
            {
                protocol = text.Substring(slash + 1).ToLowerInvariant();
                text = text.Substring(0, slash);
                if (protocol != "tcp" && protocol != "udp" && protocol != "sctp")
                {
                    throw Invalid(node, key, "a port with the protocol tcp, udp or sctp");
                }
            }

            var parts = text.Split(':');
            string? published = null;
            string target;
            if (parts.Length == 1)
            {
                target = parts[0];
            }
            else
            {
                target = parts[parts.Length - 1];
                published = parts[parts.Length - 2];
                if (parts.Length > 2)
                {
                    Warn(key, node, "a service publishes on every address of every node: the host address '" + string.Join(":", parts.Take(parts.Length - 2)) + "' is ignored, as docker stack deploy ignores it.");
                }

                if (published.Length == 0)
                {
                    published = null;
                }
            }

            var targets = Range(target) ?? throw Invalid(node, key, "a port such as 8080:80, 80 or 8080-8081:80-81");
            var publishedPorts = published is null ? null : Range(published) ?? throw Invalid(node, key, "a port such as 8080:80, 80 or 8080-8081:80-81");
            if (publishedPorts != null && publishedPorts.Count != targets.Count)
            {
                throw Invalid(node, key, "ranges of the same length on both sides");
            }

            for (var i = 0; i < targets.Count; i++)
            {
                yield return new ComposePort { Target = targets[i], Published = publishedPorts?[i], Protocol = protocol };
            }
        }

        /// <summary>A service volume in the long form: type (volume, bind, tmpfs), source, target, read_only and the type's options.</summary>
        private ComposeMount LongMount(YamlNode item, string key)
        {
            var mount = new ComposeMount(At(item));
            string? type = null;
            foreach (var (mkey, mkeyNode, value) in Entries(Map(item, key)))
            {
                var here = key + "." + mkey;
                switch (mkey)
                {
                    case "type": type = Str(value, here); break;
                    case "source": mount.Source = Str(value, here) ?? string.Empty; break;
                    case "target": mount.Target = Str(value, here) ?? string.Empty; break;
                    case "read_only": mount.ReadOnly = Bool(value, here) ?? false; break;
                    case "volume":
                    case "bind":
                    case "tmpfs":
                        foreach (var (okey, okeyNode, option) in Entries(Map(value, here)))
                        {
                            var ohere = here + "." + okey;
                            switch (mkey + "." + okey)
                            {
                                case "volume.nocopy": mount.NoCopy = Bool(option, ohere) ?? false; break;
                                case "bind.propagation": mount.Propagation = Str(option, ohere); break;
                                case "tmpfs.size": mount.TmpfsSize = Bytes(option, ohere); break;
                                default: Unknown(okey, ohere, okeyNode); break;
                            }
                        }

                        break;
                    default: Unknown(mkey, here, mkeyNode); break;
                }
            }

            if (type != "volume" && type != "bind" && type != "tmpfs")
            {
                throw Invalid(item, key + ".type", "volume, bind or tmpfs");
            }

            mount.Type = type!;
            if (!mount.Target.StartsWith("/", StringComparison.Ordinal))
            {
                throw Invalid(item, key + ".target", "an absolute path inside the container");
            }

            if (type == "bind")
            {
                if (mount.Source.Length == 0)
                {
                    throw Invalid(item, key + ".source", "the host path of the bind");
                }

                mount.Source = AbsolutePath(mount.Source);
            }
            else if (type == "tmpfs" && mount.Source.Length > 0)
            {
                throw Invalid(item, key + ".source", "nothing: a tmpfs has no source");
            }

            if ((mount.Propagation != null && type != "bind") || (mount.NoCopy && type != "volume") || (mount.TmpfsSize != null && type != "tmpfs"))
            {
                throw Invalid(item, key, "only the options of its own type");
            }

            return mount;
        }

        private static List<uint>? Range(string text)
        {
            var dash = text.IndexOf('-');
            if (dash < 0)
            {
                return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var single) && single > 0 && single <= 65535 ? new List<uint> { single } : null;
            }

            if (!uint.TryParse(text.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var first) ||
                !uint.TryParse(text.Substring(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last) ||
                first == 0 || last > 65535 || last < first)
            {
                return null;
            }

            return Enumerable.Range((int)first, (int)(last - first + 1)).Select(p => (uint)p).ToList();
        }

        /// <summary>Service volumes in the short form: target, source:target or source:target:mode.</summary>
        private List<ComposeMount> Mounts(YamlNode node, string key)
        {
            var mounts = new List<ComposeMount>();
            foreach (var item in Seq(node, key))
            {
                if (item is YamlMappingNode)
                {
                    mounts.Add(LongMount(item, key));
                    continue;
                }

                var text = Str(item, key) ?? throw Invalid(item, key, "source:target");
                var parts = text.Split(':');
                var mount = new ComposeMount(At(item));
                if (parts.Length == 1)
                {
                    mount.Target = parts[0];
                }
                else if (parts.Length <= 3)
                {
                    mount.Source = parts[0];
                    mount.Target = parts[1];
                    if (parts.Length == 3)
                    {
                        foreach (var option in parts[2].Split(','))
                        {
                            switch (option)
                            {
                                case "ro": mount.ReadOnly = true; break;
                                case "rw": mount.ReadOnly = false; break;
                                case "nocopy": mount.NoCopy = true; break;
                                case "shared": case "rshared": case "slave": case "rslave": case "private": case "rprivate":
                                    mount.Propagation = option;
                                    break;
                                default: throw Invalid(item, key, "the mode ro, rw, nocopy or a bind propagation (rprivate, rshared, rslave, …)");
                            }
                        }
                    }
                }
                else
                {
                    throw Invalid(item, key, "source:target[:mode]");
                }

                if (mount.Target.Length == 0 || !mount.Target.StartsWith("/", StringComparison.Ordinal))
                {
                    throw Invalid(item, key, "an absolute path inside the container as the target");
                }

                if (mount.Source.StartsWith("/", StringComparison.Ordinal) || mount.Source.StartsWith(".", StringComparison.Ordinal) || mount.Source.StartsWith("~", StringComparison.Ordinal))
                {
                    mount.Type = "bind";
                    mount.Source = AbsolutePath(mount.Source);
                }
                else if (mount.NoCopy && mount.Source.Length == 0)
                {
                    throw Invalid(item, key, "nocopy only with a named volume");
                }

                if (mount.Propagation != null && mount.Type != "bind")
                {
                    throw Invalid(item, key, "a bind propagation only for a bind (a host path)");
                }

                mounts.Add(mount);
            }

            return mounts;
        }
    }
}
