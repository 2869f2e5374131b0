using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ICSharpCode.SharpZipLib.Tar;

namespace PSDocker.Archives
{
    /// <summary>
    /// Writes a tar archive in the layout the tar stream of SharpZipLib gives (its header blocks, GNU long-name
    /// entries for names past 100 bytes), but with file contents written through in large writes: that stream
    /// copies contents 512 bytes at a time, which costs more than the copy itself.
    /// </summary>
    internal sealed class TarWriter
    {
        private static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private readonly Stream _output;
        private readonly byte[] _block = new byte[TarBuffer.BlockSize];

        public TarWriter(Stream output) => _output = output;

        /// <summary>The header of <paramref name="entry"/> (preceded by long-name entries when its name or link target needs them).</summary>
        public async Task WriteHeaderAsync(TarEntry entry, CancellationToken cancellationToken)
        {
            var header = entry.TarHeader;
            if (Encoding.UTF8.GetByteCount(header.Name) > TarHeader.NAMELEN)
            {
                await WriteLongNameAsync(TarHeader.LF_GNU_LONGNAME, header.Name, cancellationToken).ConfigureAwait(false);
            }

            if (!string.IsNullOrEmpty(header.LinkName) && Encoding.UTF8.GetByteCount(header.LinkName) > TarHeader.NAMELEN)
            {
                await WriteLongNameAsync(TarHeader.LF_GNU_LONGLINK, header.LinkName, cancellationToken).ConfigureAwait(false);
            }

            Array.Clear(_block, 0, _block.Length);
            entry.WriteEntryHeader(_block, Encoding.UTF8);
            await _output.WriteAsync(_block, 0, _block.Length, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Content bytes of the current entry, as they come.</summary>
        public Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _output.WriteAsync(buffer, offset, count, cancellationToken);

        /// <summary>Zeros up to the next block after an entry's <paramref name="size"/> bytes of content.</summary>
        public Task PadAsync(long size, CancellationToken cancellationToken)
        {
            var padding = (int)((TarBuffer.BlockSize - (size % TarBuffer.BlockSize)) % TarBuffer.BlockSize);
            if (padding == 0)
            {
                return Task.CompletedTask;
            }

            Array.Clear(_block, 0, _block.Length);
            return _output.WriteAsync(_block, 0, padding, cancellationToken);
        }

        /// <summary>The end-of-archive blocks: two blocks of zeros.</summary>
        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            Array.Clear(_block, 0, _block.Length);
            await _output.WriteAsync(_block, 0, _block.Length, cancellationToken).ConfigureAwait(false);
            await _output.WriteAsync(_block, 0, _block.Length, cancellationToken).ConfigureAwait(false);
        }

        private async Task WriteLongNameAsync(byte type, string value, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(value + "\0");
            var header = new TarHeader
            {
                Name = "././@LongLink",
                TypeFlag = type,
                Mode = Convert.ToInt32("644", 8),
                Size = bytes.Length,
                ModTime = UnixEpoch,
                UserId = 0,
                GroupId = 0,
                UserName = "root",
                GroupName = "root",
            };
            Array.Clear(_block, 0, _block.Length);
            header.WriteHeader(_block, Encoding.UTF8);
            await _output.WriteAsync(_block, 0, _block.Length, cancellationToken).ConfigureAwait(false);
            await _output.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
            await PadAsync(bytes.Length, cancellationToken).ConfigureAwait(false);
        }
    }
}
