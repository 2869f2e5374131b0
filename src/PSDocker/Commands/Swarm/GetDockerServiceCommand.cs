using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker service ls (and inspect): the swarm's services with their running/desired task counts, in one request.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerService", DefaultParameterSetName = "ByName")]
    [OutputType(typeof(DockerService))]
    public sealed class GetDockerServiceCommand : SwarmListCmdlet<DockerService>
    {
        /// <summary>
        /// <para type="description">Only services of this mode.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("replicated", "global", IgnoreCase = true)]
        public string? Mode { get; set; }

        internal override TargetResolver<DockerService> Kind => Targets.Services;

        internal override IReadOnlyDictionary<string, string> LabelsOf(DockerService item) => item.Labels;

        internal override bool Filtered => Mode != null;

        /// <summary>The services with their task counts and their networks' names.</summary>
        internal override List<DockerService> List(DockerSession session, DockerEndpoint endpoint)
        {
            var listed = Call(session, "Service", endpoint.Host, ct => session.Client.Swarm.ListServicesAsync(new ServiceListParameters { Status = true }, ct));
            var networks = listed.Any(s => s.Spec?.TaskTemplate?.Networks?.Count > 0) ? NewDockerServiceCommand.NetworkNames(this, session) : null;
            return listed
                .OrderBy(s => s.Spec?.Name, StringComparer.Ordinal)
                .Select(s => SwarmMapper.Service(s, networks, endpoint))
                .Where(s => Mode is null || string.Equals(s.Mode, Mode, StringComparison.OrdinalIgnoreCase))
                .ToList();
        }
    }
}
