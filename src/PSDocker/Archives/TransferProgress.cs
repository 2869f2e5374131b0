using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Formats;
using PSDocker.Pipeline;

namespace PSDocker.Archives
{
    /// <summary>
    /// Progress of a transfer that runs off the pipeline thread (a copy, a build context upload): the bytes are
    /// counted where they pass, and the pipeline thread shows them, with the rate, four times a second.
    /// </summary>
    internal sealed class TransferProgress
    {
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
        private readonly int _activityId;
        private readonly string _activity;
        private string _lastStatus;
        private readonly Func<long, double, string> _status;
        private readonly Stopwatch _clock = new Stopwatch();
        private long _bytes;
        private bool _shown;

        /// <param name="activityId">The cmdlet's progress activity id.</param>
        /// <param name="activity">What is being moved, as the progress bar's title.</param>
        /// <param name="status">The status line from the bytes so far and the rate in bytes a second.</param>
        public TransferProgress(int activityId, string activity, Func<long, double, string> status)
        {
            _status = status;
            _activityId = activityId;
            _activity = activity;
            _lastStatus = status(0, 0);
        }

        /// <summary>The bytes counted so far.</summary>
        public long Bytes => Interlocked.Read(ref _bytes);

        /// <summary>Counts bytes that went through (any thread).</summary>
        public void Add(long count) => Interlocked.Add(ref _bytes, count);

        /// <summary>
        /// Awaits <paramref name="transfer"/>, writing progress while it runs. Call inside
        /// <see cref="DockerCmdlet.Await{T}"/> or <see cref="DockerCmdlet.Call{T}"/>, whose awaits resume on the pipeline thread.
        /// </summary>
        public async Task<T> Watch<T>(DockerCmdlet cmdlet, Task<T> transfer, CancellationToken ct)
        {
            _clock.Start();
            while (!transfer.IsCompleted)
            {
                await Task.WhenAny(transfer, Task.Delay(Interval, ct));
                if (!transfer.IsCompleted && !ct.IsCancellationRequested)
                {
                    var bytes = Bytes;
                    _lastStatus = _status(bytes, bytes / Math.Max(_clock.Elapsed.TotalSeconds, 0.001));
                    // A record of its own each time: a host that keeps them (a runspace's Streams.Progress) sees each as it was.
                    cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, _lastStatus));
                    _shown = true;
                }
            }

            return await transfer;
        }

        /// <summary>Ends the bar, if one was shown (not after Ctrl+C: the pipeline is gone).</summary>
        public void Complete(DockerCmdlet cmdlet)
        {
            if (_shown && !cmdlet.StopToken.IsCancellationRequested)
            {
                cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, _lastStatus) { RecordType = ProgressRecordType.Completed });
                _shown = false;
            }
        }

        /// <summary>The status line for a copy: "12.5MB copied (40.1MB/s)".</summary>
        public static string CopyStatus(long bytes, double rate) =>
            Resources.UserText.Format(Resources.ContainerMessages.CopyStatus, DockerFormat.Size(bytes), DockerFormat.Size((long)rate));
    }
}
