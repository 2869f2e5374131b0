using System;
using System.IO;
using System.Management.Automation;
using PSDocker.Archives;
using PSDocker.Connection;
using PSDocker.Resources;

namespace PSDocker.Commands.Contexts
{
    /// <summary>
    /// <para type="synopsis">Exports a docker context to a file (docker context export).</para>
    /// <para type="description">Writes the context as the docker CLI exports it: a tar of its meta.json and TLS files, which docker context import and Import-DockerContext read. The file holds the TLS key, if any, and is written readable by you only.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "DockerContext", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportDockerContextCommand : ContextCmdlet
    {
        /// <summary>
        /// <para type="description">The context to export.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContextCompleter))]
        public string Name { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The file to write (docker context export writes NAME.dockercontext when none is given; here it is always named).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">Replace the file if it exists.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                if (string.Equals(Name, ContextStore.DefaultContextName, StringComparison.Ordinal))
                {
                    throw new DockerPSException(ContextMessages.DefaultNotExportable, "ContextNotChangeable", ErrorCategory.InvalidOperation, Name);
                }

                var stored = ReadStored(Name);
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
                var folder = System.IO.Path.GetDirectoryName(path);
                if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
                {
                    throw new DockerPSException(UserText.Format(ContextMessages.ExportFolderNotFound, folder ?? path), "ExportFolderNotFound", ErrorCategory.ObjectNotFound, Path);
                }

                if (File.Exists(path) && !Force.IsPresent)
                {
                    throw new DockerPSException(UserText.Format(ContextMessages.ExportFileExists, path), "ExportFileExists", ErrorCategory.ResourceExists, Path);
                }

                if (!ShouldProcess(path, "Export context " + Name))
                {
                    return;
                }

                var partial = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
                try
                {
                    using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
                    {
                        UnixFile.SetMode(new FileInfo(partial), Convert.ToInt32("600", 8));
                        ContextArchive.Write(file, stored);
                    }

                    if (File.Exists(path))
                    {
                        File.Delete(path);
                    }

                    File.Move(partial, path);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    if (File.Exists(partial))
                    {
                        File.Delete(partial);
                    }

                    throw new DockerPSException(UserText.Format(ContextMessages.ContextWriteFailed, Name, path, e.Message), "ContextWriteFailed", ErrorCategory.WriteError, Path, e);
                }

                WriteObject(new FileInfo(path));
            }
            catch (DockerPSException e)
            {
                WriteDockerError(e, e.Target ?? Name);
            }
        }
    }
}
