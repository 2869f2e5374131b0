using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using PSDocker.Terminal;

namespace PSDocker.Api
{
    /// <summary>The client library's hijacked connection as the terminal loop reads and writes it.</summary>
    internal sealed class AttachedStream : IAttachedStream
    {
        private readonly MultiplexedStream _stream;

        public AttachedStream(MultiplexedStream stream) => _stream = stream;

        public async Task<AttachedRead> ReadAsync(byte[] buffer, CancellationToken cancellationToken)
        {
            var read = await _stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            return new AttachedRead(read.Count, read.Target == MultiplexedStream.TargetStream.StandardError, read.EOF);
        }

        public Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _stream.WriteAsync(buffer, offset, count, cancellationToken);

        public void CloseWrite() => _stream.CloseWrite();
    }
}
