using System.Management.Automation;
using System.Security;
using Docker.DotNet.Models;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker swarm unlock: unlocks a manager that restarted with autolock on.</summary>
    [Cmdlet(VerbsCommon.Unlock, "DockerSwarm", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class UnlockDockerSwarmCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">The swarm's unlock key, as Get-DockerSwarm -UnlockKey gave it (a SecureString; Read-Host -AsSecureString reads one typed).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecureString? UnlockKey { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            if (!ShouldProcess(endpoint.Host, "Unlock the swarm"))
            {
                return;
            }

            try
            {
                var info = Call(session, "Swarm", endpoint.Host, ct => session.Client.System.GetSystemInfoAsync(ct));
                if (info.Swarm?.LocalNodeState != "locked")
                {
                    throw new DockerPSException("The swarm on " + endpoint.Host + " is not locked (its state is " + (info.Swarm?.LocalNodeState ?? "inactive") + "); there is nothing to unlock.", "SwarmNotLocked", ErrorCategory.InvalidOperation, endpoint.Host);
                }

                var request = new SwarmUnlockParameters { UnlockKey = SecretValue.Text(UnlockKey!) };
                Call(session, "Swarm", endpoint.Host, ct => session.Client.Swarm.UnlockSwarmAsync(request, ct));
            }
            catch (DockerPSException e) when (e.ErrorId == "SwarmInvalidArgument" || e.ErrorId == "SwarmEngineError" || e.ErrorId == "SwarmLocked")
            {
                ThrowDockerError(new DockerPSException("The swarm on " + endpoint.Host + " refused the unlock key: it is not the current one. Get-DockerSwarm -UnlockKey on an unlocked manager gives it.", "SwarmUnlockKeyInvalid", ErrorCategory.InvalidArgument, endpoint.Host, e));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
