using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ICSharpCode.SharpZipLib.Tar;

namespace PSDocker.Archives
{
    /// <summary>
    /// Streams local files into a tar archive for the engine and extracts the engine's archives to disk, one
    /// entry at a time: memory use does not grow with the size of what is copied. Modes, modification times and
    /// symbolic links are kept; owners are not (the engine applies its own, as docker cp does).
    /// </summary>
    internal static class ContainerArchive
    {
        private const int CopyBufferSize = 81920;

        /// <summary>What the writes of an archive are gathered into.</summary>
        private const int GatherSize = 64 * 1024;

        /// <summary>The largest read of a file's contents.</summary>
        private const int LargeBufferSize = 1024 * 1024;
        private static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>
        /// Writes <paramref name="source"/> as <paramref name="rootName"/> (a folder's contents at the top level
        /// when the name is empty). Returns the bytes of file content written. With <paramref name="ignore"/>
        /// (a build context), excluded paths are left out exactly as the docker CLI's archiver leaves them out;
        /// <paramref name="extraFiles"/> are appended under their given names.
        /// </summary>
        public static async Task<long> WriteAsync(Stream output, FileSystemInfo source, string rootName, CancellationToken cancellationToken,
            DockerIgnore? ignore = null, IReadOnlyList<(FileInfo File, string Name)>? extraFiles = null)
        {
            long total = 0;
            // The writes of headers and small contents are gathered into 64 KiB ones; large contents pass through.
            var buffered = new BufferedStream(output, GatherSize);
            var tar = new TarWriter(buffered);
            total += await WriteItemAsync(tar, source, rootName, ignore, null, cancellationToken).ConfigureAwait(false);
            foreach (var (file, name) in extraFiles ?? Array.Empty<(FileInfo, string)>())
            {
                total += await WriteItemAsync(tar, file, name, null, null, cancellationToken).ConfigureAwait(false);
            }

            await tar.FinishAsync(cancellationToken).ConfigureAwait(false);
            await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
            return total;
        }

        private static async Task<long> WriteItemAsync(TarWriter tar, FileSystemInfo item, string name, DockerIgnore? ignore, DockerIgnore.MatchInfo? parent, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var link = UnixFile.GetLinkTarget(item);
            var isDirectory = link is null && item is DirectoryInfo;
            DockerIgnore.MatchInfo? matchInfo = null;
            var writeEntry = true;
            if (ignore != null && name.Length > 0)
            {
                if (ignore.Matches(name, parent, out matchInfo))
                {
                    // As the CLI's archiver: an excluded folder is still walked (without its own entry) only when an
                    // exception pattern may name something inside it.
                    if (!isDirectory || !ignore.HasExclusions || !ignore.MayIncludeBelow(name))
                    {
                        return 0;
                    }

                    writeEntry = false;
                }
            }

            if (link != null)
            {
                var entry = NewEntry(name, TarHeader.LF_SYMLINK, Convert.ToInt32("777", 8), item.LastWriteTimeUtc);
                entry.TarHeader.LinkName = link;
                await tar.WriteHeaderAsync(entry, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            if (item is DirectoryInfo directory)
            {
                if (name.Length > 0 && writeEntry)
                {
                    var entry = NewEntry(name + "/", TarHeader.LF_DIR, UnixFile.GetMode(directory), directory.LastWriteTimeUtc);
                    await tar.WriteHeaderAsync(entry, cancellationToken).ConfigureAwait(false);
                }

                long total = 0;
                foreach (var child in directory.EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal))
                {
                    total += await WriteItemAsync(tar, child, name.Length == 0 ? child.Name : name + "/" + child.Name, ignore, matchInfo, cancellationToken).ConfigureAwait(false);
                }

                return total;
            }

            var file = (FileInfo)item;
            using var content = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
            var fileEntry = NewEntry(name, TarHeader.LF_NORMAL, UnixFile.GetMode(file), file.LastWriteTimeUtc);
            fileEntry.Size = content.Length;
            await tar.WriteHeaderAsync(fileEntry, cancellationToken).ConfigureAwait(false);
            await CopyContentAsync(file, content, tar, cancellationToken).ConfigureAwait(false);
            await tar.PadAsync(content.Length, cancellationToken).ConfigureAwait(false);
            return content.Length;
        }

        /// <summary>Copies exactly the length the header gave; a file that shrank meanwhile is an error, one that grew is cut there.</summary>
        private static async Task CopyContentAsync(FileInfo file, FileStream content, TarWriter into, CancellationToken cancellationToken)
        {
            var buffer = new byte[(int)Math.Min(LargeBufferSize, Math.Max(1, content.Length))];
            long left = content.Length;
            while (left > 0)
            {
                var read = await content.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, left), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("The file " + file.FullName + " became shorter while it was being copied.");
                }

                await into.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                left -= read;
            }
        }

        private static TarEntry NewEntry(string name, byte type, int mode, DateTime modifiedUtc)
        {
            var entry = TarEntry.CreateTarEntry(name);
            entry.TarHeader.TypeFlag = type;
            entry.TarHeader.Mode = mode & 0xFFF;
            entry.TarHeader.ModTime = modifiedUtc < UnixEpoch ? UnixEpoch : modifiedUtc;
            entry.SetIds(0, 0);
            entry.SetNames("root", "root");
            entry.Size = 0;
            return entry;
        }

