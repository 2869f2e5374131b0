using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;

namespace PSDocker.Arguments
{
    /// <summary>
    /// The docker run / docker create flags beyond ports, mounts, environment and labels (ContainerOptions): each
    /// parsed as the CLI parses it and checked before any request, with an Invalid* ErrorId naming the value.
    /// </summary>
    internal static class RunOptions
    {
        private static readonly Regex HostName = new Regex(@"^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant);

        /// <summary>--ulimit name=soft[:hard], or a hashtable name = 'soft[:hard]' / soft.</summary>
        public static List<Ulimit> Ulimits(object? value)
        {
            var result = new List<Ulimit>();
            foreach (var (name, text) in ContainerOptions.Pairs(value, "-Ulimit", "InvalidUlimit"))
            {
                var parts = (text ?? string.Empty).Split(':');
                if (name.Length == 0 || parts.Length > 2 || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var soft))
                {
                    throw ArgumentValue.Bad("InvalidUlimit", "'" + name + "=" + text + "' is not a ulimit: use name=soft[:hard], such as nofile=1024:2048.", name + "=" + text);
                }

                var hard = soft;
                if (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out hard))
                {
                    throw ArgumentValue.Bad("InvalidUlimit", "'" + name + "=" + text + "' is not a ulimit: use name=soft[:hard], such as nofile=1024:2048.", name + "=" + text);
                }

                if (soft > hard && hard != -1)
                {
                    throw ArgumentValue.Bad("InvalidUlimit", "ulimit '" + name + "': the soft limit " + soft + " is above the hard limit " + hard + ": give a soft limit at or below the hard one, such as nofile=1024:2048.", name + "=" + text);
                }

                result.Add(new Ulimit { Name = name, Soft = soft, Hard = hard });
            }

            return result;
        }

        /// <summary>--cap-add / --cap-drop as the CLI normalizes them: upper case, with the CAP_ prefix (ALL stays ALL).</summary>
        public static List<string>? Capabilities(string[]? values) =>
            values?.Select(v =>
            {
                var name = v.Trim().ToUpperInvariant();
                if (name.Length == 0 || name.Any(c => !(char.IsLetterOrDigit(c) || c == '_')))
                {
                    throw ArgumentValue.Bad("InvalidCapability", "'" + v + "' is not a capability: use a name such as NET_ADMIN or CAP_NET_ADMIN, or ALL.", v);
                }

                return name == "ALL" || name.StartsWith("CAP_", StringComparison.Ordinal) ? name : "CAP_" + name;
            }).ToList();

        /// <summary>--device /dev/host[:/dev/container[:rwm]].</summary>
        public static List<DeviceMapping> Devices(string[]? values)
        {
            var result = new List<DeviceMapping>();
            foreach (var text in values ?? Array.Empty<string>())
            {
                var parts = text.Split(':');
                var permissions = "rwm";
                var container = parts[0];
                if (parts.Length == 2)
                {
                    if (IsPermissions(parts[1]))
                    {
                        permissions = parts[1];
                    }
                    else
                    {
                        container = parts[1];
                    }
                }
                else if (parts.Length == 3)
                {
                    container = parts[1];
                    permissions = parts[2];
                }

                if (parts.Length > 3 || parts[0].Length == 0 || !container.StartsWith("/", StringComparison.Ordinal) || !IsPermissions(permissions))
                {
                    throw ArgumentValue.Bad("InvalidDevice", "'" + text + "' is not a device: use /dev/host[:/dev/container[:rwm]].", text);
                }

                result.Add(new DeviceMapping { PathOnHost = parts[0], PathInContainer = container, CgroupPermissions = permissions });
            }

            return result;
        }

        private static bool IsPermissions(string text) => text.Length > 0 && text.All(c => c == 'r' || c == 'w' || c == 'm');

        /// <summary>--add-host host:ip or host=ip (ip may be host-gateway); stored as the engine takes it, host:ip.</summary>
        public static List<string> ExtraHosts(string[]? values)
        {
            var result = new List<string>();
            foreach (var text in values ?? Array.Empty<string>())
            {
                var at = text.IndexOf('=');
                if (at < 0)
                {
                    at = text.IndexOf(':');
                }

                var host = at < 0 ? string.Empty : text.Substring(0, at);
                var address = at < 0 ? string.Empty : text.Substring(at + 1).Trim('[', ']');
                if (!HostName.IsMatch(host) || (address != "host-gateway" && !IPAddress.TryParse(address, out _)))
                {
                    throw ArgumentValue.Bad("InvalidAddHost", "'" + text + "' is not a host entry: use host:ip or host=ip (ip may be host-gateway).", text);
                }

                result.Add(host + ":" + address);
            }

            return result;
        }

