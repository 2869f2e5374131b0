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

        /// <summary>The producer failed (a local file could not be read): the cause to report, not the upload.</summary>
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
                    pipe.Writer.Complete(e);
                    throw;
                }
            });

            Exception? consumeError = null;
            try
            {
                await consume(pipe.Reader.AsStream(), cancellationToken);
            }
            catch (Exception e)
            {
                consumeError = e;
                producing.Cancel();
            }

            T produced = default!;
            try
            {
                produced = await producer;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw new ProducerFailedException(e);
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
