using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;

namespace PSDocker.Arguments
{
    /// <summary>What users type for a swarm service (-Publish '8080:80', -Secret 'source=x,target=y', -PlacementPreference 'spread=…') as API values.</summary>
    internal static class ServiceOptions
    {
        /// <summary>-Publish: 'published:target[/protocol]', 'target[/protocol]' (the swarm picks the published port), or docker's long form 'published=8080,target=80,protocol=udp,mode=host'.</summary>
        public static PortConfig Port(string text)
        {
            Exception Bad() => new DockerPSException(
                "'" + text + "' is not a port to publish: write published:target[/tcp|udp|sctp] (8080:80), a target port alone (80), or published=8080,target=80,protocol=tcp,mode=ingress|host.",
                "InvalidPublishSpec", ErrorCategory.InvalidArgument, text);
            var port = new PortConfig { Protocol = "tcp", PublishMode = "ingress" };
            if (text.IndexOf('=') >= 0)
            {
                foreach (var (key, value) in Fields(text, Bad))
                {
                    switch (key)
                    {
                        case "published": port.PublishedPort = Number(value, Bad); break;
                        case "target": port.TargetPort = Number(value, Bad); break;
                        case "protocol": port.Protocol = Protocol(value, Bad); break;
                        case "mode" when value == "ingress" || value == "host": port.PublishMode = value; break;
                        default: throw Bad();
                    }
                }

                if (port.TargetPort is null)
                {
                    throw Bad();
                }

                return port;
            }

            var slash = text.IndexOf('/');
            var ports = slash < 0 ? text : text.Substring(0, slash);
            if (slash >= 0)
            {
                port.Protocol = Protocol(text.Substring(slash + 1), Bad);
            }

            var colon = ports.IndexOf(':');
            if (colon < 0)
            {
                port.TargetPort = Number(ports, Bad);
            }
            else
            {
                port.PublishedPort = Number(ports.Substring(0, colon), Bad);
                port.TargetPort = Number(ports.Substring(colon + 1), Bad);
            }

            return port;
        }

        /// <summary>-Secret / -Config: a name, or 'source=name,target=file,uid=0,gid=0,mode=0444'.</summary>
        public static (string Source, string Target, string Uid, string Gid, uint Mode) FileReference(string text, string kind)
        {
            Exception Bad() => new DockerPSException(
                "'" + text + "' is not a " + kind + " to give the tasks: write its name, or source=<name>,target=<file>[,uid=0,gid=0,mode=0444].",
                kind == "secret" ? "InvalidSecretSpec" : "InvalidConfigSpec", ErrorCategory.InvalidArgument, text);
            if (text.IndexOf('=') < 0)
            {
                return (text, text, "0", "0", Convert.ToUInt32("444", 8));
            }

            string? source = null, target = null, uid = "0", gid = "0";
            var mode = Convert.ToUInt32("444", 8);
            foreach (var (key, value) in Fields(text, Bad))
            {
                switch (key)
                {
                    case "source": case "src": source = value; break;
                    case "target": case "dst": target = value; break;
                    case "uid": uid = value; break;
                    case "gid": gid = value; break;
                    case "mode":
                        try
                        {
                            mode = Convert.ToUInt32(value, 8);
                        }
                        catch (Exception e) when (e is FormatException || e is OverflowException || e is ArgumentException)
                        {
                            throw Bad();
                        }

                        break;
                    default: throw Bad();
                }
            }

            if (string.IsNullOrEmpty(source))
            {
                throw Bad();
            }

            return (source!, string.IsNullOrEmpty(target) ? source! : target!, uid, gid, mode);
        }

        /// <summary>-PlacementPreference: 'spread=node.labels.zone'.</summary>
        public static PlacementPreference Preference(string text)
        {
            const string prefix = "spread=";
            if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || text.Length == prefix.Length)
            {
                throw new DockerPSException("'" + text + "' is not a placement preference: the swarm knows spread=<node attribute>, e.g. spread=node.labels.zone.", "InvalidPlacementPreference", ErrorCategory.InvalidArgument, text);
            }

            return new PlacementPreference { Spread = new SpreadOver { SpreadDescriptor = text.Substring(prefix.Length) } };
        }

        /// <summary>-Constraint: 'attribute==value' or 'attribute!=value', checked as the swarm checks it, so a typo fails before anything is made.</summary>
        public static string Constraint(string text)
        {
            var op = text.IndexOf("==", StringComparison.Ordinal) >= 0 ? "==" : text.IndexOf("!=", StringComparison.Ordinal) >= 0 ? "!=" : null;
            var parts = op is null ? Array.Empty<string>() : text.Split(new[] { op }, 2, StringSplitOptions.None);
            var known = new[] { "node.id", "node.hostname", "node.role", "node.platform.os", "node.platform.arch", "engine.labels.", "node.labels." };
            if (op is null || parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0 ||
                !known.Any(k => k.EndsWith(".", StringComparison.Ordinal) ? parts[0].Trim().StartsWith(k, StringComparison.OrdinalIgnoreCase) && parts[0].Trim().Length > k.Length : string.Equals(parts[0].Trim(), k, StringComparison.OrdinalIgnoreCase)))
            {
                throw new DockerPSException(
                    "'" + text + "' is not a placement constraint: write <attribute>==<value> or <attribute>!=<value>, where the attribute is node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.<key> or engine.labels.<key> (e.g. node.role==manager).",
                    "InvalidConstraint", ErrorCategory.InvalidArgument, text);
            }

            return text;
        }

        private static IEnumerable<(string Key, string Value)> Fields(string text, Func<Exception> bad)
        {
            foreach (var field in text.Split(','))
            {
                var equals = field.IndexOf('=');
                if (equals <= 0)
                {
                    throw bad();
                }

                yield return (field.Substring(0, equals).Trim().ToLowerInvariant(), field.Substring(equals + 1).Trim());
            }
        }

        private static uint Number(string text, Func<Exception> bad) =>
            uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0 && port <= 65535 ? port : throw bad();

        private static string Protocol(string text, Func<Exception> bad)
        {
            var protocol = text.ToLowerInvariant();
            return protocol == "tcp" || protocol == "udp" || protocol == "sctp" ? protocol : throw bad();
        }
    }
}
