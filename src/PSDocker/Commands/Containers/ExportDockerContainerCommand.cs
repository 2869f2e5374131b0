using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using PSDocker.Engine;
using PSDocker.Formatting;
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
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
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

        internal override void ProcessContainer(DockerSession session, ContainerTarget target)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var folder = System.IO.Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                throw new DockerPSException(Text.Format(Messages.ExportFolderNotFound, folder ?? path), "ExportFolderNotFound", ErrorCategory.ObjectNotFound, Path);
            }

            if (Directory.Exists(path))
            {
                throw new DockerPSException(Text.Format(Messages.ExportPathIsFolder, path), "ExportPathIsFolder", ErrorCategory.InvalidArgument, Path);
            }

            // Several containers into one file would overwrite each other's archive.
            if (_written.Contains(path) || (File.Exists(path) && !Force.IsPresent))
            {
                throw new DockerPSException(Text.Format(Messages.ExportFileExists, path), "ExportFileExists", ErrorCategory.ResourceExists, Path);
            }

            if (!ShouldProcess(target.Display, Text.Format(Messages.ExportAction, path)))
            {
                return;
            }

            var partial = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
            var progress = new ProgressRecord(ActivityId, Text.Format(Messages.ExportActivity, target.Display), Text.Format(Messages.ExportStatus, DockerFormat.Size(0)));
            var progressShown = false;
            try
            {
                Call(session, "Container", target.UserTarget, async ct =>
                {
                    try
                    {
                        using var archive = await session.Client.Containers.ExportContainerAsync(target.Reference, ct);
                        RegisterForStop(archive);
                        try
                        {
                            using var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                            var buffer = new byte[81920];
                            long written = 0;
                            var clock = Stopwatch.StartNew();
                            int read;
                            while ((read = await archive.ReadAsync(buffer, 0, buffer.Length, ct)) > 0)
                            {
                                await file.WriteAsync(buffer, 0, read, ct);
                                written += read;
                                if (clock.Elapsed >= ProgressInterval && !ct.IsCancellationRequested)
                                {
                                    clock.Restart();
                                    progress.StatusDescription = Text.Format(Messages.ExportStatus, DockerFormat.Size(written));
                                    WriteProgress(progress);
                                    progressShown = true;
                                }
                            }
                        }
                        finally
                        {
                            UnregisterForStop(archive);
                        }
                    }
                    catch
                    {
                        // Also reached on Ctrl+C after the pipeline moved on (this then runs on the thread pool).
                        TryDelete(partial);
                        throw;
                    }
                });

                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                File.Move(partial, path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                TryDelete(partial);
                throw new DockerPSException(Text.Format(Messages.ExportWriteFailed, path, e.Message), "ExportWriteFailed", ErrorCategory.WriteError, Path, e);
            }
            catch
            {
                TryDelete(partial);
                throw;
            }
            finally
            {
                if (progressShown && !StopToken.IsCancellationRequested)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }

            _written.Add(path);
            WriteObject(new FileInfo(path));
        }

        private static int ActivityId => 0x0E49; // stable: one export at a time

        private static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Still open on the thread pool after Ctrl+C: that path deletes it once the copy has unwound.
            }
        }
    }
}
