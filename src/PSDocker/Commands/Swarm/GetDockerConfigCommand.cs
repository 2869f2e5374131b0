using System.Collections.Generic;
using System.Management.Automation;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker config ls (and inspect): the swarm's configs, in one request.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerConfig", DefaultParameterSetName = "ByName")]
    [OutputType(typeof(DockerConfig))]
    public sealed class GetDockerConfigCommand : SwarmListCmdlet<DockerConfig>
    {
        internal override TargetResolver<DockerConfig> Kind => Targets.Configs;

        internal override IReadOnlyDictionary<string, string> LabelsOf(DockerConfig item) => item.Labels;
    }
}
