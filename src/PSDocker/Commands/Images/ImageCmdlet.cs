using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Registry;

namespace PSDocker.Commands.Images
{
    /// <summary>One image reference a cmdlet acts on.</summary>
    internal sealed class ImageTarget
    {
        public ImageTarget(DockerEndpoint endpoint, string reference, object userTarget)
        {
            Endpoint = endpoint;
            Reference = reference;
            UserTarget = userTarget;
        }

        public DockerEndpoint Endpoint { get; }

        /// <summary>repository:tag, repository@digest or id, as the API takes it.</summary>
        public string Reference { get; }

        public object UserTarget { get; }
    }

    /// <summary>
    /// The base of cmdlets that act on existing images: -Name (repository[:tag], wildcards), -Id, or image
    /// objects from the pipeline (each acts on its own repository:tag row, on its own engine).
    /// </summary>
    public abstract class ImageCmdlet : DockerCmdlet
    {
        internal const string ByName = "ByName";
        internal const string ById = "ById";
        internal const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">Image names: repository[:tag] or repository@digest. Wildcards select among the engine's images; a pattern without a tag matches the repository.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Reference", "ImageName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ImageCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Image ids (sha256:… or a unique prefix).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
        [Alias("ImageId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Images from Get-DockerImage; each row acts on its own repository:tag.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DockerImage[] InputObject { get; set; } = Array.Empty<DockerImage>();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (var target in ResolveTargets())
            {
                var session = GetSession(target.Endpoint);
                try
                {
                    ProcessImage(session, target);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, target.UserTarget);
                }
            }
        }

        internal abstract void ProcessImage(DockerSession session, ImageTarget target);

        internal IEnumerable<ImageTarget> ResolveTargets()
        {
            if (ParameterSetName == ByInputObject)
            {
                foreach (var image in InputObject)
                {
                    var endpoint = EndpointOf(image);
                    yield return new ImageTarget(endpoint, image.Name, image.Name);
                }

                yield break;
            }

            var endpointForRecord = ResolveEndpoint();
            List<DockerImage>? all = null;
            foreach (var value in ParameterSetName == ById ? Id : Name)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(value))
                {
                    yield return new ImageTarget(endpointForRecord, value, value);
                    continue;
                }

                if (all is null)
                {
                    var session = GetSession(endpointForRecord);
                    all = Call(session, "Image", value, ct => session.Client.Images.ListImagesAsync(new ImagesListParameters(), ct))
                        .SelectMany(i => ImageMapper.FromList(i, endpointForRecord)).ToList();
                }

                foreach (var match in Match(all, value, ParameterSetName == ById))
                {
                    yield return new ImageTarget(endpointForRecord, match.Name, match.Name);
                }
            }
        }

        /// <summary>Rows a pattern selects: ids for -Id; repository:tag when the pattern has a tag, else the repository.</summary>
        internal static IEnumerable<DockerImage> Match(IEnumerable<DockerImage> images, string pattern, bool byId)
        {
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            if (byId)
            {
                return images.Where(i => wildcard.IsMatch(i.Id) || wildcard.IsMatch(i.ShortId));
            }

            var hasTag = pattern.LastIndexOf(':') > pattern.LastIndexOf('/');
            return images.Where(i => i.Repository.Length > 0 && wildcard.IsMatch(hasTag ? i.Name : i.Repository));
        }

        /// <summary>Credentials for a pull or push: -Credential when given, else what the docker CLI stored for that registry.</summary>
        internal static AuthConfig? AuthFor(ImageReference reference, PSCredential? credential)
        {
            var key = RegistryCredentials.Key(reference.Registry);
            if (credential != null && credential != PSCredential.Empty)
            {
                return new AuthConfig { Username = credential.UserName, Password = credential.GetNetworkCredential().Password, ServerAddress = key };
            }

            return RegistryCredentials.Find(key);
        }
    }
}
