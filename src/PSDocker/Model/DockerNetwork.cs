using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>A network as <c>docker network ls</c> and <c>docker network inspect</c> show it.</summary>
    public sealed class DockerNetwork : DockerObject
    {
        /// <summary>The full network id.</summary>
        public string Id { get; internal set; } = string.Empty;

        /// <summary>The network's name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>bridge, overlay, macvlan, ipvlan, host, null or a plugin's name.</summary>
        public string Driver { get; internal set; } = string.Empty;

        /// <summary>local, global or swarm.</summary>
        public string Scope { get; internal set; } = string.Empty;

        /// <summary>When the network was created, in local time.</summary>
        public DateTime Created { get; internal set; }

        /// <summary>No traffic leaves the network (docker network create --internal).</summary>
        public bool Internal { get; internal set; }

        /// <summary>Standalone containers may join this swarm network (--attachable).</summary>
        public bool Attachable { get; internal set; }

        /// <summary>The swarm routing-mesh network.</summary>
        public bool Ingress { get; internal set; }

        /// <summary>IPv6 is enabled.</summary>
        public bool EnableIPv6 { get; internal set; }

        /// <summary>The IPAM driver that hands out addresses, usually default.</summary>
        public string IpamDriver { get; internal set; } = string.Empty;

        /// <summary>The IPAM driver's options.</summary>
        public IReadOnlyDictionary<string, string> IpamOptions { get; internal set; } = new Dictionary<string, string>();

        /// <summary>Whether this network only holds configuration for others (--config-only).</summary>
        public bool ConfigOnly { get; internal set; }

        /// <summary>The config-only network this one takes its configuration from (--config-from), or null.</summary>
        public string? ConfigFrom { get; internal set; }

        /// <summary>The network's address ranges, each with its gateway and allocation range.</summary>
        public IReadOnlyList<DockerNetworkSubnet> Subnets { get; internal set; } = Array.Empty<DockerNetworkSubnet>();

        /// <summary>The containers attached to the network on this engine, with their addresses.</summary>
        public IReadOnlyList<DockerNetworkEndpoint> Containers { get; internal set; } = Array.Empty<DockerNetworkEndpoint>();

        /// <summary>Driver options (docker network create --opt).</summary>
        public IReadOnlyDictionary<string, string> Options { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The network's labels.</summary>
        public IReadOnlyDictionary<string, string> Labels { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The first 12 characters of the id, as docker network ls shows it.</summary>
        public string ShortId => Id.Length > 12 ? Id.Substring(0, 12) : Id;

        /// <inheritdoc/>
        public override string ToString() => Name.Length > 0 ? Name : ShortId;
    }

    /// <summary>One address range of a network (its IPAM configuration).</summary>
    public sealed class DockerNetworkSubnet
    {
        internal DockerNetworkSubnet(string subnet, string? gateway, string? ipRange)
        {
            Subnet = subnet;
            Gateway = gateway;
            IPRange = ipRange;
        }

        /// <summary>The range in CIDR form, e.g. 10.10.0.0/24.</summary>
        public string Subnet { get; }

        /// <summary>The gateway address, when the engine reports one.</summary>
        public string? Gateway { get; }

        /// <summary>The part of the subnet containers get addresses from, when narrowed (--ip-range).</summary>
        public string? IPRange { get; }

        /// <inheritdoc/>
        public override string ToString() =>
            Subnet + (string.IsNullOrEmpty(Gateway) ? string.Empty : " via " + Gateway) + (string.IsNullOrEmpty(IPRange) ? string.Empty : " (range " + IPRange + ")");
    }

    /// <summary>A container's attachment to a network.</summary>
    public sealed class DockerNetworkEndpoint
    {
        /// <summary>The container's id.</summary>
        public string ContainerId { get; internal set; } = string.Empty;

        /// <summary>The container's name.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The container's IPv4 address on the network, in CIDR form (10.10.0.2/24).</summary>
        public string? IPv4Address { get; internal set; }

        /// <summary>The container's IPv6 address on the network, in CIDR form.</summary>
        public string? IPv6Address { get; internal set; }

        /// <summary>The endpoint's MAC address.</summary>
        public string? MacAddress { get; internal set; }

        /// <summary>The endpoint's id.</summary>
        public string EndpointId { get; internal set; } = string.Empty;

        /// <inheritdoc/>
        public override string ToString() => Name + (string.IsNullOrEmpty(IPv4Address) ? string.Empty : " " + IPv4Address);
    }
}
