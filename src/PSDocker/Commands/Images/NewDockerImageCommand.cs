using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Images
{
    /// <summary>docker commit: makes an image of a container's current file system and settings.</summary>
    [Cmdlet(VerbsCommon.New, "DockerImage", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class NewDockerImageCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">The container to commit: name or id, or a container object from the pipeline.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerNameCompleter))]
        public string Container { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The new image's repository[:tag]; without it the image is untagged.</para>
        /// </summary>
        [Parameter(Position = 1)]
        public string? Tag { get; set; }

        /// <summary>
        /// <para type="description">The commit message (docker commit -m).</para>
        /// </summary>
        [Parameter]
        public string? Message { get; set; }

        /// <summary>
        /// <para type="description">The author (docker commit -a).</para>
        /// </summary>
        [Parameter]
        public string? Author { get; set; }

        /// <summary>
        /// <para type="description">Dockerfile instructions applied to the image, e.g. 'CMD ["sh"]' or 'ENV A=1' (docker commit -c).</para>
        /// </summary>
        [Parameter]
        public string[]? Change { get; set; }

        /// <summary>
        /// <para type="description">Do not pause the container while committing.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter NoPause { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            ImageReference? reference = null;
            if (Tag != null && (!ImageReference.TryParse(Tag, out reference) || reference.Digest != null))
            {
                ThrowDockerError(new DockerPSException("'" + Tag + "' is not a valid repository:tag: use a lower-case name with an optional tag, such as team/app:1.0 or 127.0.0.1:5000/app:latest.", "InvalidImageReference", ErrorCategory.InvalidArgument, Tag));
            }

            var session = GetSession(out var endpoint);
            if (!ShouldProcess(Container, "Commit to " + (reference?.ToString() ?? "an untagged image")))
            {
                return;
            }

            try
            {
                var committed = Call(session, "Container", Container, ct => session.TransferClient.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
                {
                    ContainerID = Container,
                    RepositoryName = reference?.Repository,
                    Tag = reference is null ? null : reference.Tag ?? "latest",
                    Comment = Message,
                    Author = Author,
                    Changes = Change?.ToList(),
                    Pause = !NoPause.IsPresent,
                }, ct));
                WriteObject(ImageLookup.Fetch(this, session, endpoint, reference?.ToString() ?? committed.ID, Container));
            }
            catch (DockerPSException e)
            {
                WriteItemError(e, Container);
            }
        }
    }
}
