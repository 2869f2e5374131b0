using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using PSDocker.Connection;

namespace PSDocker.Arguments
{
    /// <summary>
    /// Parses the friendly container options (-Publish '8080:80', -Volume 'data:/x', -Environment @{…}, …) the
    /// way the docker CLI reads its flags. Every parser throws an InvalidArgument <see cref="DockerPSException"/>
    /// naming the bad value, so a bad option fails before any request is sent.
    /// </summary>
    internal static class ContainerOptions
    {
        private static readonly Regex VolumeName = new Regex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$", RegexOptions.CultureInvariant);
        private static readonly Regex EnvName = new Regex("^[^=\\s]+$", RegexOptions.CultureInvariant);
        private static readonly string[] VolumeModes = { "ro", "rw", "z", "Z", "shared", "rshared", "slave", "rslave", "private", "rprivate", "nocopy", "consistent", "cached", "delegated" };

        private static DockerPSException Bad(string id, string message, object? target) =>
            new DockerPSException(message, id, ErrorCategory.InvalidArgument, target);

        /// <summary>KEY=value strings or a dictionary; a bare KEY takes the caller's own value, as docker run -e KEY does.</summary>
        public static List<string> Environment(object? value)
        {
            var result = new List<string>();
            foreach (var (key, item) in Pairs(value, "Environment", "InvalidEnvironment"))
            {
                if (!EnvName.IsMatch(key))
                {
                    throw Bad("InvalidEnvironment", "'" + key + "' is not a valid environment variable name.", key);
                }

                if (item is null)
                {
                    var inherited = System.Environment.GetEnvironmentVariable(key);
                    if (inherited != null)
                    {
                        result.Add(key + "=" + inherited);
                    }

                    continue;
                }

                result.Add(key + "=" + item);
            }

            return result;
        }

