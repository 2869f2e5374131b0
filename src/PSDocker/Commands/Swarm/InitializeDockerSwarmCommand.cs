using System;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker swarm init: makes this engine the first manager of a new swarm.</summary>
    [Cmdlet(VerbsData.Initialize, "DockerSwarm", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerSwarm))]
    public sealed class InitializeDockerSwarmCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">The address other nodes reach this manager at: an IP or interface name, with an optional port (127.0.0.1:2377, eth0). Needed when the engine's host has several addresses.</para>
        /// </summary>
        [Parameter(Position = 0)]
        [Alias("AdvertiseAddr")]
        [ValidateNotNullOrEmpty]
        public string? AdvertiseAddress { get; set; }

        /// <summary>
        /// <para type="description">Where the manager listens for swarm traffic (address[:port]); the CLI's default is 0.0.0.0:2377.</para>
        /// </summary>
        [Parameter]
        [Alias("ListenAddr")]
        [ValidateNotNullOrEmpty]
        public string ListenAddress { get; set; } = "0.0.0.0:2377";

        /// <summary>
        /// <para type="description">The address for data-path (overlay) traffic, when it should be apart from the management traffic.</para>
        /// </summary>
        [Parameter]
        [Alias("DataPathAddr")]
        [ValidateNotNullOrEmpty]
        public string? DataPathAddress { get; set; }

        /// <summary>
        /// <para type="description">The UDP port of the data path (VXLAN); 4789 when not given.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1024, 49151)]
        public int DataPathPort { get; set; }

        /// <summary>
        /// <para type="description">Address pools (CIDR) that overlay networks take their subnets from, e.g. 10.20.0.0/16.</para>
        /// </summary>
        [Parameter]
        [Alias("DefaultAddrPool")]
        [ValidateNotNullOrEmpty]
        public string[]? DefaultAddressPool { get; set; }

        /// <summary>
        /// <para type="description">The prefix length of each subnet taken from the pools (24 unless given).</para>
        /// </summary>
        [Parameter]
        [Alias("DefaultAddrPoolMaskLength")]
        [ValidateRange(1, 32)]
        public int SubnetSize { get; set; }

        /// <summary>
        /// <para type="description">Lock the managers' keys at rest: a restarted manager then waits for Unlock-DockerSwarm. Get-DockerSwarm -UnlockKey gives the key.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Autolock { get; set; }

        /// <summary>
        /// <para type="description">How many finished tasks per slot to keep in the history (5 unless given).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TaskHistoryLimit { get; set; } = -1;

        /// <summary>
        /// <para type="description">Whether this node takes tasks: Active (default), Pause or Drain.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Active", "Pause", "Drain", IgnoreCase = true)]
        public string? Availability { get; set; }

        /// <summary>
        /// <para type="description">Make a new single-manager swarm out of this node's current swarm state (docker swarm init --force-new-cluster), to recover a swarm that lost its managers' quorum.</para>
        /// </summary>
        [Parameter]
        [Alias("ForceNewCluster")]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            if (DefaultAddressPool != null)
            {
                foreach (var pool in DefaultAddressPool)
                {
                    if (!System.Text.RegularExpressions.Regex.IsMatch(pool, @"^[0-9a-fA-F:.]+/\d{1,3}$"))
                    {
                        ThrowDockerError(new DockerPSException("'" + pool + "' is not an address pool in CIDR form; write one like 10.20.0.0/16.", "InvalidAddressPool", ErrorCategory.InvalidArgument, pool));
                    }
                }
            }

            var session = GetSession(out var endpoint);
            if (!ShouldProcess(endpoint.Host, Force.IsPresent ? "Initialize a new swarm from this node's state (force new cluster)" : "Initialize a swarm (this engine becomes its manager)"))
            {
                return;
            }

            var request = new SwarmInitParameters
            {
                ListenAddr = ListenAddress,
                AdvertiseAddr = AdvertiseAddress ?? string.Empty,
                DataPathAddr = DataPathAddress ?? string.Empty,
                DataPathPort = (uint)DataPathPort,
                ForceNewCluster = Force.IsPresent,
                AutoLockManagers = Autolock.IsPresent,
                Availability = Availability?.ToLowerInvariant() ?? string.Empty,
                DefaultAddrPool = DefaultAddressPool?.ToList()!,
                SubnetSize = (uint)SubnetSize,
                Spec = new Spec
                {
                    Orchestration = TaskHistoryLimit >= 0 ? new OrchestrationConfig { TaskHistoryRetentionLimit = TaskHistoryLimit } : null!,
                    EncryptionConfig = new EncryptionConfig { AutoLockManagers = Autolock.IsPresent },
                },
            };

            try
            {
                Call(session, "Swarm", endpoint.Host, ct => session.Client.Swarm.InitSwarmAsync(request, ct));
                WriteVerbose("The engine at " + endpoint.Host + " is now the manager of a new swarm; Get-DockerSwarm shows its join tokens.");
                WriteObject(SwarmState.Inspect(this, session, endpoint));
            }
            catch (DockerPSException e) when (e.ErrorId == "SwarmInvalidArgument" || e.ErrorId == "SwarmEngineError")
            {
                ThrowDockerError(new DockerPSException(e.Message, "SwarmInitFailed", ErrorCategory.InvalidArgument, endpoint.Host, e));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
