using System;
using System.IO;
using System.IO.Pipelines;
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
