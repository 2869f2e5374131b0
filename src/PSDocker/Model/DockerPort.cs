using System.Globalization;

namespace PSDocker.Model
{
    /// <summary>A published or exposed container port, as docker ps shows it.</summary>
    public sealed class DockerPort
    {
        internal DockerPort(string? hostIp, int? hostPort, int containerPort, string protocol)
        {
            HostIp = string.IsNullOrEmpty(hostIp) ? null : hostIp;
            HostPort = hostPort;
            ContainerPort = containerPort;
            Protocol = protocol;
        }

        /// <summary>The host address the port is published on (null when not published).</summary>
        public string? HostIp { get; }

        /// <summary>The host port (null when only exposed).</summary>
        public int? HostPort { get; }

        /// <summary>The port inside the container.</summary>
        public int ContainerPort { get; }

        /// <summary>tcp, udp or sctp.</summary>
        public string Protocol { get; }

        /// <summary>docker ps's form: 127.0.0.1:8080->80/tcp, or 80/tcp when not published.</summary>
        public override string ToString()
        {
            var inside = ContainerPort.ToString(CultureInfo.InvariantCulture) + "/" + Protocol;
            if (HostPort is null)
            {
                return inside;
            }

            var ip = HostIp is null ? string.Empty : (HostIp.IndexOf(':') >= 0 ? "[" + HostIp + "]" : HostIp) + ":";
            return ip + HostPort.Value.ToString(CultureInfo.InvariantCulture) + "->" + inside;
        }
    }
}
