using System;
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
    [Cmdlet(VerbsCommon.Get, "DockerService", DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerService))]
    public sealed class GetDockerServiceCommand : DockerCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        /// <summary>
        /// <para type="description">Names of the services to get; wildcards allowed. A name without wildcards that matches nothing is an error.</para>
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ServiceCompleter))]
        public string[]? Name { get; set; }

        /// <summary>
        /// <para type="description">Ids of the services to get: a unique prefix, or a wildcard pattern over the full id.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>
        /// <para type="description">Only services with these labels: 'key' or 'key=value'; all must match.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Label { get; set; }

        /// <summary>
        /// <para type="description">Only services of this mode.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("replicated", "global", IgnoreCase = true)]
        public string? Mode { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            try
            {
                var filters = Label is null ? null : new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IDictionary<string, bool>>
                {
                    ["label"] = Label.ToDictionary(l => l, _ => true),
                };
                if (Mode != null)
                {
                    filters ??= new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IDictionary<string, bool>>();
                    filters["mode"] = new System.Collections.Generic.Dictionary<string, bool> { [Mode.ToLowerInvariant()] = true };
                }

                var listed = Call(session, "Service", endpoint.Host, ct => session.Client.Swarm.ListServicesAsync(new ServiceListParameters { Status = true, Filters = filters! }, ct));
                var networks = listed.Any(s => s.Spec?.TaskTemplate?.Networks?.Count > 0) ? NewDockerServiceCommand.NetworkNames(this, session) : null;
                var services = listed
                    .OrderBy(s => s.Spec?.Name, StringComparer.Ordinal)
                    .Select(s => SwarmMapper.Service(s, networks, endpoint))
                    .ToList();
                WriteObject(Name is null && Id is null ? services : Targets.Services.Select(this, services, Name, Id, filtered: filters != null, endpoint), enumerateCollection: true);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
