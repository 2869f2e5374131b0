using System;

namespace PSDocker.Terminal
{
    /// <summary>The size of a terminal window, in character cells.</summary>
    internal readonly struct TerminalSize : IEquatable<TerminalSize>
    {
        public TerminalSize(int rows, int columns)
        {
            Rows = rows;
            Columns = columns;
        }

        public int Rows { get; }

        public int Columns { get; }

        public bool Equals(TerminalSize other) => Rows == other.Rows && Columns == other.Columns;

        public override bool Equals(object? obj) => obj is TerminalSize other && Equals(other);

        public override int GetHashCode() => (Rows * 397) ^ Columns;

        public override string ToString() => Rows + "x" + Columns;
    }

    /// <summary>
    /// The console an interactive session runs at, as the protocol loop (<see cref="TerminalSession"/>) sees it:
    /// raw bytes in and out, the window size, raw mode. Unix (libc termios) and Windows (console VT modes) each
    /// implement it; tests drive the loop through a fake.
    /// </summary>
    internal interface ITerminal
    {
        /// <summary>Standard input is a terminal (not a file, a pipe or /dev/null).</summary>
        bool InputIsTerminal { get; }

        /// <summary>Standard output is a terminal.</summary>
        bool OutputIsTerminal { get; }

        /// <summary>The window's size now, or null when it cannot be told.</summary>
        TerminalSize? GetSize();

        /// <summary>
        /// Puts the terminal in raw mode (every key byte as typed, no echo, no signals, no output processing) until
        /// the result is disposed; the terminal is then as it was, on every way out.
        /// </summary>
        IDisposable EnterRawMode();

        /// <summary>
        /// Puts the terminal in line mode (lines edited and echoed by the terminal, Enter ends a line with a newline,
        /// Ctrl+D ends input, Ctrl+C interrupts), as a native command run at the prompt gets it, until the result is
        /// disposed; the shell's own settings are then back.
        /// </summary>
        IDisposable EnterLineMode();

        /// <summary>
        /// Calls <paramref name="onHangup"/> when the terminal goes away under the session (its window is closed:
        /// SIGHUP; or pwsh is told to end: SIGTERM), before the process ends, until the result is disposed. Where
        /// the runtime cannot tell (no PosixSignalRegistration, as on Windows PowerShell), nothing is watched.
        /// </summary>
        IDisposable WatchHangup(Action onHangup);

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> for input: the bytes read (more than 0), 0 at the end
        /// of input, or -1 when none came in time (so a reader can look up and stop).
        /// </summary>
        int Read(byte[] buffer, int timeoutMilliseconds);

        /// <summary>Writes bytes to standard output as they are.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Writes bytes to standard error as they are.</summary>
        void WriteError(byte[] buffer, int offset, int count);
    }
}
