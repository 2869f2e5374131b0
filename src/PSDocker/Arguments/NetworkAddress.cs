using System.Globalization;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using PSDocker.Connection;
using PSDocker.Resources;

namespace PSDocker.Arguments
{
    /// <summary>
    /// IP addresses and CIDR ranges as the docker CLI reads -Subnet, -Gateway, -IPRange and -IPAddress: parsed
    /// strictly (no short forms like 10.1/16) so a typo fails here, before any request, with the value it was.
    /// </summary>
    internal sealed class NetworkAddress
    {
        private NetworkAddress(IPAddress address, int prefix, string text)
        {
            Address = address;
            Prefix = prefix;
            Text = text;
        }

        public IPAddress Address { get; }

        /// <summary>The prefix length; 32 or 128 for a single address.</summary>
        public int Prefix { get; }

        /// <summary>As the user wrote it.</summary>
        public string Text { get; }

        public static NetworkAddress ParseCidr(string text, string parameter, string errorId)
        {
            var trimmed = (text ?? string.Empty).Trim();
            var slash = trimmed.IndexOf('/');
            if (slash > 0 && TryParseIp(trimmed.Substring(0, slash), out var address) &&
                int.TryParse(trimmed.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) &&
                prefix <= Bits(address) && trimmed.Substring(slash + 1).Length <= 3)
            {
                return new NetworkAddress(address, prefix, trimmed);
            }

            throw new DockerPSException(
                UserText.Format(NetworkMessages.InvalidCidr, parameter, text),
                errorId, ErrorCategory.InvalidArgument, text);
        }

        public static NetworkAddress ParseIp(string text, string parameter, string errorId)
        {
            var trimmed = (text ?? string.Empty).Trim();
            if (TryParseIp(trimmed, out var address))
            {
                return new NetworkAddress(address, Bits(address), trimmed);
            }

            throw new DockerPSException(
                UserText.Format(NetworkMessages.InvalidIpAddress, parameter, text),
                errorId, ErrorCategory.InvalidArgument, text);
        }

        /// <summary>Whether <paramref name="other"/> (an address or a range) lies inside this range.</summary>
        public bool Contains(NetworkAddress other)
        {
            if (other.Address.AddressFamily != Address.AddressFamily || other.Prefix < Prefix)
            {
                return false;
            }

            var mine = Address.GetAddressBytes();
            var theirs = other.Address.GetAddressBytes();
            for (var bit = 0; bit < Prefix; bit++)
            {
                var mask = (byte)(0x80 >> (bit % 8));
                if ((mine[bit / 8] & mask) != (theirs[bit / 8] & mask))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether two ranges share any address.</summary>
        public bool Overlaps(NetworkAddress other) => Contains(other) || other.Contains(this);

        private static int Bits(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;

        /// <summary>Dotted quads must have four parts (IPAddress.TryParse would take "10.1" as 10.0.0.1).</summary>
        private static bool TryParseIp(string text, out IPAddress address)
        {
            address = IPAddress.None;
            if (text.Length == 0 || text.IndexOf('%') >= 0)
            {
                return false;
            }

            if (text.IndexOf(':') < 0)
            {
                var parts = text.Split('.');
                if (parts.Length != 4)
                {
                    return false;
                }

                foreach (var part in parts)
                {
                    if (part.Length == 0 || part.Length > 3 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet) || octet > 255)
                    {
                        return false;
                    }
                }
            }

            if (!IPAddress.TryParse(text, out var parsed) || parsed is null)
            {
                return false;
            }

            address = parsed;
            return true;
        }
    }
}
