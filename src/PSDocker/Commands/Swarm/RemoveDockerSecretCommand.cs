using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker secret rm: removes secrets no service uses.</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerSecret", SupportsShouldProcess = true, DefaultParameterSetName = "ByName", ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerSecretCommand : SwarmRemoveCmdlet<DockerSecret>
    {
        internal override TargetResolver<DockerSecret> Kind => Targets.Secrets;

        internal override Task RemoveAsync(DockerSession session, string reference, CancellationToken ct) => session.Client.Secrets.DeleteAsync(reference, ct);

        internal override DockerPSException? InUse(DockerTarget target, DockerPSException error) =>
            new DockerPSException(error.Message.TrimEnd('.') + ". Take it away from those services first (Update-DockerService -RemoveSecret), or remove them.", "SecretInUse", ErrorCategory.InvalidOperation, target.UserTarget, error);
    }
}
