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
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [Alias("Reference", "ImageName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ImageCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Image ids (sha256:… or a unique prefix).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ById)]
        [Alias("ImageId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Images from Get-DockerImage (each row acts on its own repository:tag, on the engine it came from; its -Inspect view too), or image names as strings. Objects of any other kind are refused with the error InputNotAnImage and nothing is done with them.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
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

        internal abstract void ProcessImage(DockerSession session, DockerTarget target);

        /// <summary>The images this record names, wildcards expanded (no match: nothing, as for Get-Process).</summary>
        internal IEnumerable<DockerTarget> ResolveTargets() => ParameterSetName == ByInputObject
            ? Targets.Images.FromPipeline(this, InputObject)
            : Targets.Images.Resolve(this, ParameterSetName == ById ? Id : Name, ParameterSetName == ById);

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
