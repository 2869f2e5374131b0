using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Images
{
    /// <summary>docker rmi: removes a repository:tag, and the image with its last tag. Reports what was untagged and what deleted.</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerImage", SupportsShouldProcess = true, DefaultParameterSetName = ByName, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DockerImageRemoval))]
    public sealed class RemoveDockerImageCommand : ImageCmdlet
    {
        /// <summary>
        /// <para type="description">Remove even when containers use the image, or when an id has several tags.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// <para type="description">Keep untagged parent images.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter NoPrune { get; set; }

        internal override void ProcessImage(DockerSession session, DockerTarget target)
        {
            if (!ShouldProcess(target.Reference, Force.IsPresent ? "Remove (forced)" : "Remove"))
            {
                return;
            }

            IList<IDictionary<string, string>> result;
            try
            {
                result = Call(session, "Image", target.UserTarget, ct => session.Client.Images.DeleteImageAsync(target.Reference,
                    new ImageDeleteParameters { Force = Force.IsPresent, NoPrune = NoPrune.IsPresent }, ct));
            }
            catch (DockerPSException e) when (e.ErrorId == "ImageConflict")
            {
                var text = e.Message.TrimEnd('.', ' ') + ".";
                var forcible = text.IndexOf("cannot be forced", System.StringComparison.OrdinalIgnoreCase) < 0;
                var inUse = text.IndexOf("being used by", System.StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("is using", System.StringComparison.OrdinalIgnoreCase) >= 0;
                throw new DockerPSException(forcible ? text + " Use -Force to remove it anyway." : text + " Stop and remove that container first.",
                    inUse ? "ImageInUse" : "ImageConflict", ErrorCategory.InvalidOperation, target.UserTarget, e);
            }

            WriteObject(DockerEndpoint.Stamp(new DockerImageRemoval
            {
                Name = target.Reference,
                Untagged = result.Where(r => r.ContainsKey("Untagged")).Select(r => r["Untagged"]).ToArray(),
                Deleted = result.Where(r => r.ContainsKey("Deleted")).Select(r => r["Deleted"]).ToArray(),
            }, target.Endpoint));
        }
    }
}
