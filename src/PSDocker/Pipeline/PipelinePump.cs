using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace PSDocker.Pipeline
{
    /// <summary>
    /// Runs async cmdlet code on the pipeline thread: every await in that code resumes here, so it may call
    /// WriteObject, WriteProgress and WriteError directly. The library's own continuations run on the thread
    /// pool (it uses ConfigureAwait(false)); only ours come back. Waiting stops at once when the pipeline is
    /// stopped; continuations that arrive after that run on the thread pool so their finally blocks still run.
    /// </summary>
    internal sealed class PipelinePump : SynchronizationContext
    {
        // A queue and a counting signal rather than a BlockingCollection: completing one of those wakes the
        // consumer by throwing inside it, which costs more than the request on a fast engine.
        private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _queue =
            new ConcurrentQueue<(SendOrPostCallback, object?)>();

        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private bool _done;
        private bool _abandoned;

        private PipelinePump()
        {
        }

        public static T Run<T>(Func<Task<T>> work, CancellationToken stopping)
        {
            var previous = Current;
            var pump = new PipelinePump();
            SetSynchronizationContext(pump);
            Task<T> task;
            try
            {
                task = work();
                if (!task.IsCompleted)
                {
                    task.ContinueWith((_, state) => ((PipelinePump)state!).Finish(), pump,
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    pump.Drain(stopping);
                }
                else
                {
                    // Work that finished without ever yielding may still have posted (IProgress reports of a
                    // response that was already buffered): run those here too, or they would be lost.
                    pump.RunQueued();
                }
            }
            finally
            {
                SetSynchronizationContext(previous);
            }

            pump._signal.Dispose();
            return task.GetAwaiter().GetResult();
        }

        public static void Run(Func<Task> work, CancellationToken stopping) =>
            Run(async () => { await work(); return true; }, stopping);

        private void Finish()
        {
            lock (_queue)
            {
                _done = true;
            }

            _signal.Release();
        }

        private void RunQueued()
        {
            while (true)
            {
                while (_queue.TryDequeue(out var item))
                {
                    item.Callback(item.State);
                }

                lock (_queue)
                {
                    if (_queue.IsEmpty)
                    {
                        _done = true;
                        return;
                    }
                }
            }
        }

        private void Drain(CancellationToken stopping)
        {
            try
            {
                while (true)
                {
                    _signal.Wait(stopping);
                    if (_queue.TryDequeue(out var item))
                    {
                        item.Callback(item.State);
                    }
                    else if (Volatile.Read(ref _done))
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                lock (_queue)
                {
                    _abandoned = true;
                }

                // Whatever was queued but not run still gets to clean up, off the pipeline thread.
                while (_queue.TryDequeue(out var left))
                {
                    ThreadPool.QueueUserWorkItem(s => left.Callback(s), left.State);
                }

                throw;
            }
        }

        public override void Post(SendOrPostCallback d, object? state)
        {
            // The lock orders each post against Finish/abandon, so nothing is left in a queue no one drains.
            lock (_queue)
            {
                if (!_abandoned && !_done)
                {
                    _queue.Enqueue((d, state));
                    _signal.Release();
                    return;
                }
            }

            // Stopped, or a late continuation (e.g. fire-and-forget): run it on the pool instead.
            ThreadPool.QueueUserWorkItem(s => d(s), state);
        }

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Synchronous sends to the pipeline thread would deadlock.");

        public override SynchronizationContext CreateCopy() => this;
    }
}
