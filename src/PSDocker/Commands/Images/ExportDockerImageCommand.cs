using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PSDocker.Archives;
using PSDocker.Connection;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Images
{
    /// <summary>
    /// docker save: writes one or several images (with their tags and layers) to one tar file, streamed to disk
    /// with progress. Import-DockerImage loads it back.
    /// </summary>
    [Cmdlet(VerbsData.Export, "DockerImage", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportDockerImageCommand : ImageCmdlet
    {
        private readonly List<DockerTarget> _targets = new List<DockerTarget>();

        /// <summary>
        /// <para type="description">The tar file to write (docker save -o). A relative path is relative to the current location.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">Replace the file if it exists.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Images are gathered from the whole pipeline: they all go into the one file.</summary>
        internal override void ProcessImage(DockerSession session, DockerTarget target) => _targets.Add(target);

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_targets.Count == 0)
            {
                return;
            }

            var endpoint = _targets[0].Endpoint;
            if (_targets.Any(t => t.Endpoint.CacheKey != endpoint.CacheKey))
            {
                ThrowDockerError(new DockerPSException("The images come from different engines; one archive holds images of one engine.",
                    "ExportImagesFromSeveralEngines", ErrorCategory.InvalidArgument, Path));
            }

            string path;
            try
            {
                path = ArchiveDownload.CheckTarget(this, Path, Force.IsPresent, Array.Empty<string>());
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            var names = _targets.Select(t => t.Reference).Distinct(StringComparer.Ordinal).ToArray();
            if (!ShouldProcess(string.Join(", ", names), UserText.Format(ArchiveMessages.ExportAction, path)))
            {
                return;
            }

            var session = GetSession(endpoint);
            try
            {
                // The engine reports a missing image only once the archive is requested: check first, so nothing is written.
                foreach (var target in _targets)
                {
                    Call(session, "Image", target.UserTarget, ct => session.Client.Images.InspectImageAsync(target.Reference, ct));
                }

                WriteFile(ArchiveDownload.Save(this, session, "Image", names[0], path, Path, 0x0E4A, string.Join(", ", names),
                    ct => session.Client.Images.SaveImagesAsync(names, ct)));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
