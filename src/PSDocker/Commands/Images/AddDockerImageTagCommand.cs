using System;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Images
{
    /// <summary>docker tag: gives an image another repository:tag.</summary>
    [Cmdlet(VerbsCommon.Add, "DockerImageTag", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerImage))]
    public sealed class AddDockerImageTagCommand : ImageCmdlet
    {
        /// <summary>
        /// <para type="description">The new names, repository[:tag] (default tag: latest).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Tag { get; set; } = System.Array.Empty<string>();

        /// <summary>
        /// <para type="description">Output the image under each new name.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override void ProcessImage(DockerSession session, DockerTarget target)
        {
            foreach (var tag in Tag)
            {
                if (!ImageReference.TryParse(tag, out var reference) || reference.Digest != null)
                {
                    WriteError(new DockerPSException("'" + tag + "' is not a valid repository:tag: use a lower-case name with an optional tag, such as team/app:1.0 or 127.0.0.1:5000/app:latest.", "InvalidImageReference", ErrorCategory.InvalidArgument, tag).ToErrorRecord());
                    continue;
                }

                if (!ShouldProcess(target.Reference, "Tag as " + reference))
                {
                    continue;
                }

                try
                {
                    Call(session, "Image", target.UserTarget, ct => session.Client.Images.TagImageAsync(target.Reference,
                        new ImageTagParameters { RepositoryName = reference.Repository, Tag = reference.Tag ?? "latest" }, ct));
                    if (PassThru.IsPresent)
                    {
                        WriteObject(ImageLookup.Fetch(this, session, target.Endpoint, reference.ToString(), tag));
                    }
                }
                catch (DockerPSException e) when (!e.ErrorId.StartsWith("Docker", StringComparison.Ordinal) && e.ErrorId != "ImageNotFound")
                {
                    // The engine refused this name: the other names are still given.
                    WriteError(e.ToErrorRecord(tag));
                }
            }
        }
    }
}
