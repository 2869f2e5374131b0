using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker config rm: removes configs no service uses.</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerConfig", SupportsShouldProcess = true, DefaultParameterSetName = "ByName", ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerConfigCommand : SwarmRemoveCmdlet<DockerConfig>
    {
        internal override TargetResolver<DockerConfig> Kind => Targets.Configs;

        internal override Task RemoveAsync(DockerSession session, string reference, CancellationToken ct) => session.Client.Configs.RemoveConfigAsync(reference, ct);

        internal override DockerPSException? InUse(DockerTarget target, DockerPSException error) =>
            new DockerPSException(error.Message.TrimEnd('.') + ". Take it away from those services first (Update-DockerService -RemoveConfig), or remove them.", "ConfigInUse", ErrorCategory.InvalidOperation, target.UserTarget, error);
    }
}
