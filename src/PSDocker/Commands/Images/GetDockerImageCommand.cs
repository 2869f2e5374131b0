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

namespace PSDocker.Commands.Images
{
    /// <summary>docker images (and docker image inspect with -Inspect): one object per repository:tag.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerImage")]
    [OutputType(typeof(DockerImage))]
    [OutputType(typeof(DockerImageDetail))]
    public sealed class GetDockerImageCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">repository[:tag] names to show; wildcards allowed; a pattern without a tag matches the repository. A name without wildcards that matches nothing is an error.</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Reference", "ImageName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ImageCompleter))]
        public string[]? Name { get; set; }

        /// <summary>
        /// <para type="description">Image ids (sha256:… or a prefix); wildcards allowed.</para>
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ImageId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>
        /// <para type="description">Include intermediate images (docker images -a).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>
        /// <para type="description">Only untagged images that no other image uses (docker images -f dangling=true).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Dangling { get; set; }

        /// <summary>
        /// <para type="description">Engine-side filters, as docker images --filter: @{label='a=b'; before='busybox'; reference='app:*'}.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Filter { get; set; }

        /// <summary>
        /// <para type="description">Return the full inspect data (DockerImageDetail: config, layers, author…) for each image found.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Inspect { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var filters = FilterArgument.ToFilters(FilterArgument.Check(this, Filter, FilterArgument.ImageKeys));
            var session = GetSession(out var endpoint);
            if (Dangling.IsPresent)
            {
                filters["dangling"] = new Dictionary<string, bool> { ["true"] = true };
            }

            IList<ImagesListResponse> list;
            try
            {
                list = Call(session, "Image", endpoint.Host, ct => session.Client.Images.ListImagesAsync(new ImagesListParameters
                {
                    All = All.IsPresent,
                    Filters = filters.Count == 0 ? null : filters,
                }, ct));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e, Filter);
                return;
            }

            var rows = list.OrderByDescending(i => i.Created).SelectMany(i => ImageMapper.FromList(i, endpoint)).ToList();
            if ((Name?.Length ?? 0) + (Id?.Length ?? 0) > 0)
            {
                rows = Targets.Images.Select(this, rows, Name, Id, filtered: false, endpoint);
            }

            foreach (var row in rows)
            {
                if (!Inspect.IsPresent)
                {
                    WriteObject(row);
                    continue;
                }

                try
                {
                    var detail = Call(session, "Image", row.Name, ct => session.Client.Images.InspectImageAsync(row.Id, ct));
                    var mapped = ImageMapper.FromInspect(detail, endpoint);
                    mapped.Name = row.Name;
                    mapped.Raw = Call(session, "Image", row.Name, async ct =>
                    {
                        using var json = await session.Raw.GetJsonAsync("images/" + Uri.EscapeDataString(row.Id) + "/json", ct);
                        return PSJson.ToPSObject(json.RootElement);
                    });
                    WriteObject(mapped);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, row.Name);
                }
            }
        }
    }
}
