using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Networks
{
    /// <summary>
    /// docker network ls (and inspect): the networks with their subnets, gateways and attached containers, in
    /// two requests whatever their number (the list, and the running containers for the attachments).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DockerNetwork")]
    [OutputType(typeof(DockerNetwork))]
    public sealed class GetDockerNetworkCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Names of the networks to get; wildcards allowed. A name without wildcards that matches nothing is an error.</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("NetworkName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.NetworkCompleter))]
        public string[]? Name { get; set; }

        /// <summary>
        /// <para type="description">Ids (or id prefixes) of the networks to get; wildcards allowed.</para>
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("NetworkId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>
        /// <para type="description">Only networks of this driver (bridge, overlay, …).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Driver { get; set; }

        /// <summary>
        /// <para type="description">Only networks with these labels: 'key' or 'key=value'; all must match.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Label { get; set; }

        /// <summary>
        /// <para type="description">Engine-side filters, as docker network ls --filter: @{driver='bridge'; scope='local'; type='custom'; label='a=b'; dangling=$true}.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Filter { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var filters = FilterArgument.ToFilters(FilterArgument.Check(this, Filter, FilterArgument.NetworkKeys), Driver, Label);

            var session = GetSession(out var endpoint);
            IList<NetworkResponse> list;
            IList<ContainerListResponse> running;
            try
            {
                (list, running) = Call(session, "Network", endpoint.Host, async ct =>
                {
                    // Both at once: the list leaves the endpoints out, the running containers have them.
                    var networks = session.Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = FilterArgument.NullIfEmpty(filters) }, ct);
                    var containers = session.Client.Containers.ListContainersAsync(new ContainersListParameters(), ct);
                    return (await networks, await containers);
                });
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e, Filter);
                return;
            }

            var attached = NetworkMapper.Attachments(running);
            var networks = list
                .OrderBy(n => n.Name, StringComparer.Ordinal)
                .Select(n => NetworkMapper.FromApi(n, endpoint, attached))
                .ToList();
            WriteObject((Name?.Length ?? 0) + (Id?.Length ?? 0) == 0 ? networks : Targets.Networks.Select(this, networks, Name, Id, filtered: Filter != null || Driver != null || Label != null, endpoint), enumerateCollection: true);
        }
    }
}
