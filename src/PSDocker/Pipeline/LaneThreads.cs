using System;
using System.Collections.Concurrent;
using System.Threading;

namespace PSDocker.Pipeline
{
    /// <summary>
    /// The threads fan-out lanes run on: dedicated (a lane blocks while its requests run, which would starve the
    /// thread pool that the requests' own continuations need), made when more are wanted than are idle, and kept
    /// for the next fan-out, so a call pays neither a thread's start nor its cold caches.
    /// </summary>
    internal static class LaneThreads
    {
        private static readonly BlockingCollection<Action> Work = new BlockingCollection<Action>();
        private static int _idle;
        private static int _count;

        /// <summary>The most lane threads there are: more engines than this at once wait their turn.</summary>
        internal const int MaxThreads = 16;

        /// <summary>Runs <paramref name="work"/> on a lane thread: an idle one, else a new one, else the first to be free.</summary>
        public static void Start(Action work)
        {
            // Claim an idle thread if there is one; else make one (it takes this work or another's from the queue);
            // else the work waits for a busy one, whose return to idle then pays for it (the count goes below zero).
            while (true)
            {
                var idle = Volatile.Read(ref _idle);
                if (idle > 0)
                {
                    if (Interlocked.CompareExchange(ref _idle, idle - 1, idle) == idle)
                    {
                        break;
                    }

                    continue;
                }

                if (Interlocked.Increment(ref _count) <= MaxThreads)
                {
                    var thread = new Thread(Loop) { IsBackground = true, Name = "PSDocker engine lane" };
                    thread.Start();
                    break;
                }

                Interlocked.Decrement(ref _count);
                Interlocked.Decrement(ref _idle);
                break;
            }

            Work.Add(work);
        }

        private static void Loop()
        {
            while (true)
            {
                var work = Work.Take();
                try
                {
                    work();
                }
                catch (Exception e) when (!(e is OutOfMemoryException))
                {
                    GC.KeepAlive(e); // a lane says its own failures; nothing may end this thread
                }

                Interlocked.Increment(ref _idle);
            }
        }
    }
}
