using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PSDocker.Terminal
{
    /// <summary>How an interactive session ended.</summary>
    internal enum SessionEnd
    {
        /// <summary>The container's side closed the stream: its process ended (or the engine went away).</summary>
        Ended,

        /// <summary>The detach keys were typed: the container goes on running.</summary>
        Detached,
    }

    /// <summary>What a session does besides copying bytes.</summary>
    internal sealed class SessionOptions
    {
        /// <summary>Put the terminal in raw mode for the session (a TTY session); else keys arrive a line at a time.</summary>
        public bool RawMode { get; set; }

        /// <summary>The detach sequence to watch typed input for; null or empty watches for none.</summary>
        public byte[]? DetachKeys { get; set; }

        /// <summary>Sends the window size to the container's TTY: at the start and whenever it changes. Null: no TTY to size.</summary>
        public Func<TerminalSize, CancellationToken, Task>? Resize { get; set; }

        /// <summary>
        /// Called when the terminal goes away under a raw session (SIGHUP, SIGTERM), before pwsh ends: what a
        /// terminal does to its own shell, done to the container's process. Null: nothing is done.
        /// </summary>
        public Action? Hangup { get; set; }

        /// <summary>How long a read of the terminal waits before it looks whether the session is over.</summary>
        public int InputPollMilliseconds { get; set; } = 100;

        /// <summary>How often the window size is looked at (netstandard2.0 has no SIGWINCH).</summary>
        public int ResizePollMilliseconds { get; set; } = 250;
    }

    /// <summary>
    /// The protocol loop of docker's hijack.go, in one place so it can be tested against a fake terminal: typed
    /// bytes go to the container's stdin (watched for the detach keys; the end of input half-closes the
    /// stream), the container's bytes go to the terminal as they are, and the window size follows the terminal.
    /// The terminal is in raw mode from start to end and restored on every way out.
    /// </summary>
    internal static class TerminalSession
    {
        private static readonly byte[] LineEnd = { (byte)'\r', (byte)'\n' };

        public static async Task<SessionEnd> RunAsync(IAttachedStream stream, ITerminal terminal, SessionOptions options, CancellationToken cancellationToken)
        {
            using var raw = options.RawMode ? terminal.EnterRawMode() : null;
            using var hangup = options.Hangup is Action onHangup ? terminal.WatchHangup(onHangup) : null;
            using var over = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var detached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var resize = options.Resize;
            TerminalSize? size = null;
            if (resize != null)
            {
                size = terminal.GetSize();
                if (size is TerminalSize first)
                {
                    await ResizeQuietly(resize, first, over.Token).ConfigureAwait(false);
                }
            }

            var input = Task.Factory.StartNew(() => CopyInput(stream, terminal, options, detached, over.Token), over.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var resizing = resize is null ? Task.CompletedTask : FollowSizeAsync(terminal, resize, size, options.ResizePollMilliseconds, over.Token);
            var output = CopyOutputAsync(stream, terminal, over.Token);
            try
            {
                var first = await Task.WhenAny(output, detached.Task).ConfigureAwait(false);
                if (first == output)
                {
                    await output.ConfigureAwait(false); // the end, or the failure that ended it
                    return SessionEnd.Ended;
                }

                // Detached: the caller closes the connection, which ends the pending read.
                _ = output.ContinueWith(t => GC.KeepAlive(t.Exception), TaskScheduler.Default);
                if (options.RawMode)
                {
                    // The cursor is where the container left it (after its prompt): what is said next starts a line.
                    terminal.Write(LineEnd, 0, LineEnd.Length);
                }

                return SessionEnd.Detached;
            }
            finally
            {
                over.Cancel();
                try
                {
                    await Task.WhenAll(input, resizing).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Cancelled as asked.
                }
            }
        }

        /// <summary>
        /// Input without a session around it (docker run -i, no TTY): what is read from standard input, a line at a
        /// time at a terminal, goes to the container until the input ends (then its stdin ends) or the token is cancelled.
        /// </summary>
        public static Task CopyInputAsync(IAttachedStream stream, ITerminal terminal, CancellationToken cancellationToken)
        {
            var never = new TaskCompletionSource<bool>();
            return Task.Factory.StartNew(
                () =>
                {
                    using var line = terminal.InputIsTerminal ? terminal.EnterLineMode() : null;
                    CopyInput(stream, terminal, new SessionOptions(), never, cancellationToken);
                },
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        private static void CopyInput(IAttachedStream stream, ITerminal terminal, SessionOptions options, TaskCompletionSource<bool> detached, CancellationToken over)
        {
            var buffer = new byte[4096];
            var forward = new MemoryStream();
            var matcher = options.DetachKeys is { Length: > 0 } keys ? new DetachKeyMatcher(keys) : null;
            try
            {
                while (!over.IsCancellationRequested)
                {
                    var read = terminal.Read(buffer, options.InputPollMilliseconds);
                    if (read < 0)
                    {
                        continue;
                    }

                    if (read == 0)
                    {
                        // The end of input (Ctrl+D at a line-mode terminal, the end of a file): the container's stdin ends too.
                        stream.CloseWrite();
                        return;
                    }

                    forward.SetLength(0);
                    var detach = false;
                    if (matcher is null)
                    {
                        forward.Write(buffer, 0, read);
                    }
                    else
                    {
                        detach = matcher.Feed(buffer, 0, read, forward);
                    }

                    if (forward.Length > 0)
                    {
                        stream.WriteAsync(forward.GetBuffer(), 0, (int)forward.Length, over).GetAwaiter().GetResult();
                    }

                    if (detach)
                    {
                        detached.TrySetResult(true);
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is OperationCanceledException || e is InvalidOperationException)
            {
                // The connection is gone: the output side sees it and says why.
            }
        }

        private static async Task CopyOutputAsync(IAttachedStream stream, ITerminal terminal, CancellationToken over)
        {
            var buffer = new byte[81920];
            while (true)
            {
                var read = await stream.ReadAsync(buffer, over).ConfigureAwait(false);
                if (read.IsEnd)
                {
                    return;
                }

                if (read.IsError)
                {
                    terminal.WriteError(buffer, 0, read.Count);
                }
                else
                {
                    terminal.Write(buffer, 0, read.Count);
                }
            }
        }

        private static async Task FollowSizeAsync(ITerminal terminal, Func<TerminalSize, CancellationToken, Task> resize, TerminalSize? last, int pollMilliseconds, CancellationToken over)
        {
            try
            {
                while (!over.IsCancellationRequested)
                {
                    await Task.Delay(pollMilliseconds, over).ConfigureAwait(false);
                    var now = terminal.GetSize();
                    if (now is TerminalSize size && !Equals(now, last))
                    {
                        last = size;
                        await ResizeQuietly(resize, size, over).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The session is over.
            }
        }

        private static async Task ResizeQuietly(Func<TerminalSize, CancellationToken, Task> resize, TerminalSize size, CancellationToken over)
        {
            try
            {
                await resize(size, over).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is OutOfMemoryException))
            {
                // As the docker CLI: a resize that fails (the process just ended) is not the session's failure.
                GC.KeepAlive(e);
            }
        }
    }
}
