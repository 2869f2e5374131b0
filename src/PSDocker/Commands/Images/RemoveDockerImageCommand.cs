using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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

        /// <summary>
        /// <para type="description">How many images are removed at once (the engine calls run side by side; confirmations, output and errors stay on the pipeline, in input order). 1 removes one after the other. The default is 8.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc/>
        internal override void ProcessImage(DockerSession session, DockerTarget target)
        {
            if (!ShouldProcess(target.Reference, Force.IsPresent ? "Remove (forced)" : "Remove"))
            {
                return;
            }

            RunSideBySide(ThrottleLimit, "Image", session, target, ct => RemoveAsync(session, target, ct));
        }

        private async Task<Action?> RemoveAsync(DockerSession session, DockerTarget target, CancellationToken ct)
        {
            var parameters = new ImageDeleteParameters { Force = Force.IsPresent, NoPrune = NoPrune.IsPresent };
            Task<IList<IDictionary<string, string>>> Delete(CancellationToken token) => session.Client.Images.DeleteImageAsync(target.Reference, parameters, token);

            IList<IDictionary<string, string>> result;
            try
            {
                result = await BulkRunner.Engine(session, "Image", target.UserTarget, ct, () => Delete(ct)).ConfigureAwait(false);
            }
            catch (DockerPSException e) when (e.ErrorId == "ImageConflict" && ThrottleLimit > 1 && e.Message.IndexOf("dependent child", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // A child image earlier in the input may still be on its way out: asked again when this item's turn
                // comes, once everything before it is done, it ends as it would one at a time.
                return () =>
                {
                    IList<IDictionary<string, string>> again;
                    try
                    {
                        again = Call(session, "Image", target.UserTarget, Delete);
                    }
                    catch (DockerPSException conflict) when (conflict.ErrorId == "ImageConflict")
                    {
                        throw Conflict(conflict, target);
                    }

                    WriteObject(Removal(again, target));
                };
            }
            catch (DockerPSException e) when (e.ErrorId == "ImageConflict")
            {
                throw Conflict(e, target);
            }

            var removal = Removal(result, target);
            return () => WriteObject(removal);
        }

        /// <summary>The engine's text says why (a container uses it, it has child images, ...); the hint says what to do.</summary>
        private static DockerPSException Conflict(DockerPSException e, DockerTarget target)
        {
            var text = e.Message.TrimEnd('.', ' ') + ".";
            var forcible = text.IndexOf("cannot be forced", StringComparison.OrdinalIgnoreCase) < 0;
            var inUse = text.IndexOf("being used by", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("is using", StringComparison.OrdinalIgnoreCase) >= 0;
            var hint = forcible ? " Use -Force to remove it anyway."
                : text.IndexOf("dependent child", StringComparison.OrdinalIgnoreCase) >= 0 ? " Remove the images built on it first."
                : " Stop and remove that container first.";
            return new DockerPSException(text + hint,
                inUse ? "ImageInUse" : "ImageConflict", ErrorCategory.InvalidOperation, target.UserTarget, e);
        }

        private static DockerImageRemoval Removal(IList<IDictionary<string, string>> result, DockerTarget target) => DockerEndpoint.Stamp(new DockerImageRemoval
        {
            Name = target.Reference,
            Untagged = result.Where(r => r.ContainsKey("Untagged")).Select(r => r["Untagged"]).ToArray(),
            Deleted = result.Where(r => r.ContainsKey("Deleted")).Select(r => r["Deleted"]).ToArray(),
        }, target.Endpoint);
    }
}
