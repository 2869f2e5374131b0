using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker swarm join: joins this engine to a swarm as a worker or a manager (the token says which).</summary>
    [Cmdlet(VerbsCommon.Join, "DockerSwarm", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class JoinDockerSwarmCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Addresses (host:port) of managers of the swarm to join, e.g. 127.0.0.1:2377.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("RemoteAddr")]
        [ValidateNotNullOrEmpty]
        public string[] RemoteAddress { get; set; } = System.Array.Empty<string>();

        /// <summary>
        /// <para type="description">The join token: the swarm's JoinTokens.Worker or JoinTokens.Manager (Get-DockerSwarm on a manager). It decides the role the node joins with. It is never written to any stream.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Token { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The address other nodes reach this node at (address or interface, optional port).</para>
        /// </summary>
        [Parameter]
        [Alias("AdvertiseAddr")]
        [ValidateNotNullOrEmpty]
        public string? AdvertiseAddress { get; set; }

        /// <summary>
        /// <para type="description">Where this node listens for swarm traffic (address[:port]); the CLI's default is 0.0.0.0:2377.</para>
        /// </summary>
        [Parameter]
        [Alias("ListenAddr")]
        [ValidateNotNullOrEmpty]
        public string ListenAddress { get; set; } = "0.0.0.0:2377";

        /// <summary>
        /// <para type="description">The address for data-path (overlay) traffic.</para>
        /// </summary>
        [Parameter]
        [Alias("DataPathAddr")]
        [ValidateNotNullOrEmpty]
        public string? DataPathAddress { get; set; }

        /// <summary>
        /// <para type="description">Whether this node takes tasks: Active (default), Pause or Drain.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Active", "Pause", "Drain", IgnoreCase = true)]
        public string? Availability { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            if (!Token.StartsWith("SWMTKN-", System.StringComparison.Ordinal))
            {
                // The token itself is not repeated in the message or the target.
                ThrowDockerError(new DockerPSException("The -Token given is not a swarm join token (they start with SWMTKN-). Get-DockerSwarm on a manager gives them: (Get-DockerSwarm).JoinTokens.Worker.", "InvalidJoinToken", ErrorCategory.InvalidArgument, null));
            }

            var session = GetSession(out var endpoint);
            if (!ShouldProcess(endpoint.Host, "Join the swarm of " + string.Join(", ", RemoteAddress)))
            {
                return;
            }

            var request = new SwarmJoinParameters
            {
                RemoteAddrs = RemoteAddress.ToList(),
                JoinToken = Token,
                ListenAddr = ListenAddress,
                AdvertiseAddr = AdvertiseAddress ?? string.Empty,
                DataPathAddr = DataPathAddress ?? string.Empty,
                Availability = Availability?.ToLowerInvariant() ?? string.Empty,
            };

            try
            {
                Call(session, "Swarm", endpoint.Host, ct => session.Client.Swarm.JoinSwarmAsync(request, ct));
                var info = Call(session, "Swarm", endpoint.Host, ct => session.Client.System.GetSystemInfoAsync(ct));
                WriteVerbose("The engine at " + endpoint.Host + " joined the swarm as a " + ((info.Swarm?.ControlAvailable ?? false) ? "manager" : "worker") + " (node " + info.Swarm?.NodeID + ").");
            }
            catch (DockerPSException e) when (e.ErrorId == "SwarmInvalidArgument" || e.ErrorId == "SwarmEngineError")
            {
                var message = e.Message.IndexOf("token", System.StringComparison.OrdinalIgnoreCase) >= 0
                    ? "The swarm refused the join token: " + e.Message.TrimEnd('.') + ". Get a current one from a manager: (Get-DockerSwarm).JoinTokens.Worker."
                    : "The node could not join the swarm at " + string.Join(", ", RemoteAddress) + ": " + e.Message.TrimEnd('.') + ". Check -RemoteAddress (a manager's address and port) and that this engine can reach it.";
                ThrowDockerError(new DockerPSException(message, "SwarmJoinFailed", ErrorCategory.InvalidOperation, string.Join(", ", RemoteAddress), e));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
