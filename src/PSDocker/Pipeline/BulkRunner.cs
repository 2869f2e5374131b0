using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;

namespace PSDocker.Pipeline
{
    /// <summary>
    /// Runs the engine work of a verb that acts on many objects side by side: at most a given number at once, off
    /// the pipeline thread; what each item writes, and its error, reach the pipeline in input order.
    /// </summary>
    /// <remarks>
    /// The cmdlet asks ShouldProcess on the pipeline thread before it hands an item over. The work writes nothing:
    /// the action it returns runs on the pipeline thread to write what there is to write, and what the work or the
    /// action throws is that item's error (one ErrorRecord, as one at a time).
    /// </remarks>
    internal sealed class BulkRunner
    {
        private readonly DockerCmdlet _cmdlet;
        private readonly string _subject;
        private readonly SemaphoreSlim _slots;
        private readonly Queue<(Task<Action?> Work, DockerSession Session, DockerTarget Target)> _pending = new Queue<(Task<Action?>, DockerSession, DockerTarget)>();

        /// <param name="cmdlet">The cmdlet whose pipeline gets the results.</param>
        /// <param name="parallelism">How many items run at once (the verb's -ThrottleLimit).</param>
        /// <param name="subject">What failures are about ("Container", "Image", ...), for the error ids.</param>
        public BulkRunner(DockerCmdlet cmdlet, int parallelism, string subject)
        {
            _cmdlet = cmdlet;
            _subject = subject;
            _slots = new SemaphoreSlim(Math.Max(1, parallelism));
        }

        /// <summary>Starts one item's work when a slot is free, then writes whatever has finished at the head of the queue.</summary>
        public void Add(DockerSession session, DockerTarget target, Func<CancellationToken, Task<Action?>> work)
        {
            var slots = _slots;
            var token = _cmdlet.StopToken;
            var running = Task.Run(async () =>
            {
                await slots.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    return await work(token).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            });
            _pending.Enqueue((running, session, target));
            WriteFinished(waitForAll: false);
        }

        /// <summary>Waits for all the work still running and writes it, in input order (EndProcessing). Ctrl+C ends the wait at once.</summary>
        public void Finish() => WriteFinished(waitForAll: true);

        /// <summary>One engine call of bulk work, its failure mapped as <see cref="DockerCmdlet.Call{T}"/> maps it.</summary>
        public static async Task<T> Engine<T>(DockerSession session, string subject, object? target, CancellationToken ct, Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is DockerPSException) && !(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                throw DockerCmdlet.Map(session, e, subject, target);
            }
        }

        /// <inheritdoc cref="Engine{T}(DockerSession, string, object?, CancellationToken, Func{Task{T}})"/>
        public static Task Engine(DockerSession session, string subject, object? target, CancellationToken ct, Func<Task> call) =>
            Engine(session, subject, target, ct, async () => { await call().ConfigureAwait(false); return true; });

        private void WriteFinished(bool waitForAll)
        {
            while (_pending.Count > 0 && (waitForAll || _pending.Peek().Work.IsCompleted))
            {
                var (work, session, target) = _pending.Dequeue();
                Action? result;
                try
                {
                    result = _cmdlet.Wait(_ => work);
                }
                catch (DockerPSException e)
                {
                    _cmdlet.WriteItemError(e, e.Target ?? target.UserTarget);
                    continue;
                }
                catch (Exception e) when (!(e is PipelineStoppedException) && !(e is OperationCanceledException && _cmdlet.StopToken.IsCancellationRequested))
                {
                    var mapped = DockerCmdlet.Map(session, e, _subject, target.UserTarget);
                    _cmdlet.WriteItemError(mapped, mapped.Target ?? target.UserTarget);
                    continue;
                }

                try
                {
                    result?.Invoke();
                }
                catch (DockerPSException e)
                {
                    _cmdlet.WriteItemError(e, e.Target ?? target.UserTarget);
                }
            }
        }
    }
}
