using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace PSDocker.Engine
{
    /// <summary>
    /// Runs async cmdlet code on the pipeline thread: every await in that code resumes here, so it may call
    /// WriteObject, WriteProgress and WriteError directly. The library's own continuations run on the thread
    /// pool (it uses ConfigureAwait(false)); only ours come back. Waiting stops at once when the pipeline is
    /// stopped; continuations that arrive after that run on the thread pool so their finally blocks still run.
    /// </summary>
    internal sealed class PipelinePump : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue =
            new BlockingCollection<(SendOrPostCallback, object?)>();

        private volatile bool _abandoned;

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
                    task.ContinueWith((_, state) => ((PipelinePump)state!)._queue.CompleteAdding(), pump,
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    pump.Drain(stopping);
                }
            }
            finally
            {
                SetSynchronizationContext(previous);
            }

            return task.GetAwaiter().GetResult();
        }

        public static void Run(Func<Task> work, CancellationToken stopping) =>
            Run(async () => { await work(); return true; }, stopping);

        private void Drain(CancellationToken stopping)
        {
            try
            {
                foreach (var item in _queue.GetConsumingEnumerable(stopping))
                {
                    item.Callback(item.State);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                _abandoned = true;
                // Whatever was queued but not run still gets to clean up, off the pipeline thread.
                while (_queue.TryTake(out var left))
                {
                    ThreadPool.QueueUserWorkItem(s => left.Callback(s), left.State);
                }

                throw;
            }
        }

        public override void Post(SendOrPostCallback d, object? state)
        {
            if (!_abandoned)
            {
                try
                {
                    _queue.Add((d, state));
                    return;
                }
                catch (InvalidOperationException)
                {
                    // Completed: a late continuation (e.g. fire-and-forget) runs on the pool instead.
                }
            }

            ThreadPool.QueueUserWorkItem(s => d(s), state);
        }

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Synchronous sends to the pipeline thread would deadlock.");

        public override SynchronizationContext CreateCopy() => this;
    }
}
