using System;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Resources;

namespace PSDocker.Commands.Networks
{
    /// <summary>docker network connect.</summary>
    [Cmdlet(VerbsCommunications.Connect, "DockerNetwork", SupportsShouldProcess = true, DefaultParameterSetName = ByContainer)]
    [OutputType(typeof(void))]
    public sealed class ConnectDockerNetworkCommand : NetworkAttachmentCmdlet
    {
        /// <summary>
        /// <para type="description">Extra names the container answers to on this network (DNS aliases).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Alias { get; set; }

        /// <summary>
        /// <para type="description">A fixed address for the container on this network (IPv4 or IPv6); the network needs a subnet of its own (-Subnet).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IPAddress { get; set; }

        private NetworkAddress? _address;

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            try
            {
                _address = IPAddress is null ? null : NetworkAddress.ParseIp(IPAddress, "IPAddress", "InvalidIPAddress");
                foreach (var alias in Alias ?? Array.Empty<string>())
                {
                    if (alias.Trim().Length == 0 || alias.Any(char.IsWhiteSpace))
                    {
                        throw new DockerPSException(UserText.Format(NetworkMessages.InvalidNetworkAlias, alias), "InvalidNetworkAlias", ErrorCategory.InvalidArgument, alias);
                    }
                }
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }

        internal override void Process(DockerSession session, string networkId, string container, string display)
        {
            var action = "Connect to network " + Network + (IPAddress is null ? string.Empty : " as " + IPAddress);
            if (!ShouldProcess(display, action))
            {
                return;
            }

            var settings = new EndpointSettings
            {
                Aliases = (Alias ?? Array.Empty<string>()).ToList(),
                IPAMConfig = _address is null ? null : new EndpointIPAMConfig
                {
                    IPv4Address = _address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? _address.Text : string.Empty,
                    IPv6Address = _address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? _address.Text : string.Empty,
                },
            };

            try
            {
                Call(session, "Network", container, ct => session.Client.Networks.ConnectNetworkAsync(networkId, new NetworkConnectParameters { Container = container, EndpointConfig = settings }, ct));
            }
            catch (DockerPSException e) when (e.Message.IndexOf("already exists in network", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerPSException(UserText.Format(NetworkMessages.ContainerAlreadyConnected, display, Network), "ContainerAlreadyConnected", ErrorCategory.ResourceExists, container, e);
            }
            catch (DockerPSException e)
            {
                throw Refine(e, container);
            }
        }
    }
}