        /// <summary>--dns: IP addresses only, as the CLI checks.</summary>
        public static List<string> DnsServers(string[]? values)
        {
            foreach (var text in values ?? Array.Empty<string>())
            {
                if (!IPAddress.TryParse(text, out _))
                {
                    throw ArgumentValue.Bad("InvalidDns", "'" + text + "' is not an IP address for -Dns: use a server's address, such as 10.0.0.2 or 1.1.1.1.", text);
                }
            }

            return (values ?? Array.Empty<string>()).ToList();
        }

        /// <summary>An IPv4 (or, with <paramref name="v6"/>, IPv6) address for -Ip / -Ip6.</summary>
        public static string? Address(string? text, bool v6, string parameter)
        {
            if (text is null)
            {
                return null;
            }

            if (!IPAddress.TryParse(text, out var address) ||
                address.AddressFamily != (v6 ? System.Net.Sockets.AddressFamily.InterNetworkV6 : System.Net.Sockets.AddressFamily.InterNetwork))
            {
                throw ArgumentValue.Bad("InvalidIpAddress", "'" + text + "' is not an " + (v6 ? "IPv6" : "IPv4") + " address for -" + parameter + ": use one in the network's subnet, such as " + (v6 ? "fd00:20::5" : "10.20.0.5") + ".", text);
            }

            return text;
        }

        /// <summary>--expose 80, 80/udp, 8000-8002/tcp: the ExposedPorts keys.</summary>
        public static List<string> Exposed(string[]? values)
        {
            var result = new List<string>();
            foreach (var text in values ?? Array.Empty<string>())
            {
                var m = Regex.Match(text, "^([0-9]+)(?:-([0-9]+))?(?:/(tcp|udp|sctp))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
                if (!m.Success)
                {
                    throw ArgumentValue.Bad("InvalidExpose", "'" + text + "' is not a port to expose: use 80, 80/udp or 8000-8002/tcp.", text);
                }

                var first = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var last = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : first;
                var protocol = m.Groups[3].Success ? m.Groups[3].Value.ToLowerInvariant() : "tcp";
                if (first < 1 || last > 65535 || last < first)
                {
                    throw ArgumentValue.Bad("InvalidExpose", "'" + text + "' is not a port range from 1 to 65535: write the lower port first, such as 8000-8002.", text);
                }

                for (var port = first; port <= last; port++)
                {
                    result.Add(port.ToString(CultureInfo.InvariantCulture) + "/" + protocol);
                }
            }

            return result;
        }

        /// <summary>--tmpfs /path[:options]: the Tmpfs map.</summary>
        public static Dictionary<string, string> Tmpfs(string[]? values)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var text in values ?? Array.Empty<string>())
            {
                var colon = text.IndexOf(':');
                var path = colon < 0 ? text : text.Substring(0, colon);
                if (!path.StartsWith("/", StringComparison.Ordinal))
                {
                    throw ArgumentValue.Bad("InvalidTmpfs", "'" + text + "' is not a tmpfs mount: use an absolute path, with options after a colon (/run:rw,size=64m).", text);
                }

                result[path] = colon < 0 ? string.Empty : text.Substring(colon + 1);
            }

