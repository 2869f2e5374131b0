using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker service rm: removes services (their tasks stop). Tasks piped in stand for their services.</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerService", SupportsShouldProcess = true, DefaultParameterSetName = "ByName", ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerServiceCommand : SwarmRemoveCmdlet<DockerService>
    {
        internal override TargetResolver<DockerService> Kind => Targets.Services;

        internal override Task RemoveAsync(DockerSession session, string reference, CancellationToken ct) => session.Client.Swarm.RemoveServiceAsync(reference, ct);
    }
}
