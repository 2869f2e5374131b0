using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Api
{
    /// <summary>Maps the client library's network model to ours.</summary>
    internal static class NetworkMapper
    {
        /// <summary>
        /// A network with its attached containers: from the network itself when it lists them (inspect does),
        /// otherwise from <paramref name="attached"/> (what the container list says, keyed by network id).
        /// </summary>
        public static DockerNetwork FromApi(NetworkResponse n, DockerEndpoint endpoint, ILookup<string, DockerNetworkEndpoint>? attached = null)
        {
            var containers = n.Containers != null && n.Containers.Count > 0
                ? n.Containers.Select(pair => new DockerNetworkEndpoint
                {
                    ContainerId = pair.Key,
                    Name = pair.Value?.Name ?? string.Empty,
                    EndpointId = pair.Value?.EndpointID ?? string.Empty,
                    MacAddress = NullIfEmpty(pair.Value?.MacAddress),
                    IPv4Address = NullIfEmpty(pair.Value?.IPv4Address),
                    IPv6Address = NullIfEmpty(pair.Value?.IPv6Address),
                })
                : attached?[n.ID] ?? Enumerable.Empty<DockerNetworkEndpoint>();

            return DockerEndpoint.Stamp(new DockerNetwork
            {
                Id = n.ID,
                Name = n.Name,
                Driver = n.Driver ?? string.Empty,
                Scope = n.Scope ?? string.Empty,
                Created = ContainerMapper.ToLocal(n.Created),
                Internal = n.Internal,
                Attachable = n.Attachable,
                Ingress = n.Ingress,
                EnableIPv6 = n.EnableIPv6,
                IpamDriver = n.IPAM?.Driver ?? string.Empty,
                IpamOptions = VolumeMapper.Copy(n.IPAM?.Options),
                ConfigOnly = n.ConfigOnly,
                ConfigFrom = NullIfEmpty(n.ConfigFrom?.Network),
                Subnets = (n.IPAM?.Config ?? new List<IPAMConfig>())
                    .Where(c => c != null && !string.IsNullOrEmpty(c.Subnet))
                    .Select(c => new DockerNetworkSubnet(c.Subnet, NullIfEmpty(c.Gateway), NullIfEmpty(c.IPRange)))
                    .ToArray(),
                Containers = containers.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray(),
                Options = VolumeMapper.Copy(n.Options),
                Labels = VolumeMapper.Copy(n.Labels),
            }, endpoint);
        }

        /// <summary>The active endpoints the container list reports, keyed by network id.</summary>
        public static ILookup<string, DockerNetworkEndpoint> Attachments(IEnumerable<ContainerListResponse> containers) =>
            containers
                .SelectMany(c => (c.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
                    .Where(n => n.Value != null && !string.IsNullOrEmpty(n.Value.NetworkID) && !string.IsNullOrEmpty(n.Value.EndpointID))
                    .Select(n => (NetworkId: n.Value.NetworkID, Endpoint: new DockerNetworkEndpoint
                    {
                        ContainerId = c.ID,
                        Name = ContainerMapper.PrimaryName(c.Names) ?? c.ID,
                        EndpointId = n.Value.EndpointID,
                        MacAddress = NullIfEmpty(n.Value.MacAddress),
                        IPv4Address = string.IsNullOrEmpty(n.Value.IPAddress) ? null : n.Value.IPAddress + "/" + n.Value.IPPrefixLen.ToString(CultureInfo.InvariantCulture),
                        IPv6Address = string.IsNullOrEmpty(n.Value.GlobalIPv6Address) ? null : n.Value.GlobalIPv6Address + "/" + n.Value.GlobalIPv6PrefixLen.ToString(CultureInfo.InvariantCulture),
                    })))
                .ToLookup(x => x.NetworkId, x => x.Endpoint, StringComparer.Ordinal);

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
