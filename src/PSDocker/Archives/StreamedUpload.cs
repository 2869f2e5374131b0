using System;
using System.IO;
using System.IO.Pipelines;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PSDocker.Archives
{
    /// <summary>
    /// Sends an archive that is written while it is sent: a producer writes into a bounded pipe on a worker, the
    /// request reads from it. Memory stays at the pipe's bound whatever the archive's size.
    /// </summary>
    internal static class StreamedUpload
    {
        private const long HighWater = 1024 * 1024;

        /// <summary>The producer failed first (a local file could not be read): the cause to report, not the upload.</summary>
        internal sealed class ProducerFailedException : Exception
        {
            public ProducerFailedException(Exception inner)
                : base(inner.Message, inner)
            {
            }
        }

        /// <summary>
        /// Sends what <paramref name="produce"/> writes as the body of the request <paramref name="send"/> makes,
        /// written straight into the connection (no pipe, no extra copy; writes coalesced to 64 KiB chunks); returns
        /// what the producer returned. A producer failure is thrown as <see cref="ProducerFailedException"/>; a failure
        /// to write to the engine, or the engine's answer, is thrown as it was.
        /// </summary>
        public static async Task<T> DirectAsync<T>(Func<Stream, CancellationToken, Task<T>> produce, Func<HttpContent, CancellationToken, Task> send, string contentType, CancellationToken cancellationToken)
        {
            var content = new ProducedContent<T>(produce, cancellationToken);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            try
            {
                await send(content, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (content.ProducerError != null)
            {
                throw new ProducerFailedException(content.ProducerError);
            }

            if (content.ProducerError != null)
            {
                throw new ProducerFailedException(content.ProducerError);
            }

            return content.Result;
        }

        /// <summary>A request body written by a producer as it is sent; what failed (the producer or the connection) is told apart.</summary>
        private sealed class ProducedContent<T> : HttpContent
        {
            private const int ChunkSize = 64 * 1024;
            private readonly Func<Stream, CancellationToken, Task<T>> _produce;
            private readonly CancellationToken _cancellationToken;

            public ProducedContent(Func<Stream, CancellationToken, Task<T>> produce, CancellationToken cancellationToken)
            {
                _produce = produce;
                _cancellationToken = cancellationToken;
            }

            public T Result { get; private set; } = default!;

            /// <summary>The producer's own failure (not one of writing to the engine), when there was one.</summary>
            public Exception? ProducerError { get; private set; }

            protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
            {
                var transport = new WatchedStream(stream);
                var buffered = new BufferedStream(transport, ChunkSize);
                try
                {
                    Result = await _produce(buffered, _cancellationToken).ConfigureAwait(false);
                    await buffered.FlushAsync(_cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!transport.Failed && !(e is OperationCanceledException))
                {
                    ProducerError = e;
                    throw;
                }
            }

            protected override bool TryComputeLength(out long length)
            {
                length = -1;
                return false;
            }
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

        /// <summary>
        /// Runs <paramref name="produce"/> into the pipe and <paramref name="consume"/> from it; returns what the
        /// producer returned. A producer failure is thrown as <see cref="ProducerFailedException"/>; otherwise a
        /// failure of the request is thrown as it was.
        /// </summary>
        public static async Task<T> RunAsync<T>(Func<Stream, CancellationToken, Task<T>> produce, Func<Stream, CancellationToken, Task> consume, CancellationToken cancellationToken)
        {
            using var producing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: HighWater, resumeWriterThreshold: HighWater / 2, useSynchronizationContext: false));
            var producerFailed = 0;
            var producer = Task.Run(async () =>
            {
                try
                {
                    var result = await produce(pipe.Writer.AsStream(leaveOpen: true), producing.Token).ConfigureAwait(false);
                    pipe.Writer.Complete();
                    return result;
                }
                catch (Exception e)
                {
                    // Marked before the reader can see it: the request that fails because of it failed second.
                    Interlocked.Exchange(ref producerFailed, 1);
                    pipe.Writer.Complete(e);
                    throw;
                }
            });

            Exception? consumeError = null;
            var consumerFailedFirst = false;
            try
            {
                await consume(pipe.Reader.AsStream(), cancellationToken);
            }
            catch (Exception e)
            {
                consumeError = e;
                consumerFailedFirst = Volatile.Read(ref producerFailed) == 0;
                producing.Cancel();
                // Nothing reads any more: a producer waiting for room in the pipe must not wait for ever.
                pipe.Reader.Complete(e);
            }

            T produced = default!;
            try
            {
                produced = await producer;
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !consumerFailedFirst)
            {
                throw new ProducerFailedException(e);
            }
            catch (Exception) when (consumerFailedFirst)
            {
                // The request failed first (the engine went away mid-upload): whatever the producer then met writing
                // into the abandoned pipe is a consequence. The request's error is the one to report, below.
            }
            catch (OperationCanceledException) when (consumeError != null || cancellationToken.IsCancellationRequested)
            {
                // Stopped because the request failed, or by Ctrl+C: reported below or by the pipeline.
            }

            if (consumeError != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(consumeError).Throw();
            }

            return produced;
        }
    }
}
