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
    /// <summary>docker pull, with a progress bar per layer. Credentials come from -Credential or from where docker login stored them.</summary>
    [Cmdlet(VerbsLifecycle.Install, "DockerImage", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class InstallDockerImageCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">What to pull: repository[:tag] or repository@digest (default tag: latest).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Reference", "ImageName")]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        /// <summary>
        /// <para type="description">Pull every tag of the repository.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter AllTags { get; set; }

        /// <summary>
        /// <para type="description">The platform to pull, e.g. linux/arm64.</para>
        /// </summary>
        [Parameter]
        public string? Platform { get; set; }

        /// <summary>
        /// <para type="description">Registry credentials for this pull, instead of those stored by docker login or Connect-DockerRegistry.</para>
        /// </summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>How the engine lists a Docker Hub repository: without docker.io/ and library/.</summary>
        private static string HubShortName(string repository)
        {
            var name = repository.StartsWith("docker.io/", System.StringComparison.Ordinal) ? repository.Substring(10) : repository;
            return name.StartsWith("library/", System.StringComparison.Ordinal) ? name.Substring(8) : name;
        }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            foreach (var name in Name)
            {
                if (!ImageReference.TryParse(name, out var reference))
                {
                    WriteError(new DockerPSException(ImageReference.Explain(name), "InvalidImageReference", ErrorCategory.InvalidArgument, name).ToErrorRecord());
                    continue;
                }

                if (AllTags.IsPresent && (reference.Tag != null || reference.Digest != null))
                {
                    WriteError(new DockerPSException("-AllTags takes a repository without a tag or digest; '" + name + "' has one.",
                        "InvalidImageReference", ErrorCategory.InvalidArgument, name).ToErrorRecord());
                    continue;
                }

                var session = GetSession(out var endpoint);
                if (!ShouldProcess(name, AllTags.IsPresent ? "Pull all tags" : "Pull"))
                {
                    continue;
                }

                try
                {
                    var auth = ImageCmdlet.AuthFor(reference, Credential);
                    ImagePuller.Pull(this, session, reference.Repository, AllTags.IsPresent ? string.Empty : reference.TagOrDigest, name, Platform, auth);
                    if (AllTags.IsPresent)
                    {
                        var rows = Call(session, "Image", name, ct => session.Client.Images.ListImagesAsync(new ImagesListParameters
                        {
                            Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [reference.Repository] = true } },
                        }, ct));
                        var listed = HubShortName(reference.Repository);
                        WriteObject(rows.SelectMany(r => ImageMapper.FromList(r, endpoint)).Where(r => r.Repository == listed), enumerateCollection: true);
                    }
                    else
                    {
                        WriteObject(ImageLookup.Fetch(this, session, endpoint, reference.ToString(), name));
                    }
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, name);
                }
            }
        }
    }
}
