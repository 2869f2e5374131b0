using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PSDocker.Archives
{
    /// <summary>
    /// Sends an archive that is written while it is sent: the request's body copy runs the producer straight
    /// into the connection. Memory stays at a few buffers whatever the archive's size.
    /// </summary>
    internal static class StreamedUpload
    {
        /// <summary>The producer failed first (a local file could not be read): the cause to report, not the upload.</summary>
        internal sealed class ProducerFailedException : Exception
        {
            public ProducerFailedException(Exception inner)
                : base(inner.Message, inner)
            {
            }
        }

        /// <summary>
        /// Sends what <paramref name="produce"/> writes as the body of the request <paramref name="consume"/> makes
        /// with the stream it is given, written straight into the connection: the request body's copy
        /// (HttpClient's StreamContent calls CopyToAsync) runs the producer into the connection's stream, so there
        /// is no pipe, no extra copy, and no 4 KiB chunks (writes are gathered to 64 KiB). Returns what the
        /// producer returned. A producer failure is thrown as <see cref="ProducerFailedException"/>; a failure to
        /// write to the engine, or the engine's answer, is thrown as it was.
        /// </summary>
        public static async Task<T> DirectAsync<T>(Func<Stream, CancellationToken, Task<T>> produce, Func<Stream, CancellationToken, Task> consume, CancellationToken cancellationToken)
        {
            var source = new ProducerStream<T>(produce, cancellationToken);
            try
            {
                await consume(source, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (source.ProducerError != null)
            {
                throw new ProducerFailedException(source.ProducerError);
            }

            if (source.ProducerError != null)
            {
                throw new ProducerFailedException(source.ProducerError);
            }

            return source.Result;
        }

        /// <summary>A request body that is not read but copied: its copy runs the producer into the destination.</summary>
        private sealed class ProducerStream<T> : Stream
        {
            private const int ChunkSize = 64 * 1024;
            private readonly Func<Stream, CancellationToken, Task<T>> _produce;
            private readonly CancellationToken _cancellationToken;

            public ProducerStream(Func<Stream, CancellationToken, Task<T>> produce, CancellationToken cancellationToken)
            {
                _produce = produce;
                _cancellationToken = cancellationToken;
            }

            public T Result { get; private set; } = default!;

            /// <summary>The producer's own failure (not one of writing to the engine), when there was one.</summary>
            public Exception? ProducerError { get; private set; }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
                var transport = new WatchedStream(destination);
                var buffered = new BufferedStream(transport, ChunkSize);
                try
                {
                    Result = await _produce(buffered, linked.Token).ConfigureAwait(false);
                    await buffered.FlushAsync(linked.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!transport.Failed && !(e is OperationCanceledException))
                {
                    ProducerError = e;
                    throw;
                }
            }

            // Only copied, never read: the transports send request bodies with CopyToAsync.
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        /// <summary>Passes writes on to the connection and remembers whether one of them failed.</summary>
        private sealed class WatchedStream : Stream
        {
            private readonly Stream _inner;

            public WatchedStream(Stream inner) => _inner = inner;

            public bool Failed { get; private set; }

            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            // The transport's request stream writes only asynchronously: a synchronous call waits for that.
            public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

            public override async Task FlushAsync(CancellationToken cancellationToken)
            {
                try
                {
                    await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    Failed = true;
                    throw;
                }
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

            public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                try
                {
                    await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    Failed = true;
                    throw;
                }
            }
        }
    }
}
