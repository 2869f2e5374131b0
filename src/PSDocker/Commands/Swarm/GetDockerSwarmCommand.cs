using System.Management.Automation;
using System.Security;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>The swarm a manager belongs to (docker swarm join-token, docker info's Swarm part, docker swarm unlock-key).</summary>
    [Cmdlet(VerbsCommon.Get, "DockerSwarm", DefaultParameterSetName = Swarm)]
    [OutputType(typeof(DockerSwarm), ParameterSetName = new[] { Swarm })]
    [OutputType(typeof(SecureString), ParameterSetName = new[] { Key })]
    public sealed class GetDockerSwarmCommand : DockerCmdlet
    {
        private const string Swarm = "Swarm";
        private const string Key = "UnlockKey";

        /// <summary>
        /// <para type="description">Get the key that unlocks the swarm's managers after a restart (autolock on), as a SecureString: ConvertFrom-SecureString -AsPlainText shows it. Without autolock there is none (an error says so).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = Key)]
        public SwitchParameter UnlockKey { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            try
            {
                var swarm = SwarmState.Inspect(this, session, endpoint);
                if (!UnlockKey.IsPresent)
                {
                    WriteObject(swarm);
                    return;
                }

                var key = Call(session, "Swarm", endpoint.Host, ct => session.Client.Swarm.GetSwarmUnlockKeyAsync(ct));
                if (string.IsNullOrEmpty(key.UnlockKey))
                {
                    throw new DockerPSException("The swarm of " + endpoint.Host + " has no unlock key: autolock is off. Update-DockerSwarm -Autolock $true turns it on.", "SwarmAutolockOff", ErrorCategory.InvalidOperation, endpoint.Host);
                }

                WriteObject(SecretValue.Secure(key.UnlockKey));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
