using System.Collections.Concurrent;
using PSDocker.Terminal;

namespace PSDocker.Tests;

/// <summary>
/// The interactive-session loop (docker's hijack.go in TerminalSession) against a fake console and a fake
/// attach stream: typed bytes reach the container's stdin as typed, frames reach stdout and stderr, the window
/// size is sent at the start and on change, the detach keys end the session, the end of input half-closes the
/// stream, and the console's mode is restored on the way out. No engine and no terminal needed.
/// </summary>
public class TerminalSessionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Typed_keys_reach_stdin_as_typed_and_frames_reach_stdout_and_stderr()
    {
        var terminal = new FakeTerminal();
        var stream = new FakeStream();
        var session = TerminalSession.RunAsync(stream, terminal, Options(raw: true), CancellationToken.None);

        // Ctrl+C, Up (ESC [ A), Tab and text: raw bytes, nothing interpreted on the way.
        byte[] keys = [0x03, 0x1b, (byte)'[', (byte)'A', (byte)'\t', (byte)'l', (byte)'s', (byte)'\r'];
        terminal.Type(keys);
        await Until(() => stream.Stdin.SequenceEqual(keys), "the keys on stdin");

        stream.Send("out-bytes"u8.ToArray(), error: false);
        stream.Send("err-bytes"u8.ToArray(), error: true);
        await Until(() => terminal.Output == "out-bytes" && terminal.Errors == "err-bytes", "the frames on the console");
        Assert.Equal(1, terminal.RawEntered);
        Assert.Equal(0, terminal.RawRestored);

        stream.End();
        Assert.Equal(SessionEnd.Ended, await session.WaitAsync(Bound));
        Assert.Equal(1, terminal.RawRestored);
        Assert.False(stream.WriteClosed);
    }

    [Fact]
    public async Task The_window_size_is_sent_at_the_start_and_again_only_when_it_changes()
    {
        var terminal = new FakeTerminal { Size = new TerminalSize(40, 120) };
        var stream = new FakeStream();
        var sizes = new ConcurrentQueue<TerminalSize>();
        var options = Options(raw: true);
        options.ResizePollMilliseconds = 10;
        options.Resize = (size, _) => { sizes.Enqueue(size); return Task.CompletedTask; };
        var session = TerminalSession.RunAsync(stream, terminal, options, CancellationToken.None);

        await Until(() => sizes.Count == 1, "the first size");
        await Task.Delay(100); // several polls with the same size: nothing more is sent
        Assert.Equal([new TerminalSize(40, 120)], sizes.ToArray());

        terminal.Size = new TerminalSize(30, 100);
        await Until(() => sizes.Count == 2, "the new size");
        Assert.Equal(new TerminalSize(30, 100), sizes.ToArray()[1]);

        stream.End();
        Assert.Equal(SessionEnd.Ended, await session.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_failing_resize_does_not_end_the_session()
    {
        var terminal = new FakeTerminal { Size = new TerminalSize(24, 80) };
        var stream = new FakeStream();
        var options = Options(raw: true);
        options.Resize = (_, _) => throw new InvalidOperationException("the exec process already ended");
        var session = TerminalSession.RunAsync(stream, terminal, options, CancellationToken.None);

        stream.Send("still-here"u8.ToArray(), error: false);
        await Until(() => terminal.Output == "still-here", "output after the failed resize");
        stream.End();
        Assert.Equal(SessionEnd.Ended, await session.WaitAsync(Bound));
    }

    [Fact]
    public async Task The_detach_keys_end_the_session_without_reaching_the_container()
    {
        var terminal = new FakeTerminal();
        var stream = new FakeStream();
        var options = Options(raw: true);
        options.DetachKeys = [0x10, 0x11]; // ctrl-p,ctrl-q
        var session = TerminalSession.RunAsync(stream, terminal, options, CancellationToken.None);

        terminal.Type("ab"u8.ToArray());
        terminal.Type([0x10, (byte)'x']); // ctrl-p then x: not the sequence, both go on in order
        terminal.Type([0x10]);
        terminal.Type([0x11, (byte)'z']); // completes it: nothing from here on is sent

        Assert.Equal(SessionEnd.Detached, await session.WaitAsync(Bound));
        Assert.Equal("ab\u0010x", System.Text.Encoding.ASCII.GetString(stream.Stdin));
        Assert.Equal(1, terminal.RawRestored);
        Assert.EndsWith("\r\n", terminal.Output, StringComparison.Ordinal); // what pwsh says next starts a line
        Assert.False(stream.WriteClosed);
    }

    [Fact]
    public async Task The_end_of_input_half_closes_the_stream_and_the_output_goes_on_to_its_end()
    {
        var terminal = new FakeTerminal();
        var stream = new FakeStream();
        var session = TerminalSession.RunAsync(stream, terminal, Options(raw: false), CancellationToken.None);

        terminal.Type("last line\n"u8.ToArray());
        terminal.EndInput();
        await Until(() => stream.WriteClosed, "the half-close");
        Assert.Equal("last line\n", System.Text.Encoding.ASCII.GetString(stream.Stdin));
        Assert.Equal(0, terminal.RawEntered); // no TTY: the console is left as it is

        stream.Send("answer"u8.ToArray(), error: false);
        stream.End();
        Assert.Equal(SessionEnd.Ended, await session.WaitAsync(Bound));
        Assert.Equal("answer", terminal.Output);
    }

    [Fact]
    public async Task A_cancelled_session_restores_the_console_and_stops_reading()
    {
        var terminal = new FakeTerminal();
        var stream = new FakeStream();
        using var cancel = new CancellationTokenSource();
        var session = TerminalSession.RunAsync(stream, terminal, Options(raw: true), cancel.Token);
        await Until(() => terminal.RawEntered == 1, "raw mode");

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.WaitAsync(Bound));
        Assert.Equal(1, terminal.RawRestored);
        terminal.Type("after"u8.ToArray());
        await Task.Delay(100);
        Assert.Empty(stream.Stdin);
    }

    [Fact]
    public async Task The_hangup_watch_lasts_as_long_as_the_session()
    {
        var terminal = new FakeTerminal();
        var stream = new FakeStream();
        var hungUp = 0;
        var options = Options(raw: true);
        options.Hangup = () => Interlocked.Increment(ref hungUp);
        var session = TerminalSession.RunAsync(stream, terminal, options, CancellationToken.None);

        await Until(() => terminal.Hangup != null, "the hangup watch");
        terminal.Hangup!();
        Assert.Equal(1, hungUp);
        stream.End();
        await session.WaitAsync(Bound);
        Assert.Null(terminal.Hangup);
    }

    [Fact]
    public async Task Input_without_a_session_is_read_in_line_mode_at_a_terminal_and_ends_with_a_half_close()
    {
        foreach (var atTerminal in new[] { true, false })
        {
            var terminal = new FakeTerminal { InputIsTerminal = atTerminal };
            var stream = new FakeStream();
            var copying = TerminalSession.CopyInputAsync(stream, terminal, CancellationToken.None);

            terminal.Type("typed\n"u8.ToArray());
            terminal.EndInput();
            await copying.WaitAsync(Bound);
            Assert.Equal("typed\n", System.Text.Encoding.ASCII.GetString(stream.Stdin));
            Assert.True(stream.WriteClosed);
            Assert.Equal(atTerminal ? 1 : 0, terminal.LineEntered);
            Assert.Equal(terminal.LineEntered, terminal.LineRestored);
        }
    }

    private static SessionOptions Options(bool raw) => new() { RawMode = raw, InputPollMilliseconds = 10, ResizePollMilliseconds = 20 };

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what + " did not happen within " + Bound.TotalSeconds + " s.");
            await Task.Delay(10);
        }
    }

    /// <summary>A console: typed input queued by the test, output recorded, the size settable, modes counted.</summary>
    private sealed class FakeTerminal : ITerminal
    {
        private readonly BlockingCollection<byte[]> _typed = new();
        private readonly object _gate = new();
        private readonly MemoryStream _out = new();
        private readonly MemoryStream _err = new();
        private int _rawEntered, _rawRestored, _lineEntered, _lineRestored;

        public bool InputIsTerminal { get; set; } = true;

        public bool OutputIsTerminal => true;

        public TerminalSize? Size { get; set; }

        public int RawEntered => Volatile.Read(ref _rawEntered);

        public int RawRestored => Volatile.Read(ref _rawRestored);

        public int LineEntered => Volatile.Read(ref _lineEntered);

        public int LineRestored => Volatile.Read(ref _lineRestored);

        public Action? Hangup { get; private set; }

        public string Output { get { lock (_gate) { return System.Text.Encoding.ASCII.GetString(_out.ToArray()); } } }

        public string Errors { get { lock (_gate) { return System.Text.Encoding.ASCII.GetString(_err.ToArray()); } } }

        public void Type(byte[] bytes) => _typed.Add(bytes);

        public void EndInput() => _typed.Add([]);

        public TerminalSize? GetSize() => Size;

        public IDisposable EnterRawMode()
        {
            Interlocked.Increment(ref _rawEntered);
            return new Undo(() => Interlocked.Increment(ref _rawRestored));
        }

        public IDisposable EnterLineMode()
        {
            Interlocked.Increment(ref _lineEntered);
            return new Undo(() => Interlocked.Increment(ref _lineRestored));
        }

        public IDisposable WatchHangup(Action onHangup)
        {
            Hangup = onHangup;
            return new Undo(() => Hangup = null);
        }

        public int Read(byte[] buffer, int timeoutMilliseconds)
        {
            if (!_typed.TryTake(out var bytes, timeoutMilliseconds))
            {
                return -1;
            }

            bytes.CopyTo(buffer, 0);
            return bytes.Length; // an empty entry is the end of input: 0
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            lock (_gate) { _out.Write(buffer, offset, count); }
        }

        public void WriteError(byte[] buffer, int offset, int count)
        {
            lock (_gate) { _err.Write(buffer, offset, count); }
        }

        private sealed class Undo(Action undo) : IDisposable
        {
            private int _done;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _done, 1) == 0)
                {
                    undo();
                }
            }
        }
    }

    /// <summary>An attach connection: frames queued by the test, stdin recorded, the half-close seen.</summary>
    private sealed class FakeStream : IAttachedStream
    {
        private readonly BlockingCollection<(byte[] Bytes, bool Error, bool End)> _frames = new();
        private readonly object _gate = new();
        private readonly MemoryStream _stdin = new();
        private int _closed;

        public byte[] Stdin { get { lock (_gate) { return _stdin.ToArray(); } } }

        public bool WriteClosed => Volatile.Read(ref _closed) == 1;

        public void Send(byte[] bytes, bool error) => _frames.Add((bytes, error, false));

        public void End() => _frames.Add(([], false, true));

        public Task<AttachedRead> ReadAsync(byte[] buffer, CancellationToken cancellationToken) => Task.Run(
            () =>
            {
                var frame = _frames.Take(cancellationToken);
                frame.Bytes.CopyTo(buffer, 0);
                return new AttachedRead(frame.Bytes.Length, frame.Error, frame.End);
            },
            cancellationToken);

        public Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            lock (_gate) { _stdin.Write(buffer, offset, count); }
            return Task.CompletedTask;
        }

        public void CloseWrite() => Interlocked.Exchange(ref _closed, 1);
    }
}
