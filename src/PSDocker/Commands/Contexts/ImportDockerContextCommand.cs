using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using PSDocker.Archives;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Resources;

namespace PSDocker.Commands.Contexts
{
    /// <summary>
    /// <para type="synopsis">Imports a docker context from a file (docker context import).</para>
    /// <para type="description">Reads a file docker context export or Export-DockerContext wrote (a tar, or a zip of the same files) and stores it under the name given. The file may hold only meta.json and tls/&lt;endpoint&gt;/&lt;file&gt; entries and be at most 10 MiB, as for docker context import.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "DockerContext", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerContext))]
    public sealed class ImportDockerContextCommand : ContextCmdlet
    {
        /// <summary>
        /// <para type="description">The name the imported context gets (the name in the file is not used, as with docker context import).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The file to import.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                ContextStore.ValidateName(Name);
                if (ContextStore.Exists(Name))
                {
                    throw new DockerPSException(UserText.Format(ContextMessages.ContextExists, Name), "ContextExists", ErrorCategory.ResourceExists, Name);
                }

                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
                if (!File.Exists(path))
                {
                    throw new DockerPSException(UserText.Format(ContextMessages.ImportNotFound, Path), "ContextImportFileNotFound", ErrorCategory.ObjectNotFound, Path);
                }

                if (new FileInfo(path).Length > ContextArchive.MaxSize)
                {
                    throw new DockerPSException(UserText.Format(ContextMessages.ImportTooLarge, path), "ContextImportTooLarge", ErrorCategory.InvalidData, Path);
                }

                ContextArchive.Contents contents;
                try
                {
                    contents = ContextArchive.Read(File.ReadAllBytes(path));
                }
                catch (InvalidDataException e)
                {
                    throw new DockerPSException(UserText.Format(ContextMessages.ImportInvalid, path, e.Message), "ContextImportInvalid", ErrorCategory.InvalidData, Path, e);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new DockerPSException(UserText.Format(ContextMessages.ImportInvalid, path, e.Message), "ContextImportInvalid", ErrorCategory.ReadError, Path, e);
                }

                if (!ShouldProcess(Name, "Import context from " + path))
                {
                    return;
                }

                foreach (var endpoint in contents.Tls.Keys)
                {
                    if (endpoint != "docker")
                    {
                        WriteWarning("The TLS files of the endpoint '" + endpoint + "' are not imported: only the docker endpoint's are used.");
                    }
                }

                var tls = contents.Tls.TryGetValue("docker", out var files) ? files : new Dictionary<string, byte[]>();
                ContextStore.Write(Name, contents.Meta!, tls);
                WriteObject(Find(Name));
            }
            catch (DockerPSException e)
            {
                WriteDockerError(e, e.Target ?? Name);
            }
        }
    }
}
