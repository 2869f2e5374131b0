using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Images
{
    /// <summary>
    /// docker load (an archive from Export-DockerImage / docker save), or docker import with -RootFilesystem
    /// (a plain root file system tarball becomes a one-layer image). The file is streamed, with progress.
    /// </summary>
    [Cmdlet(VerbsData.Import, "DockerImage", SupportsShouldProcess = true, DefaultParameterSetName = LoadSet)]
    [OutputType(typeof(DockerImage))]
    public sealed class ImportDockerImageCommand : DockerCmdlet
    {
        private const string LoadSet = "Load";
        private const string RootFsSet = "RootFilesystem";

        /// <summary>
        /// <para type="description">The tar file to read (.tar, or compressed as docker load accepts).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The file is a root file system tarball (docker import), not a saved image.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = RootFsSet)]
        public SwitchParameter RootFilesystem { get; set; }

        /// <summary>
        /// <para type="description">With -RootFilesystem: the new image's repository[:tag].</para>
        /// </summary>
        [Parameter(Position = 1, ParameterSetName = RootFsSet)]
        public string? Tag { get; set; }

        /// <summary>
        /// <para type="description">With -RootFilesystem: Dockerfile instructions to apply, e.g. 'CMD ["/bin/sh"]'.</para>
        /// </summary>
        [Parameter(ParameterSetName = RootFsSet)]
        public string[]? Change { get; set; }

        /// <summary>
        /// <para type="description">With -RootFilesystem: the commit message.</para>
        /// </summary>
        [Parameter(ParameterSetName = RootFsSet)]
        public string? Message { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!File.Exists(path))
            {
                WriteError(new DockerPSException("The file " + path + " does not exist. Check the path (an archive written by Export-DockerImage or docker save).", "ImportFileNotFound", ErrorCategory.ObjectNotFound, Path).ToErrorRecord());
                return;
            }

            ImageReference? reference = null;
            if (Tag != null && (!ImageReference.TryParse(Tag, out reference) || reference.Digest != null))
            {
                ThrowDockerError(new DockerPSException("'" + Tag + "' is not a valid repository:tag: use a lower-case name with an optional tag, such as team/app:1.0 or 127.0.0.1:5000/app:latest.", "InvalidImageReference", ErrorCategory.InvalidArgument, Tag));
            }

            var session = GetSession(out var endpoint);
            if (!ShouldProcess(path, RootFilesystem.IsPresent ? "Import as " + (reference?.ToString() ?? "an untagged image") : "Load images"))
            {
                return;
            }

            var writer = new JsonProgressWriter(this, (RootFilesystem.IsPresent ? "Importing " : "Loading ") + path);
            var lines = new List<string>();
            try
            {
                Call(session, "Image", Path, async ct =>
                {
                    using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                    var progress = new Progress<JSONMessage>(m =>
                    {
                        if (!string.IsNullOrEmpty(m.Stream))
                        {
                            lines.Add(m.Stream!.Trim());
                        }

                        if (!string.IsNullOrEmpty(m.Status))
                        {
                            lines.Add(m.Status!.Trim());
                        }

                        writer.Report(m);
                    });
                    if (RootFilesystem.IsPresent)
                    {
                        await session.Client.Images.CreateImageAsync(new ImagesCreateParameters
                        {
                            FromSrc = "-",
                            Repo = reference?.Repository,
                            Tag = reference is null ? null : reference.Tag ?? "latest",
                            Changes = Change?.ToList(),
                            Message = Message,
                        }, file, null, progress, ct);
                    }
                    else
                    {
                        await session.Client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = false }, file, progress, ct);
                    }

                    return true;
                });
            }
            catch (DockerPSException e) when (e.ErrorId == "ImageInvalidArgument")
            {
                WriteItemError(new DockerPSException("The engine could not read " + Path + " as an image archive (" + e.Message.TrimEnd('.') + "). Give a tar archive as Export-DockerImage or docker save write it, or -RootFilesystem for a file system tar.",
                    "ImportInvalidArchive", ErrorCategory.InvalidData, Path, e), Path);
                return;
            }
            catch (DockerPSException e)
            {
                WriteItemError(new DockerPSException(e.Message, e.ErrorId, e.Category, Path, e), Path);
                return;
            }
            finally
            {
                writer.Complete();
            }

            if (writer.Error != null)
            {
                WriteItemError(new DockerPSException("The engine could not read " + Path + " as an image archive (" + (writer.Error.Message ?? "no reason given").TrimEnd('.') + "). Give a tar archive as Export-DockerImage or docker save write it.", "ImportInvalidArchive", ErrorCategory.InvalidData, Path), Path);
                return;
            }

            // "Loaded image: repo:tag", "Loaded image ID: sha256:…", or the new image's id after an import.
            foreach (var line in lines)
            {
                var loaded = Regex.Match(line, "^Loaded image(?: ID)?: (.+)$");
                var imported = Regex.Match(line, "^(sha256:[0-9a-f]{64})$");
                var name = loaded.Success ? loaded.Groups[1].Value.Trim() : imported.Success ? reference?.ToString() ?? imported.Groups[1].Value : null;
                if (name != null)
                {
                    WriteObject(ImageLookup.Fetch(this, session, endpoint, name, Path));
                }
            }
        }
    }
}
