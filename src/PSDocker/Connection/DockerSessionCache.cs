using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace PSDocker.Connection
{
    /// <summary>
    /// One session per endpoint (and request timeout) for the whole process, shared by cmdlets and runspaces. A failed connect is
    /// forgotten so that the next call tries again (the daemon may have been started meanwhile).
    /// </summary>
    internal static class DockerSessionCache
    {
        private static readonly ConcurrentDictionary<string, Lazy<Task<DockerSession>>> Sessions =
            new ConcurrentDictionary<string, Lazy<Task<DockerSession>>>(StringComparer.Ordinal);

        /// <summary>The cache key: the endpoint, and the request timeout its client was built with.</summary>
        public static string Key(DockerEndpoint endpoint, TimeSpan requestTimeout) =>
            endpoint.CacheKey + "\n" + requestTimeout.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public static Task<DockerSession> GetAsync(DockerEndpoint endpoint, CancellationToken cancellationToken) =>
            GetAsync(endpoint, DockerSession.DefaultRequestTimeout, cancellationToken);

        public static Task<DockerSession> GetAsync(DockerEndpoint endpoint, TimeSpan requestTimeout, CancellationToken cancellationToken)
        {
            var key = Key(endpoint, requestTimeout);
            var entry = Sessions.GetOrAdd(key, _ => new Lazy<Task<DockerSession>>(
                () => DockerSession.ConnectAsync(endpoint, requestTimeout, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication));
            var task = entry.Value;
            if (task.Status == TaskStatus.RanToCompletion)
            {
                return task;
            }

            return AwaitAsync(key, entry, task, cancellationToken);
        }

        private static async Task<DockerSession> AwaitAsync(string key, Lazy<Task<DockerSession>> entry, Task<DockerSession> task, CancellationToken cancellationToken)
        {
            try
            {
                return await WithCancellation(task, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (task.IsFaulted || task.IsCanceled)
            {
                Forget(key, entry);
                throw;
            }
        }

        private static void Forget(string key, Lazy<Task<DockerSession>> entry)
        {
            ((System.Collections.Generic.ICollection<System.Collections.Generic.KeyValuePair<string, Lazy<Task<DockerSession>>>>)Sessions)
                .Remove(new System.Collections.Generic.KeyValuePair<string, Lazy<Task<DockerSession>>>(key, entry));
        }

        /// <summary>Drops a session whose engine went away, so the next call reconnects and renegotiates.</summary>
        public static void Invalidate(DockerSession session)
        {
            if (Sessions.TryGetValue(session.CacheKey, out var entry) &&
                entry.IsValueCreated && entry.Value.Status == TaskStatus.RanToCompletion && entry.Value.Result == session)
            {
                Forget(session.CacheKey, entry);
                session.Dispose();
            }
        }

        public static void DisposeAll()
        {
            foreach (var pair in Sessions)
            {
                if (Sessions.TryRemove(pair.Key, out var entry) && entry.IsValueCreated && entry.Value.Status == TaskStatus.RanToCompletion)
                {
                    entry.Value.Result.Dispose();
                }
            }
        }

        internal static int Count => Sessions.Count;

        private static async Task<T> WithCancellation<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled || task.IsCompleted)
            {
                return await task.ConfigureAwait(false);
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            return await task.ConfigureAwait(false);
        }
    }
}