        /// <summary>KEY=value strings or a dictionary.</summary>
        public static Dictionary<string, string> Labels(object? value)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, item) in Pairs(value, "Label", "InvalidLabel"))
            {
                if (key.Length == 0)
                {
                    throw Bad("InvalidLabel", "A label needs a name.", value);
                }

                result[key] = item ?? string.Empty;
            }

            return result;
        }

        /// <summary>Flattens a dictionary or KEY=value strings into pairs; a string without '=' has a null value.</summary>
        private static IEnumerable<(string Key, string? Value)> Pairs(object? value, string what, string errorId)
        {
            value = Unwrap(value);
            if (value is null)
            {
                yield break;
            }

            if (value is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = LanguagePrimitives.ConvertTo<string>(entry.Key);
                    var item = Unwrap(entry.Value);
                    yield return (key, item is null ? string.Empty : LanguagePrimitives.ConvertTo<string>(item));
                }

                yield break;
            }

            foreach (var item in Items(value))
            {
                if (item is IDictionary nested)
                {
                    foreach (var pair in Pairs(nested, what, errorId))
                    {
                        yield return pair;
                    }

                    continue;
                }

                var text = LanguagePrimitives.ConvertTo<string>(item);
                var equals = text.IndexOf('=');
                if (equals == 0)
                {
                    throw Bad(errorId, "'" + text + "' is not a valid " + what + " entry: use KEY=value.", text);
                }

                yield return equals < 0 ? (text, null) : (text.Substring(0, equals), text.Substring(equals + 1));
            }
        }

        /// <summary>
        /// -Publish: '8080:80', '127.0.0.1:8080:80/udp', '127.0.0.1::80', '80', '8000-8001:80-81', or a dictionary
        /// @{ 8080 = 80; '127.0.0.1:9090' = '90/udp' } from host side to container side.
        /// </summary>
        public static Dictionary<string, IList<PortBinding>> Ports(object? value)
        {
            var result = new Dictionary<string, IList<PortBinding>>(StringComparer.Ordinal);
            value = Unwrap(value);
            if (value is null)
            {
                return result;
            }

            var specs = new List<string>();
            foreach (var item in value is IDictionary ? new[] { value } : Items(value))
            {
                if (Unwrap(item) is IDictionary map)
                {
                    foreach (DictionaryEntry entry in map)
                    {
                        specs.Add(LanguagePrimitives.ConvertTo<string>(entry.Key) + ":" + LanguagePrimitives.ConvertTo<string>(Unwrap(entry.Value)));
                    }
                }
                else
                {
                    specs.Add(LanguagePrimitives.ConvertTo<string>(item));
                }
            }

            foreach (var spec in specs)
            {
                foreach (var (containerPort, binding) in ParsePort(spec))
                {
                    if (!result.TryGetValue(containerPort, out var list))
                    {
                        result[containerPort] = list = new List<PortBinding>();
                    }

                    list.Add(binding);
                }
            }

            return result;
        }

        private static IEnumerable<(string ContainerPort, PortBinding Binding)> ParsePort(string spec)
        {
            var text = spec.Trim();
            var protocol = "tcp";
            var slash = text.LastIndexOf('/');
            if (slash >= 0)
            {
                protocol = text.Substring(slash + 1).ToLowerInvariant();
                text = text.Substring(0, slash);
                if (protocol != "tcp" && protocol != "udp" && protocol != "sctp")
                {
                    throw Bad("InvalidPublishSpec", "'" + spec + "': the protocol must be tcp, udp or sctp.", spec);
                }
            }

            string hostIp = string.Empty;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                var close = text.IndexOf("]:", StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Bad("InvalidPublishSpec", "'" + spec + "' is not a valid port mapping.", spec);
                }

                hostIp = text.Substring(1, close - 1);
                text = text.Substring(close + 2);
                if (text.IndexOf(':') < 0)
                {
                    text = ":" + text;
                }
            }

            var parts = text.Split(':');
            string hostPart, containerPart;
            switch (parts.Length)
            {
                case 1:
                    hostPart = string.Empty;
                    containerPart = parts[0];
                    break;
                case 2:
                    hostPart = parts[0];
                    containerPart = parts[1];
                    break;
                case 3 when hostIp.Length == 0:
                    hostIp = parts[0];
                    hostPart = parts[1];
                    containerPart = parts[2];
                    break;
                default:
                    throw Bad("InvalidPublishSpec", "'" + spec + "' is not a valid port mapping: use [ip:][hostPort:]containerPort[/protocol].", spec);
            }

            if (hostIp.Length > 0 && !System.Net.IPAddress.TryParse(hostIp, out _))
            {
                throw Bad("InvalidPublishSpec", "'" + spec + "': '" + hostIp + "' is not an IP address.", spec);
            }

            var (containerStart, containerEnd) = PortRange(containerPart, spec, allowEmpty: false);
            var (hostStart, hostEnd) = PortRange(hostPart, spec, allowEmpty: true);
            var count = containerEnd - containerStart + 1;
            if (hostStart != 0 && hostEnd - hostStart + 1 != count && hostEnd != hostStart)
            {
                throw Bad("InvalidPublishSpec", "'" + spec + "': the host and container port ranges differ in size.", spec);
            }

            for (var i = 0; i < count; i++)
            {
                string hostPort;
                if (hostStart == 0)
                {
                    hostPort = string.Empty;
                }
                else if (hostEnd != hostStart)
                {
                    hostPort = (hostStart + i).ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    hostPort = hostStart.ToString(CultureInfo.InvariantCulture);
                }

                yield return ((containerStart + i).ToString(CultureInfo.InvariantCulture) + "/" + protocol,
                    new PortBinding { HostIP = hostIp, HostPort = hostPort });
            }
        }

        private static (int Start, int End) PortRange(string text, string spec, bool allowEmpty)
        {
            if (text.Length == 0)
            {
                return allowEmpty ? (0, 0) : throw Bad("InvalidPublishSpec", "'" + spec + "' names no container port.", spec);
            }

            var dash = text.IndexOf('-');
            var start = Port(dash < 0 ? text : text.Substring(0, dash), spec);
            var end = dash < 0 ? start : Port(text.Substring(dash + 1), spec);
            if (end < start)
            {
                throw Bad("InvalidPublishSpec", "'" + spec + "': the port range runs backwards.", spec);
            }

            return (start, end);
        }

        private static int Port(string text, string spec)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
            {
                throw Bad("InvalidPublishSpec", "'" + spec + "': '" + text + "' is not a port number (1-65535).", spec);
            }

            return port;
        }

        /// <summary>-Volume: 'name:/path[:opts]', '/host/path:/path[:opts]', or '/path' (an anonymous volume).</summary>
        public static (List<string> Binds, Dictionary<string, EmptyStruct> Anonymous) Volumes(string[]? specs, Func<string, string>? resolvePath = null)
        {
            var binds = new List<string>();
            var anonymous = new Dictionary<string, EmptyStruct>(StringComparer.Ordinal);
            foreach (var spec in specs ?? Array.Empty<string>())
            {
                var text = spec.Trim();
                // A Windows drive letter (C:\data) belongs to the source, not a separator.
                var driveOffset = Regex.IsMatch(text, "^[a-zA-Z]:[\\\\/]") ? 2 : 0;
                var parts = new List<string>(text.Substring(driveOffset).Split(':'));
                parts[0] = text.Substring(0, driveOffset) + parts[0];

                if (parts.Count == 1)
                {
                    RequireAbsolute(parts[0], spec);
                    anonymous[parts[0]] = new EmptyStruct();
                    continue;
                }

                if (parts.Count > 3)
                {
                    throw Bad("InvalidVolumeSpec", "'" + spec + "' is not a valid volume: use name:/path[:ro] or /host/path:/path[:ro].", spec);
                }

                var source = parts[0];
                var destination = parts[1];
                if (source.Length == 0)
                {
                    throw Bad("InvalidVolumeSpec", "'" + spec + "' names no volume or host path.", spec);
                }

                var isPath = source.StartsWith("/", StringComparison.Ordinal) || source.StartsWith(".", StringComparison.Ordinal) || driveOffset > 0 || source.StartsWith("\\", StringComparison.Ordinal);
                if (!isPath && !VolumeName.IsMatch(source))
                {
                    throw Bad("InvalidVolumeSpec", "'" + spec + "': '" + source + "' is neither an absolute host path nor a valid volume name.", spec);
                }

                if (source.StartsWith(".", StringComparison.Ordinal))
                {
                    // Relative to PowerShell's current location, not the process's working folder.
                    source = resolvePath is null ? System.IO.Path.GetFullPath(source) : resolvePath(source);
                }

                RequireAbsolute(destination, spec);
                if (parts.Count == 3)
                {
                    foreach (var mode in parts[2].Split(','))
                    {
                        if (Array.IndexOf(VolumeModes, mode) < 0)
                        {
                            throw Bad("InvalidVolumeSpec", "'" + spec + "': unknown volume option '" + mode + "'.", spec);
                        }
                    }
                }

                binds.Add(source + ":" + destination + (parts.Count == 3 ? ":" + parts[2] : string.Empty));
            }

            return (binds, anonymous);
        }

        private static void RequireAbsolute(string path, string spec)
        {
            if (!path.StartsWith("/", StringComparison.Ordinal) && !Regex.IsMatch(path, "^[a-zA-Z]:[\\\\/]"))
            {
                throw Bad("InvalidVolumeSpec", "'" + spec + "': the path in the container must be absolute ('" + path + "' is not).", spec);
            }
        }

        /// <summary>-Mount: docker's CSV ('type=bind,source=/x,target=/y,readonly') or a dictionary with the same keys.</summary>
        public static List<Mount> Mounts(object[]? specs)
        {
            var result = new List<Mount>();
            foreach (var raw in specs ?? Array.Empty<object>())
            {
                var item = Unwrap(raw);
                var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (item is IDictionary map)
                {
                    foreach (DictionaryEntry entry in map)
                    {
                        var v = Unwrap(entry.Value);
                        fields[LanguagePrimitives.ConvertTo<string>(entry.Key)] = v is bool b ? (b ? "true" : "false") : LanguagePrimitives.ConvertTo<string>(v);
                    }
                }
                else
                {
                    foreach (var part in LanguagePrimitives.ConvertTo<string>(item).Split(','))
                    {
                        var equals = part.IndexOf('=');
                        fields[(equals < 0 ? part : part.Substring(0, equals)).Trim()] = equals < 0 ? "true" : part.Substring(equals + 1).Trim();
                    }
                }

                string? Get(params string[] names)
                {
                    foreach (var name in names)
                    {
                        if (fields.TryGetValue(name, out var found))
                        {
                            return found;
                        }
                    }

                    return null;
                }

                var type = (Get("type") ?? "volume").ToLowerInvariant();
                if (type != "volume" && type != "bind" && type != "tmpfs" && type != "npipe")
                {
                    throw Bad("InvalidMountSpec", "Mount type '" + type + "' is not one of volume, bind, tmpfs, npipe.", raw);
                }

                var target = Get("target", "destination", "dst");
                if (string.IsNullOrEmpty(target))
                {
                    throw Bad("InvalidMountSpec", "A mount needs a target (the path in the container).", raw);
                }

                RequireAbsolute(target!, LanguagePrimitives.ConvertTo<string>(raw));
                var source = Get("source", "src");
                if (type == "bind" && string.IsNullOrEmpty(source))
                {
                    throw Bad("InvalidMountSpec", "A bind mount needs a source (the host path).", raw);
                }

                var known = new[] { "type", "source", "src", "target", "destination", "dst", "readonly", "ro", "consistency",
                    "bind-propagation", "volume-nocopy", "volume-driver", "tmpfs-size", "tmpfs-mode" };
                var unknown = fields.Keys.FirstOrDefault(k => Array.IndexOf(known, k.ToLowerInvariant()) < 0);
                if (unknown != null)
                {
                    throw Bad("InvalidMountSpec", "Unknown mount option '" + unknown + "': use " + string.Join(", ", known) + ".", raw);
                }

                var mount = new Mount
                {
                    Type = type,
                    Source = source,
                    Target = target,
                    ReadOnly = IsTrue(Get("readonly", "ro"), raw),
                    Consistency = Get("consistency"),
                };
                if (Get("bind-propagation") is string propagation)
                {
                    mount.BindOptions = new BindOptions { Propagation = propagation };
                }

                var noCopy = Get("volume-nocopy");
                var driver = Get("volume-driver");
                if (noCopy != null || driver != null)
                {
                    mount.VolumeOptions = new VolumeOptions { NoCopy = noCopy is null ? (bool?)null : IsTrue(noCopy, raw), DriverConfig = driver is null ? null : new Driver { Name = driver } };
                }

                var tmpfsSize = Get("tmpfs-size");
                var tmpfsMode = Get("tmpfs-mode");
                if (tmpfsSize != null || tmpfsMode != null)
                {
                    mount.TmpfsOptions = new TmpfsOptions
                    {
                        SizeBytes = tmpfsSize is null ? (long?)null : Memory(tmpfsSize),
                        Mode = tmpfsMode is null ? (uint?)null : ParseOctal(tmpfsMode, raw),
                    };
                }

                result.Add(mount);
            }

            return result;
        }

        private static bool IsTrue(string? value, object? raw)
        {
            if (value is null)
            {
                return false;
            }

            switch (value.Trim().ToLowerInvariant())
            {
                case "":
                case "true":
                case "1":
                    return true;
                case "false":
                case "0":
                    return false;
                default:
                    throw Bad("InvalidMountSpec", "'" + value + "' is not true or false.", raw);
            }
        }

        private static uint ParseOctal(string value, object? raw)
        {
            try
            {
                return Convert.ToUInt32(value.Trim(), 8);
            }
            catch (Exception e) when (e is FormatException || e is OverflowException || e is ArgumentException)
            {
                throw Bad("InvalidMountSpec", "'" + value + "' is not an octal file mode such as 1777.", raw);
            }
        }

        /// <summary>no, always, unless-stopped, on-failure[:N].</summary>
        public static RestartPolicy RestartPolicy(string? text)
        {
            var value = (text ?? "no").Trim().ToLowerInvariant();
            var colon = value.IndexOf(':');
            var name = colon < 0 ? value : value.Substring(0, colon);
            var retries = 0L;
            if (colon >= 0 && (name != "on-failure" || !long.TryParse(value.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out retries)))
            {
                throw Bad("InvalidRestartPolicy", "'" + text + "' is not a restart policy: use no, always, unless-stopped or on-failure[:max-retries].", text);
            }

            RestartPolicyKind kind;
            switch (name)
            {
                case "no": kind = RestartPolicyKind.No; break;
                case "always": kind = RestartPolicyKind.Always; break;
                case "unless-stopped": kind = RestartPolicyKind.UnlessStopped; break;
                case "on-failure": kind = RestartPolicyKind.OnFailure; break;
                default:
                    throw Bad("InvalidRestartPolicy", "'" + text + "' is not a restart policy: use no, always, unless-stopped or on-failure[:max-retries].", text);
            }

            return new RestartPolicy { Name = kind, MaximumRetryCount = retries };
        }

        /// <summary>Bytes as a number, or docker's '512m' / '1g' / '300k' (binary units).</summary>
        public static long Memory(object? value)
        {
            value = Unwrap(value);
            if (value is null)
            {
                return 0;
            }

            if (value is int || value is long || value is double || value is decimal || value is uint || value is ulong)
            {
                var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (number <= 0 || number != decimal.Truncate(number))
                {
                    throw Bad("InvalidMemory", "'" + value + "' is not a memory size in bytes.", value);
                }

                return (long)number;
            }

            var text = LanguagePrimitives.ConvertTo<string>(value).Trim();
            var match = Regex.Match(text, "^([0-9]+(?:\\.[0-9]+)?)\\s*([kmgtp]?)(?:i?b)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            if (!match.Success)
            {
                throw Bad("InvalidMemory", "'" + text + "' is not a memory size: use bytes or a number with k, m, g (e.g. 512m).", text);
            }

            var amount = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var power = "kmgtp".IndexOf(char.ToLowerInvariant(match.Groups[2].Value.FirstOrDefault()));
            var bytes = amount * (decimal)Math.Pow(1024, power + 1);
            if (bytes <= 0)
            {
                throw Bad("InvalidMemory", "'" + text + "' is not a positive memory size.", text);
            }

            return (long)bytes;
        }

        /// <summary>CPUs as docker run --cpus: a positive number, up to 1000.</summary>
        public static long NanoCpus(double? cpus)
        {
            if (cpus is null)
            {
                return 0;
            }

            if (double.IsNaN(cpus.Value) || cpus.Value <= 0 || cpus.Value > 1000)
            {
                throw Bad("InvalidCpus", "'" + cpus.Value.ToString(CultureInfo.InvariantCulture) + "' is not a CPU count: use a positive number such as 0.5 or 2.", cpus.Value);
            }

            return (long)Math.Round(cpus.Value * 1e9);
        }

        internal static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

        private static IEnumerable<object?> Items(object value)
        {
            var enumerable = LanguagePrimitives.GetEnumerable(value);
            if (enumerable is null)
            {
                yield return value;
                yield break;
            }

            foreach (var item in enumerable)
            {
                yield return Unwrap(item);
            }
        }
    }
}
