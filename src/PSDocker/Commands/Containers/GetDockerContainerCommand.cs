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

namespace PSDocker.Commands.Containers
{
    /// <summary>docker ps (and docker inspect with -Inspect).</summary>
    [Cmdlet(VerbsCommon.Get, "DockerContainer")]
    [OutputType(typeof(DockerContainer))]
    [OutputType(typeof(DockerContainerDetail))]
    public sealed class GetDockerContainerCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Names to show; wildcards allowed. A name without wildcards that matches nothing is an error. Naming containers searches stopped ones too.</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Names", "ContainerName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>
        /// <para type="description">Ids (or id prefixes) to show; wildcards allowed.</para>
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ContainerId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>
        /// <para type="description">Show stopped containers too (docker ps -a).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>
        /// <para type="description">Engine-side filters, as docker ps --filter: @{status='exited'; label='a=b'; ancestor='busybox'}. A value may be an array.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Filter { get; set; }

        /// <summary>
        /// <para type="description">Show only the N most recently created containers, in any state (docker ps -n).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Last { get; set; }

        /// <summary>
        /// <para type="description">Also report SizeRw and SizeRootFs (slower: the engine measures the file systems).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Size { get; set; }

        /// <summary>
        /// <para type="description">Return the full inspect data (DockerContainerDetail: mounts, networks, environment, health, restart count, exit code…) for each container found.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Inspect { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var filter = FilterArgument.Check(this, Filter, FilterArgument.ContainerKeys);
            var session = GetSession(out var endpoint);
            var named = (Name?.Length ?? 0) + (Id?.Length ?? 0) > 0;
            var parameters = new ContainersListParameters
            {
                // Naming a container finds it whatever its state, as docker inspect would.
                All = All.IsPresent || named || Last > 0,
                Size = Size.IsPresent ? true : (bool?)null,
                Limit = Last > 0 ? Last : (long?)null,
                Filters = filter is null || filter.Count == 0 ? null : FilterArgument.ToFilters(filter),
            };

            IList<ContainerListResponse> list;
            try
            {
                list = Call(session, "Container", endpoint.Host, ct => session.Client.Containers.ListContainersAsync(parameters, ct));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e, Filter);
                return;
            }

            var containers = list.Select(c => ContainerMapper.FromList(c, endpoint)).ToList();
            if (named)
            {
                containers = Targets.Containers.Select(this, containers, Name, Id, filtered: Filter != null, endpoint);
            }

            foreach (var container in containers)
            {
                if (!Inspect.IsPresent)
                {
                    WriteObject(container);
                    continue;
                }

                try
                {
                    var detail = Call(session, "Container", container.Name, ct => session.Client.Containers.InspectContainerAsync(container.Id, ct));
                    var mapped = ContainerMapper.FromInspect(detail, endpoint);
                    // Everything else docker inspect shows, as the engine wrote it.
                    mapped.Raw = Call(session, "Container", container.Name, async ct =>
                    {
                        using var json = await session.Raw.GetJsonAsync("containers/" + Uri.EscapeDataString(container.Id) + "/json", ct);
                        return PSJson.ToPSObject(json.RootElement);
                    });
                    WriteObject(mapped);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, container.Name);
                }
            }
        }
    }
}
