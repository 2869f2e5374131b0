using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using PSDocker.Archives;
using PSDocker.Connection;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Containers
{
    /// <summary>
    /// docker export: writes a container's file system as a tar archive to a file, streamed to disk. The archive
    /// goes to a temporary file beside the target first, so a failure or Ctrl+C leaves no partial file and an
    /// existing file replaced with -Force survives a failed export.
    /// </summary>
    [Cmdlet(VerbsData.Export, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportDockerContainerCommand : ContainerCmdlet
    {
        private readonly HashSet<string> _written = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// <para type="description">The tar file to write (docker export -o). A relative path is relative to the current location.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">Replace the file if it exists.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            var path = ArchiveDownload.CheckTarget(this, Path, Force.IsPresent, _written);
            if (!ShouldProcess(target.Display, UserText.Format(ArchiveMessages.ExportAction, path)))
            {
                return;
            }

            var file = ArchiveDownload.Save(this, session, "Container", target.UserTarget, path, Path, ActivityId, target.Display,
                ct => session.Client.Containers.ExportContainerAsync(target.Reference, ct));
            _written.Add(path);
            WriteFile(file);
        }

        private static int ActivityId => 0x0E49; // stable: one export at a time
    }
}
