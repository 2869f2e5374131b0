using System.Collections.Generic;
using System.Management.Automation;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker secret ls (and inspect): the swarm's secrets, in one request.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerSecret", DefaultParameterSetName = "ByName")]
    [OutputType(typeof(DockerSecret))]
    public sealed class GetDockerSecretCommand : SwarmListCmdlet<DockerSecret>
    {
        internal override TargetResolver<DockerSecret> Kind => Targets.Secrets;

        internal override IReadOnlyDictionary<string, string> LabelsOf(DockerSecret item) => item.Labels;
    }
}
