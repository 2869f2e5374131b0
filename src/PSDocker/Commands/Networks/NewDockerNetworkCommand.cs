using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Networks
{
    /// <summary>docker network create.</summary>
    [Cmdlet(VerbsCommon.New, "DockerNetwork", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerNetwork))]
    public sealed class NewDockerNetworkCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">The network's name.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("NetworkName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The network driver: bridge (default), overlay (on a swarm manager), macvlan, ipvlan or a plugin.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Driver { get; set; } = "bridge";

        /// <summary>
        /// <para type="description">Address ranges in CIDR form, e.g. 10.20.0.0/24. Without one the engine picks a free range.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Subnet { get; set; }

        /// <summary>
        /// <para type="description">Gateway addresses, one per subnet at most; each must lie in one of the subnets.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Gateway { get; set; }

        /// <summary>
        /// <para type="description">Ranges, within the subnets, that containers get addresses from (one per subnet at most).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? IPRange { get; set; }

        /// <summary>
        /// <para type="description">Keep traffic inside the network: no route out (docker network create --internal).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Internal { get; set; }

        /// <summary>
        /// <para type="description">Let standalone containers join this swarm-scoped network (overlay only).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Attachable { get; set; }

        /// <summary>
        /// <para type="description">Labels: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        public object? Label { get; set; }

        /// <summary>
        /// <para type="description">Driver options, as docker network create --opt: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        [Alias("DriverOption")]
        public object? Option { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var request = Validated();
            var session = GetSession(out var endpoint);
            var subnets = Subnet is null ? string.Empty : " " + string.Join(", ", Subnet);
            if (!ShouldProcess(Name, "Create " + Driver + " network" + subnets))
            {
                return;
            }

            try
            {
                // API versions before 1.44 create a second network of the same name unless asked not to, and the
                // library's model has no CheckDuplicate: look first, as the docker CLI's CheckDuplicate would.
                var existing = Call(session, "Network", Name, ct => session.Client.Networks.ListNetworksAsync(new NetworksListParameters
                {
                    Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [Name] = true } },
                }, ct));
                if (existing.Any(n => n.Name == Name))
                {
                    throw new DockerPSException(UserText.Format(NetworkMessages.NetworkAlreadyExists, Name), "NetworkAlreadyExists", ErrorCategory.ResourceExists, Name);
                }

                var created = Create(session, request);
                if (!string.IsNullOrEmpty(created.Warning))
                {
                    WriteWarning(created.Warning);
                }

                var network = Call(session, "Network", Name, ct => session.Client.Networks.InspectNetworkAsync(created.ID, ct));
                WriteObject(NetworkMapper.FromApi(network, endpoint));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }

        private NetworksCreateResponse Create(DockerSession session, NetworksCreateParameters request)
        {
            try
            {
                return Call(session, "Network", Name, ct => session.Client.Networks.CreateNetworkAsync(request, ct));
            }
            catch (DockerPSException e) when (e.ErrorId == "NetworkNotFound" && e.Message.IndexOf("plugin", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerPSException(UserText.Format(NetworkMessages.NetworkDriverNotFound, Driver, e.Message), "NetworkDriverNotFound", ErrorCategory.ObjectNotFound, Driver, e);
            }
            catch (DockerPSException e) when (e.Message.IndexOf("overlaps", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                var subnet = Subnet?.FirstOrDefault() ?? string.Empty;
                throw new DockerPSException(UserText.Format(NetworkMessages.NetworkSubnetOverlap, string.Join(", ", Subnet ?? Array.Empty<string>()), Holder(session)),
                    "NetworkSubnetOverlap", ErrorCategory.ResourceExists, subnet, e);
            }
            catch (DockerPSException e) when (e.Message.IndexOf("not a swarm manager", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerPSException(UserText.Format(NetworkMessages.NetworkRequiresSwarm, Driver), "NetworkRequiresSwarm", ErrorCategory.InvalidOperation, Driver, e);
            }
            catch (DockerPSException e) when (e.ErrorId == "NetworkPermissionDenied")
            {
                // The engine answers 403 for requests it refuses on their merits, not for missing rights.
                throw new DockerPSException(e.Message, "NetworkInvalidOperation", ErrorCategory.InvalidOperation, Name, e);
            }
        }

        /// <summary>Which existing networks hold an address range that overlaps the requested ones, for the message.</summary>
        private string Holder(DockerSession session)
        {
            try
            {
                var wanted = (Subnet ?? Array.Empty<string>()).Select(s => NetworkAddress.ParseCidr(s, "Subnet", "InvalidSubnet")).ToList();
                var networks = Call(session, "Network", Name, ct => session.Client.Networks.ListNetworksAsync(new NetworksListParameters(), ct));
                var holders = networks
                    .SelectMany(n => (n.IPAM?.Config ?? new List<IPAMConfig>())
                        .Where(c => !string.IsNullOrEmpty(c.Subnet))
                        .Select(c => (Network: n.Name, Range: TryParse(c.Subnet))))
                    .Where(x => x.Range != null && wanted.Any(w => w.Overlaps(x.Range)))
                    .Select(x => "'" + x.Network + "' (" + x.Range!.Text + ")")
                    .Distinct()
                    .ToList();
                return holders.Count == 0 ? NetworkMessages.AnotherNetwork : string.Join(", ", holders);
            }
            catch (DockerPSException)
            {
                return NetworkMessages.AnotherNetwork;
            }
        }

        private static NetworkAddress? TryParse(string cidr)
        {
            try
            {
                return NetworkAddress.ParseCidr(cidr, "Subnet", "InvalidSubnet");
            }
            catch (DockerPSException)
            {
                return null;
            }
        }

        private NetworksCreateParameters Validated()
        {
            try
            {
                DriverNames.Validate(Driver, "Driver", "InvalidNetworkDriver");
                return new NetworksCreateParameters
                {
                    Name = Name,
                    Driver = Driver,
                    IPAM = Ipam(),
                    EnableIPv6 = (Subnet ?? Array.Empty<string>()).Any(s => s.IndexOf(':') >= 0) ? true : (bool?)null,
                    Internal = Internal.IsPresent,
                    Attachable = Attachable.IsPresent,
                    Labels = ContainerOptions.Labels(Label),
                    Options = ContainerOptions.Labels(Option),
                };
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                throw; // not reached
            }
        }

        /// <summary>The IPAM configuration, checked the way the docker CLI checks --subnet, --gateway and --ip-range.</summary>
        private IPAM? Ipam()
        {
            var subnets = (Subnet ?? Array.Empty<string>()).Select(s => NetworkAddress.ParseCidr(s, "Subnet", "InvalidSubnet")).ToList();
            var gateways = (Gateway ?? Array.Empty<string>()).Select(g => NetworkAddress.ParseIp(g, "Gateway", "InvalidGateway")).ToList();
            var ranges = (IPRange ?? Array.Empty<string>()).Select(r => NetworkAddress.ParseCidr(r, "IPRange", "InvalidIPRange")).ToList();
            if (subnets.Count == 0)
            {
                if (gateways.Count + ranges.Count > 0)
                {
                    var first = gateways.Concat(ranges).First();
                    throw new DockerPSException(NetworkMessages.NetworkAddressNeedsSubnet, gateways.Count > 0 ? "InvalidGateway" : "InvalidIPRange", ErrorCategory.InvalidArgument, first.Text);
                }

                return null;
            }

            for (var i = 0; i < subnets.Count; i++)
            {
                for (var j = i + 1; j < subnets.Count; j++)
                {
                    if (subnets[i].Overlaps(subnets[j]))
                    {
                        throw new DockerPSException(UserText.Format(NetworkMessages.SubnetsOverlap, subnets[i].Text, subnets[j].Text), "InvalidSubnet", ErrorCategory.InvalidArgument, subnets[j].Text);
                    }
                }
            }

            var config = subnets.Select(s => new IPAMConfig { Subnet = s.Text }).ToList();
            Assign(subnets, config, gateways, "InvalidGateway", (c, g) => c.Gateway = g);
            Assign(subnets, config, ranges, "InvalidIPRange", (c, r) => c.IPRange = r);
            return new IPAM { Driver = "default", Config = config, Options = new Dictionary<string, string>() };
        }

        private static void Assign(List<NetworkAddress> subnets, List<IPAMConfig> config, List<NetworkAddress> values, string errorId, Action<IPAMConfig, string> set)
        {
            var taken = new HashSet<int>();
            foreach (var value in values)
            {
                var index = subnets.FindIndex(s => s.Contains(value));
                if (index < 0)
                {
                    throw new DockerPSException(UserText.Format(NetworkMessages.NetworkAddressOutsideSubnets, value.Text, string.Join(", ", subnets.Select(s => s.Text))), errorId, ErrorCategory.InvalidArgument, value.Text);
                }

                if (!taken.Add(index))
                {
                    throw new DockerPSException(UserText.Format(NetworkMessages.NetworkAddressTwiceInSubnet, value.Text, subnets[index].Text), errorId, ErrorCategory.InvalidArgument, value.Text);
                }

                set(config[index], value.Text);
            }
        }
    }
}
