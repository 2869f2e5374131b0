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
        protected override void ProcessRecord()
        {
            var session = GetSession(out var endpoint);
            var filters = FilterArgument.ToFilters(Filter);
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
                rows = Select(rows, endpoint.Host);
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
                    WriteObject(mapped);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, row.Name);
                }
            }
        }

        private List<DockerImage> Select(List<DockerImage> rows, string host)
        {
            var selected = new List<DockerImage>();
            foreach (var name in Name ?? Array.Empty<string>())
            {
                // Docker Hub's implicit library/ prefix and :latest work as in the CLI.
                var pattern = WildcardPattern.ContainsWildcardCharacters(name) ? name : Normalize(name);
                var matches = ImageCmdlet.Match(rows, pattern, byId: false).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteError(new DockerPSException("No image named '" + name + "' exists on " + host + ".",
                        "ImageNotFound", ErrorCategory.ObjectNotFound, name).ToErrorRecord());
                }

                selected.AddRange(matches.Where(m => !selected.Contains(m)));
            }

            foreach (var id in Id ?? Array.Empty<string>())
            {
                var pattern = WildcardPattern.ContainsWildcardCharacters(id) ? id : id + "*";
                var withPrefix = pattern.StartsWith("sha256:", StringComparison.Ordinal) ? pattern : "sha256:" + pattern;
                var matches = rows.Where(r => new WildcardPattern(withPrefix, WildcardOptions.IgnoreCase).IsMatch(r.Id)).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(id))
                {
                    WriteError(new DockerPSException("No image with the id '" + id + "' exists.", "ImageNotFound", ErrorCategory.ObjectNotFound, id).ToErrorRecord());
                }

                selected.AddRange(matches.Where(m => !selected.Contains(m)));
            }

            return selected;
        }

        private static string Normalize(string name)
        {
            var value = name.StartsWith("docker.io/library/", StringComparison.Ordinal) ? name.Substring(18)
                : name.StartsWith("library/", StringComparison.Ordinal) ? name.Substring(8)
                : name.StartsWith("docker.io/", StringComparison.Ordinal) ? name.Substring(10) : name;
            return value;
        }
    }
}
