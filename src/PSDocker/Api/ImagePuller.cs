using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Api
{
    /// <summary>Pulls an image with per-layer progress and turns the stream's errors into specific ErrorRecords.</summary>
    internal static class ImagePuller
    {
        public static void Pull(DockerCmdlet cmdlet, DockerSession session, string image, string? platform, AuthConfig? auth = null)
        {
            if (!ImageReference.TryParse(image, out var reference))
            {
                throw new DockerPSException(ImageReference.Explain(image), "InvalidImageReference", ErrorCategory.InvalidArgument, image);
            }

            Pull(cmdlet, session, reference.Repository, reference.TagOrDigest, image, platform, auth);
        }

        /// <summary>Pulls repository:tag (or every tag when <paramref name="tag"/> is empty).</summary>
        public static void Pull(DockerCmdlet cmdlet, DockerSession session, string repository, string tag, string userTarget, string? platform, AuthConfig? auth) =>
            RunRegistryStream(cmdlet, session, "Pull", "Pulling " + userTarget, userTarget, userTarget, (progress, ct) =>
                session.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag, Platform = platform }, auth, progress, ct));

        /// <summary>
        /// Runs a pull or push: its JSON stream becomes per-layer progress, and its failures (a 500 before the
        /// stream, or an error inside it) are classified by their text. Returns the writer, for the stream's
        /// status lines and digest.
        /// </summary>
        public static JsonProgressWriter RunRegistryStream(DockerCmdlet cmdlet, DockerSession session, string operation, string activity, string image, object userTarget,
            Func<IProgress<JSONMessage>, CancellationToken, Task> request)
        {
            var writer = new JsonProgressWriter(cmdlet, activity);
            try
            {
                cmdlet.Call(session, "Image", userTarget, async ct =>
                {
                    // Created here, on the pipeline thread: its reports are posted back to it.
                    await request(new Progress<JSONMessage>(writer.Report), ct);
                    return true;
                });
            }
            catch (DockerPSException e) when (e.ErrorId != "ImageNotFound" && e.ErrorId.StartsWith("Image", StringComparison.Ordinal))
            {
                // The engine reports registry failures as 500s; their text says what happened.
                throw FromStreamError(e.Message, image, session.Endpoint, operation);
            }
            finally
            {
                writer.Complete();
            }

            if (writer.Error != null)
            {
                throw FromStreamError(writer.Error.Message ?? "the " + operation.ToLowerInvariant() + " failed", image, session.Endpoint, operation);
            }

            return writer;
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
                return new DockerPSException("Cannot reach the registry for " + image + ": " + text.TrimEnd('.') + ". Check the address, that the registry runs, and that this engine may reach it.", "RegistryUnreachable", ErrorCategory.ConnectionError, image);
            }

            if (Has("not found") || Has("manifest unknown") || Has("repository does not exist") || Has("pull access denied"))
            {
                return new DockerPSException(text, "ImageNotFound", ErrorCategory.ObjectNotFound, image);
            }

            if (Has("does not exist locally"))
            {
                // A push of a name the engine does not hold: "An image does not exist locally with the tag: x".
                return new DockerPSException("No image named '" + image + "' is on the engine " + endpoint.Host + " to push (" + text.TrimEnd('.') + "). Tag it first (Add-DockerImageTag), or pick one of Get-DockerImage.",
                    "ImageNotFound", ErrorCategory.ObjectNotFound, image);
            }

            return new DockerPSException(text, "Image" + operation + "Failed", ErrorCategory.InvalidOperation, image);
        }
    }
}
