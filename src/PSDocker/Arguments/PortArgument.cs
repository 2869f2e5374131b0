using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;

namespace PSDocker.Arguments
{
    /// <summary>
    /// -Publish as docker run -p reads it: [ip:][hostPort:]containerPort[/proto], ranges, and dictionaries.
    /// Throws an InvalidArgument <see cref="DockerPSException"/> naming the bad value before any request.
    /// </summary>
    internal static class PortArgument
    {
        /// <summary>
        /// -Publish: '8080:80', '127.0.0.1:8080:80/udp', '127.0.0.1::80', '80', '8000-8001:80-81', or a dictionary
        /// @{ 8080 = 80; '127.0.0.1:9090' = '90/udp' } from host side to container side.
        /// </summary>
        public static Dictionary<string, IList<PortBinding>> Ports(object? value)
        {
            var result = new Dictionary<string, IList<PortBinding>>(StringComparer.Ordinal);
            value = ArgumentValue.Unwrap(value);
            if (value is null)
            {
                return result;
            }

            var specs = new List<string>();
            foreach (var item in value is IDictionary ? new[] { value } : ArgumentValue.Items(value))
            {
                if (ArgumentValue.Unwrap(item) is IDictionary map)
                {
                    foreach (DictionaryEntry entry in map)
                    {
                        specs.Add(LanguagePrimitives.ConvertTo<string>(entry.Key) + ":" + LanguagePrimitives.ConvertTo<string>(ArgumentValue.Unwrap(entry.Value)));
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
                    throw ArgumentValue.Bad("InvalidPublishSpec", "'" + spec + "': the protocol must be tcp, udp or sctp. Use [ip:][hostPort:]containerPort[/protocol], such as 8080:80 or 53:53/udp.", spec);
                }
            }

            string hostIp = string.Empty;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                var close = text.IndexOf("]:", StringComparison.Ordinal);
                if (close < 0)
                {
                    throw ArgumentValue.Bad("InvalidPublishSpec", "'" + spec + "' is not a valid port mapping.", spec);
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
                    throw ArgumentValue.Bad("InvalidPublishSpec", "'" + spec + "' is not a valid port mapping: use [ip:][hostPort:]containerPort[/protocol].", spec);
            }

            if (hostIp.Length > 0 && !System.Net.IPAddress.TryParse(hostIp, out _))
            {
                throw ArgumentValue.Bad("InvalidPublishSpec", "'" + spec + "': '" + hostIp + "' is not an IP address.", spec);
            }

            var (containerStart, containerEnd) = PortRange(containerPart, spec, allowEmpty: false);
            var (hostStart, hostEnd) = PortRange(hostPart, spec, allowEmpty: true);
            var count = containerEnd - containerStart + 1;
            if (hostStart != 0 && hostEnd - hostStart + 1 != count && hostEnd != hostStart)
            {
                throw ArgumentValue.Bad("InvalidPublishSpec", "'" + spec + "': the host and container port ranges differ in size.", spec);
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
                return allowEmpty ? (0, 0) : throw ArgumentValue.Bad("InvalidPublishSpec", "'" + spec + "' names no container port.", spec);
            }

            var dash = text.IndexOf('-');
            var start = Port(dash < 0 ? text : text.Substring(0, dash), spec);
            var end = dash < 0 ? start : Port(text.Substring(dash + 1), spec);
            if (end < start)
            {
                throw ArgumentValue.Bad("InvalidPublishSpec", "'" + spec + "': the port range runs backwards. Write the lower port first, such as 8070-8080:80.", spec);
            }

            return (start, end);
        }

        private static int Port(string text, string spec)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < 1 || port > 65535)
            {
                throw ArgumentValue.Bad("InvalidPublishSpec", "'" + spec + "': '" + text + "' is not a port number (1-65535). Use [ip:][hostPort:]containerPort[/protocol], such as 8080:80.", spec);
            }

            return port;
        }
    }
}
