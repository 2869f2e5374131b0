using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using ICSharpCode.SharpZipLib.Tar;
using PSDocker.Connection;

namespace PSDocker.Archives
{
    /// <summary>
    /// The docker CLI's context export: a tar of meta.json, then tls/ and tls/&lt;endpoint&gt;/&lt;file&gt;; imported
    /// from that tar (also without its end-of-archive blocks, as the CLI writes it) or from a zip of the same.
    /// </summary>
    internal static class ContextArchive
    {
        /// <summary>The most an import may hold, as for docker context import.</summary>
        public const long MaxSize = 10L << 20;

        /// <summary>What an archive held: meta.json, and the TLS files by endpoint and name.</summary>
        internal sealed class Contents
        {
            public JsonObject? Meta { get; set; }

            public Dictionary<string, Dictionary<string, byte[]>> Tls { get; } = new Dictionary<string, Dictionary<string, byte[]>>(StringComparer.Ordinal);
        }

        /// <summary>Writes the export of <paramref name="context"/> into <paramref name="output"/>.</summary>
        public static void Write(Stream output, StoredContext context)
        {
            var tar = new TarWriter(output);
            var meta = Encoding.UTF8.GetBytes(context.Meta.ToJsonString());
            Entry(tar, "meta.json", TarHeader.LF_NORMAL, "644", meta);
            Entry(tar, "tls", TarHeader.LF_DIR, "700", null);
            if (context.Tls.Count > 0)
            {
                Entry(tar, "tls/docker", TarHeader.LF_DIR, "700", null);
                foreach (var file in context.Tls)
                {
                    Entry(tar, "tls/docker/" + file.Key, TarHeader.LF_NORMAL, "600", file.Value);
                }
            }

            tar.FinishAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        /// <summary>Reads an export (tar or zip); what is wrong with it is thrown as <see cref="InvalidDataException"/>.</summary>
        public static Contents Read(byte[] data)
        {
            var contents = new Contents();
            if (data.Length >= 4 && data[0] == (byte)'P' && data[1] == (byte)'K' && data[2] == 3 && data[3] == 4)
            {
                ReadZip(data, contents);
            }
            else
            {
                ReadTar(data, contents);
            }

            if (contents.Meta is null)
            {
                throw new InvalidDataException("it holds no meta.json");
            }

            return contents;
        }

        private static void Entry(TarWriter tar, string name, byte type, string mode, byte[]? data)
        {
            var entry = TarEntry.CreateTarEntry(name);
            entry.TarHeader.TypeFlag = type;
            entry.TarHeader.Mode = Convert.ToInt32(mode, 8);
            entry.TarHeader.ModTime = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            entry.SetIds(0, 0);
            entry.SetNames(string.Empty, string.Empty);
            entry.Size = data?.Length ?? 0;
            tar.WriteHeaderAsync(entry, CancellationToken.None).GetAwaiter().GetResult();
            if (data != null)
            {
                tar.WriteAsync(data, 0, data.Length, CancellationToken.None).GetAwaiter().GetResult();
                tar.PadAsync(data.Length, CancellationToken.None).GetAwaiter().GetResult();
            }
        }

        private static void ReadTar(byte[] data, Contents contents)
        {
            var offset = 0;
            string? longName = null;
            while (offset + TarBuffer.BlockSize <= data.Length)
            {
                if (IsZeroBlock(data, offset))
                {
                    // The end-of-archive blocks (the CLI's own export has none: the data just ends).
                    return;
                }

                var header = new TarHeader();
                try
                {
                    var block = new byte[TarBuffer.BlockSize];
                    Buffer.BlockCopy(data, offset, block, 0, block.Length);
                    header.ParseBuffer(block, Encoding.UTF8);
                }
                catch (Exception e) when (e is InvalidHeaderException || e is ArgumentException || e is FormatException)
                {
                    throw new InvalidDataException("it is neither a tar nor a zip archive (" + e.Message + ")", e);
                }

                offset += TarBuffer.BlockSize;
                var size = header.Size;
                if (size < 0 || offset + size > data.Length)
                {
                    throw new InvalidDataException("the entry '" + header.Name + "' is cut short");
                }

                var body = new byte[size];
                Buffer.BlockCopy(data, offset, body, 0, (int)size);
                offset += (int)((size + TarBuffer.BlockSize - 1) / TarBuffer.BlockSize * TarBuffer.BlockSize);
                if (header.TypeFlag == TarHeader.LF_GNU_LONGNAME)
                {
                    longName = Encoding.UTF8.GetString(body).TrimEnd('\0');
                    continue;
                }

                var name = longName ?? header.Name;
                longName = null;
                if (header.TypeFlag != TarHeader.LF_NORMAL && header.TypeFlag != TarHeader.LF_OLDNORM)
                {
                    // Only regular files count, as for the CLI (the tls/ folders are skipped).
                    continue;
                }

                Add(contents, name, body);
            }
        }

        private static void ReadZip(byte[] data, Contents contents)
        {
            try
            {
                using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
                foreach (var entry in zip.Entries)
                {
                    if (entry.FullName.EndsWith("/", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (entry.Length > MaxSize)
                    {
                        throw new InvalidDataException("the entry '" + entry.FullName + "' is larger than 10 MiB");
                    }

                    using var stream = entry.Open();
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    Add(contents, entry.FullName, copy.ToArray());
                }
            }
            catch (Exception e) when (!(e is InvalidDataException) && (e is IOException || e is NotSupportedException))
            {
                throw new InvalidDataException("the zip archive cannot be read (" + e.Message + ")", e);
            }
        }

        /// <summary>meta.json or tls/&lt;endpoint&gt;/&lt;file&gt;, as the CLI accepts them; anything else is refused.</summary>
        private static void Add(Contents contents, string name, byte[] body)
        {
            if (name.IndexOf('\\') >= 0 || name.StartsWith("/", StringComparison.Ordinal) || name.Split('/').Length != (name == "meta.json" ? 1 : 3)
                || Array.Exists(name.Split('/'), part => part.Length == 0 || part == "." || part == ".."))
            {
                throw new InvalidDataException("it holds '" + name + "', which is not meta.json or tls/<endpoint>/<file>");
            }

            if (name == "meta.json")
            {
                try
                {
                    contents.Meta = JsonNode.Parse(body) as JsonObject ?? throw new InvalidDataException("its meta.json is not a JSON object");
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException("its meta.json is not JSON (" + e.Message + ")", e);
                }

                return;
            }

            var parts = name.Split('/');
            if (parts[0] != "tls")
            {
                throw new InvalidDataException("it holds '" + name + "', which is not meta.json or tls/<endpoint>/<file>");
            }

            if (!contents.Tls.TryGetValue(parts[1], out var files))
            {
                files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                contents.Tls[parts[1]] = files;
            }

            files[parts[2]] = body;
        }

        private static bool IsZeroBlock(byte[] data, int offset)
        {
            for (var i = offset; i < offset + TarBuffer.BlockSize; i++)
            {
                if (data[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
