using System;
using System.Management.Automation;
using Docker.DotNet.Models;

namespace PSDocker.Engine
{
    /// <summary>Pulls an image with per-layer progress and turns the stream's errors into specific ErrorRecords.</summary>
    internal static class ImagePuller
    {
        public static void Pull(DockerCmdlet cmdlet, DockerSession session, string image, string? platform, AuthConfig? auth = null)
        {
            if (!ImageReference.TryParse(image, out var reference))
            {
                throw new DockerPSException("'" + image + "' is not a valid image reference.", "InvalidImageReference", ErrorCategory.InvalidArgument, image);
            }

            Pull(cmdlet, session, reference.Repository, reference.TagOrDigest, image, platform, auth);
        }

        /// <summary>Pulls repository:tag (or every tag when <paramref name="tag"/> is empty).</summary>
        public static void Pull(DockerCmdlet cmdlet, DockerSession session, string repository, string tag, string userTarget, string? platform, AuthConfig? auth)
        {
            var writer = new JsonProgressWriter(cmdlet, "Pulling " + userTarget);
            try
            {
                cmdlet.Call(session, "Image", userTarget, async ct =>
                {
                    // Created here, on the pipeline thread: its reports are posted back to it.
                    var progress = new Progress<JSONMessage>(writer.Report);
                    await session.Client.Images.CreateImageAsync(
                        new ImagesCreateParameters { FromImage = repository, Tag = tag, Platform = platform },
                        auth, progress, ct);
                    return true;
                });
            }
            catch (DockerPSException e) when (e.ErrorId != "ImageNotFound" && e.ErrorId.StartsWith("Image", StringComparison.Ordinal))
            {
                // The engine reports registry failures as 500s; their text says what happened.
                throw FromStreamError(e.Message, userTarget, session.Endpoint);
            }
            finally
            {
                writer.Complete();
            }

            if (writer.Error != null)
            {
                throw FromStreamError(writer.Error.Message ?? "the pull failed", userTarget, session.Endpoint);
            }
        }

        /// <summary>Classifies an error message of the engine's JSON stream.</summary>
        internal static DockerPSException FromStreamError(string message, string image, DockerEndpoint endpoint, string operation = "Pull")
        {
            var text = message.Trim();
            bool Has(string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
            if (Has("unauthorized") || Has("authentication required") || Has("incorrect username or password") || Has("no basic auth credentials"))
            {
                return new DockerPSException(text, "RegistryAuthenticationFailed", ErrorCategory.AuthenticationError, image);
            }

            if (Has("connection refused") || Has("no such host") || Has("i/o timeout") || Has("dial tcp") || Has("server gave HTTP response to HTTPS client") || Has("TLS handshake"))
            {
                return new DockerPSException(text, "RegistryUnreachable", ErrorCategory.ConnectionError, image);
            }

            if (Has("not found") || Has("manifest unknown") || Has("repository does not exist") || Has("pull access denied"))
            {
                return new DockerPSException(text, "ImageNotFound", ErrorCategory.ObjectNotFound, image);
            }

            return new DockerPSException(text, "Image" + operation + "Failed", ErrorCategory.InvalidOperation, image);
        }
    }
}