            return result;
        }

        /// <summary>The Linux signal names docker knows (its signal map), without SIG; RTMIN+n and RTMAX-n are added below.</summary>
        private static readonly HashSet<string> SignalNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR",
            "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH",
            "XCPU", "XFSZ", "RTMIN", "RTMAX",
        };

        /// <summary>
        /// A signal as docker stop --signal, kill --signal and run --stop-signal take it: a name with or without SIG
        /// (any case), RTMIN+n / RTMAX-n, or a number from 1 to 64. Anything else is InvalidSignal naming it.
        /// </summary>
        public static string? CheckSignal(string? text, string parameter)
        {
            if (text is null)
            {
                return null;
            }

            var name = text.Trim();
            if (name.StartsWith("SIG", StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(3);
            }

            var rt = Regex.Match(name, @"^RT(MIN\+|MAX-)([0-9]{1,2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            var known = SignalNames.Contains(name)
                || (rt.Success && int.Parse(rt.Groups[2].Value, CultureInfo.InvariantCulture) is var n && n >= 1 && n <= 15)
                || (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= 64);
            if (!known)
            {
                throw ArgumentValue.Bad("InvalidSignal", parameter + " '" + text + "' is not a signal: use a name such as SIGTERM, TERM, SIGHUP or SIGKILL, or a number from 1 to 64.", text);
            }

            return text;
        }

        /// <summary>--stop-signal: a signal name (SIGTERM, TERM) or number.</summary>
        public static string? StopSignal(string? text) => CheckSignal(text, "-StopSignal");

        /// <summary>key=value strings or a dictionary, for -LogOpt, -Sysctl, -StorageOpt.</summary>
        public static Dictionary<string, string> Map(object? value, string errorId, string example)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, item) in ContainerOptions.Pairs(value, "-" + errorId.Substring("Invalid".Length), errorId))
            {
                if (key.Length == 0 || item is null)
                {
                    throw ArgumentValue.Bad(errorId, "'" + key + "' is not a key=value entry: use " + example + ".", key);
                }

                result[key] = item;
            }

            return result;
        }

        /// <summary>The lines of --env-file / --label-file files, as the CLI reads them: # comments and blank lines skipped, a KEY alone takes its value from the environment (env-file only).</summary>
        public static List<string> ReadFiles(string[]? paths, Func<string, string> resolve, bool environment)
        {
            var result = new List<string>();
            foreach (var path in paths ?? Array.Empty<string>())
            {
                var full = resolve(path);
                string[] lines;
                try
                {
                    lines = File.ReadAllLines(full);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
                {
                    throw new Connection.DockerPSException("Cannot read " + (environment ? "-EnvFile" : "-LabelFile") + " '" + path + "': " + e.Message.TrimEnd('.') + ". Check the path: the file holds one KEY=value per line.",
                        environment ? "EnvFileUnreadable" : "LabelFileUnreadable", ErrorCategory.ReadError, path, e);
                }

                for (var i = 0; i < lines.Length; i++)
                {
                    // As the CLI: leading white space trimmed, then comments and blank lines skipped.
                    var line = lines[i].TrimStart();
                    if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var equals = line.IndexOf('=');
                    var key = equals < 0 ? line : line.Substring(0, equals);
                    if (key.Length == 0 || key.Any(char.IsWhiteSpace))
                    {
                        throw ArgumentValue.Bad(environment ? "InvalidEnvFile" : "InvalidLabelFile",
                            "Line " + (i + 1) + " of '" + path + "' is not KEY=value: '" + lines[i] + "'.", path);
                    }

                    if (equals < 0 && environment)
                    {
                        var inherited = Environment.GetEnvironmentVariable(key);
                        if (inherited != null)
                        {
                            result.Add(key + "=" + inherited);
                        }

                        continue;
                    }

                    result.Add(equals < 0 ? key + "=" : line);
                }
            }

            return result;
        }

        /// <summary>-BlkioWeightDevice /dev/sda:200.</summary>
        public static List<WeightDevice> WeightDevices(string[]? values)
        {
            var result = new List<WeightDevice>();
            foreach (var text in values ?? Array.Empty<string>())
            {
                var colon = text.LastIndexOf(':');
                if (colon <= 0 || !ushort.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight < 10 || weight > 1000)
                {
                    throw ArgumentValue.Bad("InvalidBlkioWeightDevice", "'" + text + "' is not a device weight: use /dev/path:weight, the weight from 10 to 1000.", text);
                }

                result.Add(new WeightDevice { Path = text.Substring(0, colon), Weight = weight });
            }

            return result;
        }

        /// <summary>-DeviceReadBps /dev/sda:1mb (a size), -DeviceReadIops /dev/sda:1000 (a count).</summary>
        public static List<ThrottleDevice> ThrottleDevices(string[]? values, bool bytes, string parameter)
        {
            var result = new List<ThrottleDevice>();
            foreach (var text in values ?? Array.Empty<string>())
            {
                var colon = text.LastIndexOf(':');
                ulong rate = 0;
                var ok = colon > 0;
                if (ok)
                {
                    var rateText = text.Substring(colon + 1);
                    if (bytes)
                    {
                        try
                        {
                            rate = (ulong)ContainerOptions.Memory(rateText);
                        }
                        catch (Connection.DockerPSException)
                        {
                            ok = false;
                        }
                    }
                    else
                    {
                        ok = ulong.TryParse(rateText, NumberStyles.None, CultureInfo.InvariantCulture, out rate);
                    }
                }

                if (!ok)
                {
                    throw ArgumentValue.Bad("InvalidDeviceRate", "'" + text + "' is not a device rate for -" + parameter + ": use /dev/path:" + (bytes ? "size (1mb)" : "count (1000)") + ".", text);
                }

                result.Add(new ThrottleDevice { Path = text.Substring(0, colon), Rate = rate });
            }

            return result;
        }

        /// <summary>A size (bytes or 64m) that may also be -1 for unlimited, as --memory-swap.</summary>
        public static long SizeOrUnlimited(object? value, string parameter)
        {
            var raw = ArgumentValue.Unwrap(value);
            if (raw is int i && i == -1 || raw is long l && l == -1 || (raw is string s && s.Trim() == "-1"))
            {
                return -1;
            }

            try
            {
                return ContainerOptions.Memory(raw);
            }
            catch (Connection.DockerPSException)
            {
                throw ArgumentValue.Bad("InvalidSize", "-" + parameter + " '" + raw + "' is not a size: use bytes, a number with k, m or g (64m), or -1 for unlimited.", raw);
            }
        }

        /// <summary>A positive size (bytes or 64m), for -ShmSize, -MemoryReservation.</summary>
        public static long Size(object? value, string parameter)
        {
            try
            {
                return ContainerOptions.Memory(value);
            }
            catch (Connection.DockerPSException)
            {
                throw ArgumentValue.Bad("InvalidSize", "-" + parameter + " '" + ArgumentValue.Unwrap(value) + "' is not a size: use bytes or a number with k, m or g (64m).", ArgumentValue.Unwrap(value));
            }
        }

        /// <summary>-Link name or name:alias, stored as the engine takes it (name:alias).</summary>
        /// <summary>
        /// --health-cmd, --health-interval, --health-timeout, --health-start-period, --health-retries and
        /// --no-healthcheck onto <paramref name="current"/> (a container's or a service's): what is not given stays.
        /// </summary>
        public static HealthcheckConfig? Healthcheck(HealthcheckConfig? current, bool none, string? command, object? interval, object? timeout, object? startPeriod, int? retries)
        {
            var given = command != null || interval != null || timeout != null || startPeriod != null || retries != null;
            if (none)
            {
                if (given)
                {
                    throw ArgumentValue.Bad("ConflictingHealthcheck", "-NoHealthcheck turns the health check off; it cannot go with -HealthCmd, -HealthInterval, -HealthTimeout, -HealthStartPeriod or -HealthRetries.", "NoHealthcheck");
                }

                return new HealthcheckConfig { Test = new List<string> { "NONE" } };
            }

            if (!given)
            {
                return current;
            }

            TimeSpan Span(object value, string parameter) => TimeSpan.FromTicks(DurationArgument.Nanoseconds(value, parameter) / 100);
            var health = current ?? new HealthcheckConfig();
            if (command != null) health.Test = new List<string> { "CMD-SHELL", command };
            if (interval != null) health.Interval = Span(interval, "HealthInterval");
            if (timeout != null) health.Timeout = Span(timeout, "HealthTimeout");
            if (startPeriod != null) health.StartPeriod = Span(startPeriod, "HealthStartPeriod");
            if (retries != null) health.Retries = retries.Value;
            return health;
        }

        public static List<string> Links(string[]? values) =>
            (values ?? Array.Empty<string>()).Select(v =>
            {
                var parts = v.Split(':');
                if (parts.Length > 2 || parts.Any(p => p.Length == 0))
                {
                    throw ArgumentValue.Bad("InvalidLink", "'" + v + "' is not a link: use name or name:alias.", v);
                }

                return parts.Length == 1 ? v + ":" + v : v;
            }).ToList();
    }
}
