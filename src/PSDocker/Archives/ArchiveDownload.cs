using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;
using PSDocker.Formats;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Archives
{
    /// <summary>
    /// Writes an archive the engine streams (docker export, docker save) to a file: checked before any request,
    /// streamed to a temporary file beside the target and moved into place at the end, so a failure or Ctrl+C
    /// leaves no partial file and a file replaced with -Force survives a failed run. Progress shows bytes written.
    /// </summary>
    internal static class ArchiveDownload
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        /// <summary>The full path to write, or a DockerPSException saying why not (missing folder, a folder, an existing file without -Force).</summary>
        public static string CheckTarget(PSCmdlet cmdlet, string psPath, bool force, ICollection<string> writtenThisRun)
        {
            var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(psPath);
            var folder = Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                throw new DockerPSException(UserText.Format(ArchiveMessages.ExportFolderNotFound, folder ?? path), "ExportFolderNotFound", ErrorCategory.ObjectNotFound, psPath);
            }

            if (Directory.Exists(path))
            {
                throw new DockerPSException(UserText.Format(ArchiveMessages.ExportPathIsFolder, path), "ExportPathIsFolder", ErrorCategory.InvalidArgument, psPath);
            }

            // Several items into one file in one run would overwrite each other's archive.
            if (writtenThisRun.Contains(path) || (File.Exists(path) && !force))
            {
                throw new DockerPSException(UserText.Format(ArchiveMessages.ExportFileExists, path), "ExportFileExists", ErrorCategory.ResourceExists, psPath);
            }

            return path;
        }

        /// <summary>Streams what <paramref name="open"/> returns into <paramref name="path"/>; returns the file.</summary>
        public static FileInfo Save(DockerCmdlet cmdlet, DockerSession session, string subject, object userTarget, string path, string psPath,
            int activityId, string what, Func<CancellationToken, Task<Stream>> open)
        {
            var folder = Path.GetDirectoryName(path)!;
            var partial = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
            var progress = new ProgressRecord(activityId, UserText.Format(ArchiveMessages.ExportActivity, what), UserText.Format(ArchiveMessages.ExportStatus, DockerFormat.Size(0)));
            var progressShown = false;
            try
            {
                cmdlet.Call(session, subject, userTarget, async ct =>
                {
                    try
                    {
                        using var archive = await open(ct);
                        cmdlet.RegisterForStop(archive);
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
                                    progress.StatusDescription = UserText.Format(ArchiveMessages.ExportStatus, DockerFormat.Size(written));
                                    cmdlet.WriteProgress(progress);
                                    progressShown = true;
                                }
                            }
                        }
                        finally
                        {
                            cmdlet.UnregisterForStop(archive);
                        }
                    }
                    catch
                    {
                        // Also reached on Ctrl+C after the pipeline moved on (this then runs on the thread pool).
                        TryDelete(partial);
                        throw;
                    }

                    return true;
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
                throw new DockerPSException(UserText.Format(ArchiveMessages.ExportWriteFailed, path, e.Message), "ExportWriteFailed", ErrorCategory.WriteError, psPath, e);
            }
            catch
            {
                TryDelete(partial);
                throw;
            }
            finally
            {
                if (progressShown && !cmdlet.StopToken.IsCancellationRequested)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    cmdlet.WriteProgress(progress);
                }
            }

            return new FileInfo(path);
        }

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
