using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Archives;
using PSDocker.Connection;
using PSDocker.Formats;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Containers
{
    /// <summary>
    /// docker cp, shaped like Copy-Item -ToSession/-FromSession: files and folders into a container (-ToContainer)
    /// or out of one (-FromContainer), with docker cp's rules for where they land, modes and times kept. Archives
    /// stream through in both directions; nothing is held in memory whole.
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "DockerContainerItem", SupportsShouldProcess = true, DefaultParameterSetName = ToContainerSet)]
    [OutputType(typeof(DockerContainerItem), ParameterSetName = new[] { ToContainerSet })]
    [OutputType(typeof(FileInfo), typeof(DirectoryInfo), ParameterSetName = new[] { FromContainerSet })]
    public sealed class CopyDockerContainerItemCommand : DockerCmdlet
    {
        internal const string ToContainerSet = "ToContainer";
        internal const string FromContainerSet = "FromContainer";
        private const int ActivityId = 0x0C0F;

        /// <summary>
        /// <para type="description">What to copy. With -ToContainer: local files or folders (wildcards allowed). With -FromContainer: a path in the container. A folder path ending in /. copies the folder's contents rather than the folder.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Where to copy to: a path in the container (-ToContainer) or a local path (-FromContainer). An existing folder receives the item under its own name; otherwise the item is created with this name in an existing parent folder.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The container (name or id) to copy into. A container piped in is the one to copy into (its Id binds here).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ToContainerSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerNameCompleter))]
        public string ToContainer { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The container (name or id) to copy from. With a container piped in: -FromContainer { $_.Id }.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = FromContainerSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerNameCompleter))]
        public string FromContainer { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">Output what was copied: the local file or folder (-FromContainer), or the item in the container (-ToContainer).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private bool Into => ParameterSetName == ToContainerSet;

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            var named = Into ? ToContainer : FromContainer;
            ContainerInspectResponse container;
            try
            {
                // Resolved first, so that a 404 from the archive endpoints can only mean a missing path.
                container = Call(session, "Container", named, ct => session.Client.Containers.InspectContainerAsync(named, ct));
            }
            catch (DockerPSException e)
            {
                WriteItemError(e, named);
                return;
            }

            var target = new DockerTarget(endpoint, container.ID, ContainerMapper.TrimName(container.Name), named, ContainerMapper.TrimName(container.Name));
            foreach (var path in Path)
            {
                try
                {
                    if (Into)
                    {
                        CopyInto(session, target, path);
                    }
                    else
                    {
                        CopyOut(session, target, path);
                    }
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, e.Target ?? path);
                }
            }
        }

        private void CopyInto(DockerSession session, DockerTarget container, string path)
        {
            var contentsOnly = EndsWithDot(path);
            foreach (var source in ResolveLocal(path))
            {
                var sourceIsFolder = source is DirectoryInfo && UnixFile.GetLinkTarget(source) is null;
                var destination = ContainerPath(Destination);
                var stat = Stat(session, container, destination);
                if (stat != null && UnixFile.IsGoSymlink(stat.Mode))
                {
                    // docker cp writes through a link at the destination.
                    var link = stat.LinkTarget;
                    destination = link.StartsWith("/", StringComparison.Ordinal) ? link : Join(Parent(destination), link);
                    stat = Stat(session, container, destination);
                }

                string extractInto, rootName;
                if (stat != null && UnixFile.IsGoDirectory(stat.Mode))
                {
                    extractInto = destination;
                    rootName = contentsOnly && sourceIsFolder ? string.Empty : source.Name;
                }
                else if (stat != null)
                {
                    if (sourceIsFolder)
                    {
                        throw new DockerPSException(UserText.Format(ContainerMessages.CopyFolderOntoFile, source.FullName, container.Name + ":" + destination),
                            "CopyFolderOntoFile", ErrorCategory.InvalidOperation, path);
                    }

                    extractInto = Parent(destination);
                    rootName = BaseName(destination);
                }
                else
                {
                    var parent = Parent(destination);
                    if (!sourceIsFolder && EndsWithSeparator(Destination))
                    {
                        throw ContainerPathNotFound(container, destination.TrimEnd('/'));
                    }

                    var parentStat = Stat(session, container, parent);
                    if (parentStat is null || !UnixFile.IsGoDirectory(parentStat.Mode) && !UnixFile.IsGoSymlink(parentStat.Mode))
                    {
                        throw ContainerPathNotFound(container, parent);
                    }

                    extractInto = parent;
                    rootName = BaseName(destination);
                }

                var landed = rootName.Length == 0 ? extractInto : Join(extractInto, rootName);
                if (!ShouldProcess(container.Name + ":" + landed, UserText.Format(ContainerMessages.CopyAction, source.FullName)))
                {
                    continue;
                }

                var bytes = Upload(session, container, source, extractInto, rootName);
                WriteVerbose(UserText.Format(ContainerMessages.CopyDone, DockerFormat.Size(bytes), container.Name + ":" + landed));
                if (PassThru.IsPresent && Stat(session, container, landed) is ContainerPathStatResponse written)
                {
                    WriteObject(DockerEndpoint.Stamp(new DockerContainerItem
                    {
                        Container = container.Name,
                        Path = landed,
                        Name = written.Name,
                        IsDirectory = UnixFile.IsGoDirectory(written.Mode),
                        Size = written.Size,
                        Mode = UnixFile.FormatGoMode(written.Mode),
                        LastWriteTime = ContainerMapper.ToLocal(written.Mtime),
                        LinkTarget = string.IsNullOrEmpty(written.LinkTarget) ? null : written.LinkTarget,
                    }, container.Endpoint));
                }
            }
        }

        /// <summary>Streams one local item as a tar archive into <paramref name="extractInto"/>; returns the bytes of file content sent.</summary>
        private long Upload(DockerSession session, DockerTarget container, FileSystemInfo source, string extractInto, string rootName)
        {
            var progress = new TransferProgress(ActivityId, UserText.Format(ContainerMessages.CopyActivity, source.FullName, container.Name + ":" + extractInto), TransferProgress.CopyStatus);
            try
            {
                return Call(session, "Container", container.UserTarget, ct => progress.Watch(this, UploadAsync(session, container, source, extractInto, rootName, progress, ct), ct));
            }
            finally
            {
                progress.Complete(this);
            }
        }

        private static async Task<long> UploadAsync(DockerSession session, DockerTarget container, FileSystemInfo source, string extractInto, string rootName, TransferProgress progress, CancellationToken ct)
        {
            try
            {
                // Written straight into the request as the engine extracts it: a folder in the container that does
                // not exist answers 404.
                return await StreamedUpload.DirectAsync(
                    (stream, token) => ContainerArchive.WriteAsync(new CountingStream(stream, progress.Add), source, rootName, token),
                    (stream, token) => session.TransferClient.Containers.ExtractArchiveToContainerAsync(container.Reference,
                        new CopyToContainerParameters
                        {
                            Path = extractInto,
                            // Named backwards in the library: true sends noOverwriteDirNonDir=true, as docker cp does.
                            AllowOverwriteDirWithFile = true,
                        },
                        stream, token),
                    ct);
            }
            catch (StreamedUpload.ProducerFailedException e)
            {
                // A local file that could not be read is the cause; the upload only failed because of it.
                throw new DockerPSException(UserText.Format(ContainerMessages.CopyReadFailed, source.FullName, e.InnerException!.Message), "CopyReadFailed", ErrorCategory.ReadError, source.FullName, e.InnerException);
            }
            catch (Exception e) when (!(e is DockerPSException) && !(e is OperationCanceledException))
            {
                var mapped = Map(session, e, "Container", container.UserTarget);
                throw mapped.Category == ErrorCategory.ObjectNotFound ? ContainerPathNotFound(container, extractInto, e) : mapped;
            }
        }

        private void CopyOut(DockerSession session, DockerTarget container, string path)
        {
            var source = ContainerPath(path);
            var contentsOnly = EndsWithDot(path) || source == "/";
            var stat = Stat(session, container, source) ?? throw ContainerPathNotFound(container, source);
            var sourceIsFolder = UnixFile.IsGoDirectory(stat.Mode);
            var destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);

            string target;
            if (Directory.Exists(destination))
            {
                target = contentsOnly && sourceIsFolder ? destination : System.IO.Path.Combine(destination, stat.Name);
            }
            else if (File.Exists(destination))
            {
                if (sourceIsFolder)
                {
                    throw new DockerPSException(UserText.Format(ContainerMessages.CopyFolderOntoFile, container.Name + ":" + source, destination),
                        "CopyFolderOntoFile", ErrorCategory.InvalidOperation, Destination);
                }

                target = destination;
            }
            else
            {
                var parent = System.IO.Path.GetDirectoryName(destination.TrimEnd('/', '\\'));
                if (!sourceIsFolder && EndsWithSeparator(Destination))
                {
                    throw LocalFolderNotFound(destination.TrimEnd('/', '\\'));
                }

                if (string.IsNullOrEmpty(parent) || !Directory.Exists(parent))
                {
                    throw LocalFolderNotFound(parent ?? destination);
                }

                target = destination.TrimEnd('/', '\\');
            }

            if (!ShouldProcess(target, UserText.Format(ContainerMessages.CopyAction, container.Name + ":" + source)))
            {
                return;
            }

            var warnings = new ConcurrentQueue<string>();
            var progress = new TransferProgress(ActivityId, UserText.Format(ContainerMessages.CopyActivity, container.Name + ":" + source, target), TransferProgress.CopyStatus);
            long bytes;
            try
            {
                bytes = Call(session, "Container", container.UserTarget, ct => progress.Watch(this, DownloadAsync(ct), ct));

                async Task<long> DownloadAsync(CancellationToken ct)
                {
                    ContainerArchiveResponse archive;
                    try
                    {
                        archive = await session.Client.Containers.GetArchiveFromContainerAsync(container.Reference, new ContainerPathStatParameters { Path = source }, false, ct);
                    }
                    catch (Docker.DotNet.DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
                    {
                        throw ContainerPathNotFound(container, source, e);
                    }

                    using var stream = archive.Stream!;
                    RegisterForStop(stream);
                    try
                    {
                        return await ContainerArchive.ExtractAsync(new CountingStream(stream, progress.Add), target, warnings.Enqueue, ct).ConfigureAwait(false);
                    }
                    catch (LocalFileException e)
                    {
                        throw new DockerPSException(UserText.Format(ContainerMessages.CopyWriteFailed, e.LocalPath, e.Message), "CopyWriteFailed", ErrorCategory.WriteError, e.LocalPath, e.InnerException);
                    }
                    finally
                    {
                        UnregisterForStop(stream);
                    }
                }
            }
            finally
            {
                progress.Complete(this);
                while (warnings.TryDequeue(out var warning))
                {
                    WriteWarning(warning);
                }
            }

            WriteVerbose(UserText.Format(ContainerMessages.CopyDone, DockerFormat.Size(bytes), target));
            if (PassThru.IsPresent)
            {
                WriteObject(Directory.Exists(target) ? new DirectoryInfo(target) : (FileSystemInfo)new FileInfo(target));
            }
        }

        /// <summary>The local items a -Path names: the literal path when it exists, else its wildcard matches.</summary>
        private IEnumerable<FileSystemInfo> ResolveLocal(string path)
        {
            var found = new List<FileSystemInfo>();
            string literal;
            try
            {
                literal = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.Name != "FileSystem")
                {
                    throw new DockerPSException(UserText.Format(ContainerMessages.CopySourceNotFileSystem, path), "CopySourceNotFileSystem", ErrorCategory.InvalidArgument, path);
                }
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is PSArgumentException)
            {
                throw LocalPathNotFound(path, e);
            }

            if (Directory.Exists(literal))
            {
                found.Add(new DirectoryInfo(literal));
            }
            else if (File.Exists(literal))
            {
                found.Add(new FileInfo(literal));
            }
            else if (WildcardPattern.ContainsWildcardCharacters(path))
            {
                try
                {
                    foreach (var match in SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _))
                    {
                        found.Add(Directory.Exists(match) ? new DirectoryInfo(match) : (FileSystemInfo)new FileInfo(match));
                    }
                }
                catch (ItemNotFoundException e)
                {
                    throw LocalPathNotFound(path, e);
                }
            }

            if (found.Count == 0)
            {
                throw LocalPathNotFound(path, null);
            }

            return found;
        }

        private ContainerPathStatResponse? Stat(DockerSession session, DockerTarget container, string path)
        {
            try
            {
                return Call(session, "Container", container.UserTarget, ct =>
                    session.Client.Containers.GetArchiveFromContainerAsync(container.Reference, new ContainerPathStatParameters { Path = path }, true, ct)).Stat;
            }
            catch (DockerPSException e) when (e.Category == ErrorCategory.ObjectNotFound)
            {
                return null;
            }
        }

        private static DockerPSException LocalPathNotFound(string path, Exception? inner) =>
            new DockerPSException(UserText.Format(ContainerMessages.CopySourceNotFound, path), "CopySourceNotFound", ErrorCategory.ObjectNotFound, path, inner);

        private static DockerPSException LocalFolderNotFound(string folder) =>
            new DockerPSException(UserText.Format(ContainerMessages.CopyDestinationFolderNotFound, folder), "CopyDestinationFolderNotFound", ErrorCategory.ObjectNotFound, folder);

        private static DockerPSException ContainerPathNotFound(DockerTarget container, string path, Exception? inner = null) =>
            new DockerPSException(UserText.Format(ContainerMessages.ContainerPathNotFound, path, container.Name), "ContainerPathNotFound", ErrorCategory.ObjectNotFound, path, inner);

        /// <summary>A path in the container: relative paths are taken from the root, as docker cp does.</summary>
        private static string ContainerPath(string path)
        {
            var unix = path.Replace('\\', '/');
            return unix.StartsWith("/", StringComparison.Ordinal) ? unix : "/" + unix;
        }

        private static bool EndsWithDot(string path) =>
            path == "." || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("\\.", StringComparison.Ordinal);

        private static bool EndsWithSeparator(string path) =>
            path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal);

        private static string Trimmed(string path)
        {
            var trimmed = path.TrimEnd('/');
            if (trimmed.EndsWith("/.", StringComparison.Ordinal))
            {
                trimmed = trimmed.Substring(0, trimmed.Length - 2);
            }

            return trimmed.Length == 0 ? "/" : trimmed;
        }

        private static string Parent(string path)
        {
            var trimmed = Trimmed(path);
            var slash = trimmed.LastIndexOf('/');
            return slash <= 0 ? "/" : trimmed.Substring(0, slash);
        }

        private static string BaseName(string path)
        {
            var trimmed = Trimmed(path);
            return trimmed.Substring(trimmed.LastIndexOf('/') + 1);
        }

        private static string Join(string folder, string name) => folder.EndsWith("/", StringComparison.Ordinal) ? folder + name : folder + "/" + name;
    }
}
