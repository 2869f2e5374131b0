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

namespace PSDocker.Commands.Volumes
{
    /// <summary>docker volume ls (and inspect): one request, whatever the number of volumes.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerVolume")]
    [OutputType(typeof(DockerVolume))]
    public sealed class GetDockerVolumeCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Names of the volumes to get; wildcards allowed. A name without wildcards that matches nothing is an error.</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VolumeName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.VolumeCompleter))]
        public string[]? Name { get; set; }

        /// <summary>
        /// <para type="description">Only volumes of this driver (the engine's driver filter).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Driver { get; set; }

        /// <summary>
        /// <para type="description">Only volumes with these labels: 'key' or 'key=value'; all must match.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Label { get; set; }

        /// <summary>
        /// <para type="description">Engine-side filters, as docker volume ls --filter: @{dangling=$true; driver='local'; label='a=b'; name='part'}.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Filter { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var filters = FilterArgument.ToFilters(FilterArgument.Check(this, Filter, FilterArgument.VolumeKeys), Driver, Label);

            var session = GetSession(out var endpoint);
            VolumesListResponse list;
            try
            {
                list = Call(session, "Volume", endpoint.Host, ct => session.Client.Volumes.ListAsync(new VolumesListParameters { Filters = FilterArgument.NullIfEmpty(filters) }, ct));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e, Filter);
                return;
            }

            foreach (var warning in list.Warnings ?? new List<string>())
            {
                WriteWarning(warning);
            }

            var volumes = (list.Volumes ?? new List<VolumeResponse>())
                .OrderBy(v => v.Name, StringComparer.Ordinal)
                .Select(v => VolumeMapper.FromApi(v, endpoint))
                .ToList();
            WriteObject(Name is null ? volumes : Targets.Volumes.Select(this, volumes, Name, null, filtered: Filter != null || Driver != null || Label != null, endpoint), enumerateCollection: true);
        }
    }
}
