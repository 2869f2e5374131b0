using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Images
{
    /// <summary>docker push, with a progress bar per layer. Credentials come from -Credential or from where docker login stored them.</summary>
    [Cmdlet(VerbsData.Publish, "DockerImage", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerImagePushResult))]
    public sealed class PublishDockerImageCommand : ImageCmdlet
    {
        /// <summary>
        /// <para type="description">Registry credentials for this push, instead of those stored by docker login or Connect-DockerRegistry.</para>
        /// </summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        internal override void ProcessImage(DockerSession session, DockerTarget target)
        {
            var looksLikeId = target.Reference.StartsWith("sha256:", StringComparison.Ordinal) ||
                              System.Text.RegularExpressions.Regex.IsMatch(target.Reference, "^[0-9a-f]{12,64}$");
            if (looksLikeId || !ImageReference.TryParse(target.Reference, out var reference) || reference.Digest != null)
            {
                throw new DockerPSException("'" + target.Reference + "' cannot be pushed: name it as repository:tag.", "InvalidImageReference", ErrorCategory.InvalidArgument, target.UserTarget);
            }

            var name = reference.ToString();
            if (!ShouldProcess(name, "Push"))
            {
                return;
            }

            var auth = AuthFor(reference, Credential) ?? new AuthConfig();
            var writer = ImagePuller.RunRegistryStream(this, session, "Push", "Pushing " + name, name, target.UserTarget, (progress, ct) =>
                session.Client.Images.PushImageAsync(reference.Repository, new ImagePushParameters { Tag = reference.Tag ?? "latest" }, auth, progress, ct));

            long? size = null;
            foreach (var line in writer.StatusLines)
            {
                var match = Regex.Match(line, "size: ([0-9]+)");
                if (match.Success)
                {
                    size = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            WriteObject(DockerEndpoint.Stamp(new DockerImagePushResult { Name = name, Digest = writer.Digest, Size = size }, target.Endpoint));
        }
    }
}
