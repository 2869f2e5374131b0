using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Pipeline;
using PSDocker.Registry;

namespace PSDocker.Commands.Registry
{
    /// <summary>docker logout: erases the stored credentials for a registry, wherever the CLI would have put them.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "DockerRegistry", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectDockerRegistryCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">The registry: host[:port] (default: Docker Hub).</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ServerAddress")]
        public string? Registry { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var key = RegistryCredentials.Key(Registry);
            if (!ShouldProcess(key, "Erase the stored credentials"))
            {
                return;
            }

            try
            {
                if (!RegistryCredentials.Erase(key))
                {
                    WriteWarning("Not logged in to " + key + ".");
                }
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
