using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace PSDocker.Terminal
{
    /// <summary>
    /// The Windows console through kernel32, written to the same interface as <see cref="UnixTerminal"/>: raw
    /// mode is the console's virtual-terminal input (keys arrive as the bytes a Unix terminal sends) with line
    /// input, echo and Ctrl+C processing off, and virtual-terminal processing on output. Untested here: this
    /// machine has no Windows console.
    /// </summary>
    internal sealed class WindowsTerminal : ITerminal
    {
        private const int StandardInputHandle = -10;
        private const int StandardOutputHandle = -11;
        private const uint EnableProcessedInput = 0x0001;
        private const uint EnableLineInput = 0x0002;
        private const uint EnableEchoInput = 0x0004;
        private const uint EnableWindowInput = 0x0008;
        private const uint EnableMouseInput = 0x0010;
        private const uint EnableVirtualTerminalInput = 0x0200;
        private const uint EnableVirtualTerminalProcessing = 0x0004;
        private const uint DisableNewlineAutoReturn = 0x0008;
        private const uint WaitObject0 = 0;

        private readonly Stream _out = Console.OpenStandardOutput();
        private readonly Stream _err = Console.OpenStandardError();

        public bool InputIsTerminal => NativeMethods.GetConsoleMode(NativeMethods.GetStdHandle(StandardInputHandle), out _);

        public bool OutputIsTerminal => NativeMethods.GetConsoleMode(NativeMethods.GetStdHandle(StandardOutputHandle), out _);

        public TerminalSize? GetSize()
        {
            try
            {
                return Console.WindowHeight > 0 && Console.WindowWidth > 0 ? new TerminalSize(Console.WindowHeight, Console.WindowWidth) : (TerminalSize?)null;
            }
            catch (IOException)
            {
                return null;
            }
        }

        public IDisposable EnterRawMode()
        {
            var input = NativeMethods.GetStdHandle(StandardInputHandle);
            var output = NativeMethods.GetStdHandle(StandardOutputHandle);
            if (!NativeMethods.GetConsoleMode(input, out var inputMode) || !NativeMethods.GetConsoleMode(output, out var outputMode))
            {
                throw new IOException("Cannot read the console's modes (GetConsoleMode, error " + Marshal.GetLastWin32Error() + ").");
            }

            var rawInput = (inputMode & ~(EnableProcessedInput | EnableLineInput | EnableEchoInput | EnableWindowInput | EnableMouseInput)) | EnableVirtualTerminalInput;
            if (!NativeMethods.SetConsoleMode(input, rawInput) ||
                !NativeMethods.SetConsoleMode(output, outputMode | EnableVirtualTerminalProcessing | DisableNewlineAutoReturn))
            {
                NativeMethods.SetConsoleMode(input, inputMode);
                throw new IOException("Cannot put the console in virtual-terminal mode (SetConsoleMode, error " + Marshal.GetLastWin32Error() + "); Windows 10 1809 or later is needed.");
            }

            return new ModeRestore(() =>
            {
                NativeMethods.SetConsoleMode(input, inputMode);
                NativeMethods.SetConsoleMode(output, outputMode);
            });
        }

        public IDisposable EnterLineMode()
        {
            var input = NativeMethods.GetStdHandle(StandardInputHandle);
            var output = NativeMethods.GetStdHandle(StandardOutputHandle);
            if (!NativeMethods.GetConsoleMode(input, out var inputMode) || !NativeMethods.GetConsoleMode(output, out var outputMode))
            {
                throw new IOException("Cannot read the console's modes (GetConsoleMode, error " + Marshal.GetLastWin32Error() + ").");
            }

            var lineInput = (inputMode & ~EnableVirtualTerminalInput) | EnableProcessedInput | EnableLineInput | EnableEchoInput;
            if (!NativeMethods.SetConsoleMode(input, lineInput))
            {
                throw new IOException("Cannot put the console in line mode (SetConsoleMode, error " + Marshal.GetLastWin32Error() + ").");
            }

            return new ModeRestore(() =>
            {
                NativeMethods.SetConsoleMode(input, inputMode);
                NativeMethods.SetConsoleMode(output, outputMode);
            });
        }

        public IDisposable WatchHangup(Action onHangup) => SignalWatch.Start(onHangup, "SIGHUP", "SIGTERM");

        public int Read(byte[] buffer, int timeoutMilliseconds)
        {
            var input = NativeMethods.GetStdHandle(StandardInputHandle);
            if (NativeMethods.WaitForSingleObject(input, (uint)timeoutMilliseconds) != WaitObject0)
            {
                return -1;
            }

            return NativeMethods.ReadFile(input, buffer, (uint)buffer.Length, out var read, IntPtr.Zero) ? (int)read : 0;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _out.Write(buffer, offset, count);
            _out.Flush();
        }

        public void WriteError(byte[] buffer, int offset, int count)
        {
            _err.Write(buffer, offset, count);
            _err.Flush();
        }

        private static class NativeMethods
        {
            [DllImport("kernel32.dll", SetLastError = true)]
            public static extern IntPtr GetStdHandle(int handle);

            [DllImport("kernel32.dll", SetLastError = true)]
            public static extern bool GetConsoleMode(IntPtr handle, out uint mode);

            [DllImport("kernel32.dll", SetLastError = true)]
            public static extern bool SetConsoleMode(IntPtr handle, uint mode);

            [DllImport("kernel32.dll", SetLastError = true)]
            public static extern uint WaitForSingleObject(IntPtr handle, uint milliseconds);

            [DllImport("kernel32.dll", SetLastError = true)]
            public static extern bool ReadFile(IntPtr handle, byte[] buffer, uint count, out uint read, IntPtr overlapped);
        }
    }
}