        /// <summary>
        /// Extracts an archive from the engine whose entries all sit under one top-level name (the copied item, or
        /// "." for a folder's contents): that name becomes <paramref name="target"/>. Returns the bytes of file
        /// content written. Entries that would land outside <paramref name="target"/> are refused.
        /// </summary>
        public static async Task<long> ExtractAsync(Stream archive, string target, Action<string> warn, CancellationToken cancellationToken)
        {
            var root = Path.GetFullPath(target);
            var rootPrefix = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
            // Folder times and modes are applied last: writing into a folder changes its time, and a read-only
            // folder could not take its contents.
            var folders = new List<(DirectoryInfo Folder, int Mode, DateTime Modified)>();
            long total = 0;
            var buffer = new byte[CopyBufferSize];
            // Failures of the local disk are told apart from failures of the engine's stream (the tar reads).
            var reading = false;
            var current = root;
            try
            {
                using var tar = new TarInputStream(archive, Encoding.UTF8) { IsStreamOwner = false };
                while (true)
                {
                    reading = true;
                    var entry = await tar.GetNextEntryAsync(cancellationToken).ConfigureAwait(false);
                    reading = false;
                    if (entry is null)
                    {
                        break;
                    }

                    var local = Map(entry.Name, root, rootPrefix);
                    if (local is null)
                    {
                        warn("Skipped '" + entry.Name + "': it would land outside " + root + ".");
                        continue;
                    }

                    current = local;
                    var header = entry.TarHeader;
                    var modified = DateTime.SpecifyKind(header.ModTime, DateTimeKind.Utc);
                    switch (header.TypeFlag)
                    {
                        case TarHeader.LF_DIR:
                            var folder = Directory.CreateDirectory(local);
                            folders.Add((folder, header.Mode, modified));
                            break;

                        case TarHeader.LF_NORMAL:
                        case TarHeader.LF_OLDNORM:
                            RemoveLink(local);
                            using (var file = new FileStream(local, FileMode.Create, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
                            {
                                long left = entry.Size;
                                while (left > 0)
                                {
                                    reading = true;
                                    var read = await tar.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, left), cancellationToken).ConfigureAwait(false);
                                    reading = false;
                                    if (read <= 0)
                                    {
                                        reading = true;
                                        throw new EndOfStreamException("The archive from the engine ended inside " + entry.Name + ".");
                                    }

                                    await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                                    left -= read;
                                }

                                total += entry.Size;
                            }

                            Finish(new FileInfo(local), header.Mode, modified);
                            break;

                        case TarHeader.LF_SYMLINK:
                            RemoveLink(local);
                            if (File.Exists(local))
                            {
                                File.Delete(local);
                            }

                            if (!UnixFile.TryCreateSymbolicLink(local, header.LinkName, toDirectory: false))
                            {
                                warn("Skipped the symbolic link '" + entry.Name + "' -> '" + header.LinkName + "': this PowerShell cannot create links.");
                            }

                            break;

                        case TarHeader.LF_LINK:
                            // A hard link to an entry extracted before: a copy of it.
                            var linked = Map(header.LinkName, root, rootPrefix);
                            if (linked is null || !File.Exists(linked))
                            {
                                warn("Skipped the hard link '" + entry.Name + "': its target '" + header.LinkName + "' is not in the archive.");
                                break;
                            }

                            RemoveLink(local);
                            File.Copy(linked, local, overwrite: true);
                            Finish(new FileInfo(local), header.Mode, modified);
                            break;

                        default:
                            warn("Skipped '" + entry.Name + "': devices, pipes and sockets are not copied.");
                            break;
                    }
                }

                reading = false;
                foreach (var (folder, mode, modified) in folders.OrderByDescending(f => f.Folder.FullName.Length))
                {
                    current = folder.FullName;
                    Finish(folder, mode, modified);
                }
            }
            catch (Exception e) when (!reading && (e is IOException || e is UnauthorizedAccessException))
            {
                throw new LocalFileException(current, e);
            }

            return total;
        }

        /// <summary>The local path of an archive entry: its first path element replaced by <paramref name="root"/>; null when it escapes.</summary>
        internal static string? Map(string entryName, string root, string rootPrefix)
        {
            var parts = entryName.Replace('\\', '/').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries).ToList();
            if (parts.Count == 0)
            {
                return null;
            }

            parts.RemoveAt(0);
            if (parts.Any(p => p == ".." || p.IndexOf(':') >= 0 && Path.DirectorySeparatorChar == '\\'))
            {
                return null;
            }

            parts.RemoveAll(p => p == ".");
            var local = parts.Count == 0 ? root : Path.GetFullPath(Path.Combine(root, Path.Combine(parts.ToArray())));
            return local == root || local.StartsWith(rootPrefix, StringComparison.Ordinal) ? local : null;
        }

        private static void Finish(FileSystemInfo item, int mode, DateTime modifiedUtc)
        {
            UnixFile.SetMode(item, mode);
            item.LastWriteTimeUtc = modifiedUtc;
        }

        /// <summary>A symbolic link where a file goes is replaced, not written through.</summary>
        private static void RemoveLink(string path)
        {
            var existing = new FileInfo(path);
            if (existing.Exists && UnixFile.GetLinkTarget(existing) != null)
            {
                existing.Delete();
            }
        }
    }

    /// <summary>A failure of the local disk while extracting (as opposed to the engine's stream): names the local path.</summary>
    internal sealed class LocalFileException : IOException
    {
        public LocalFileException(string path, Exception inner)
            : base(inner.Message, inner)
        {
            LocalPath = path;
        }

        public string LocalPath { get; }
    }
}
