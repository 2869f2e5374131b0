using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace PSDocker.Terminal
{
    /// <summary>
    /// The console on Linux and macOS through libc: termios for raw mode (the settings kept as the opaque bytes
    /// tcgetattr fills, so no struct layout is assumed; cfmakeraw decides what raw means, as Go's x/term does),
    /// poll and read on fd 0 so a reader can stop between keys, TIOCGWINSZ for the size.
    /// </summary>
    internal sealed class UnixTerminal : ITerminal
    {
        private const int StandardInput = 0;
        private const int StandardOutput = 1;
        private const int TcsaNow = 0;
        private const short PollIn = 1;
        private const int TermiosBytes = 256; // larger than struct termios on every libc

        private readonly Stream _out = Console.OpenStandardOutput();
        private readonly Stream _err = Console.OpenStandardError();

        public bool InputIsTerminal => NativeMethods.isatty(StandardInput) == 1;

        public bool OutputIsTerminal => NativeMethods.isatty(StandardOutput) == 1;

        public TerminalSize? GetSize()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                // ioctl is variadic: called so only where the ABI passes the pointer as a fixed argument would be (Linux).
                var size = default(WinSize);
                if (NativeMethods.ioctl(StandardOutput, new UIntPtr(0x5413), ref size) == 0 && size.Rows > 0 && size.Columns > 0)
                {
                    return new TerminalSize(size.Rows, size.Columns);
                }

                if (NativeMethods.ioctl(StandardInput, new UIntPtr(0x5413), ref size) == 0 && size.Rows > 0 && size.Columns > 0)
                {
                    return new TerminalSize(size.Rows, size.Columns);
                }
            }

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
            var saved = new byte[TermiosBytes];
            if (NativeMethods.tcgetattr(StandardInput, saved) != 0)
            {
                throw new IOException("Cannot read the terminal's settings (tcgetattr, errno " + Marshal.GetLastWin32Error() + ").");
            }

            var raw = (byte[])saved.Clone();
            NativeMethods.cfmakeraw(raw);
            if (NativeMethods.tcsetattr(StandardInput, TcsaNow, raw) != 0)
            {
                throw new IOException("Cannot put the terminal in raw mode (tcsetattr, errno " + Marshal.GetLastWin32Error() + ").");
            }

            // TCSANOW, as taken: output already written stays, keys typed since go on to the shell.
            return new ModeRestore(() => NativeMethods.tcsetattr(StandardInput, TcsaNow, saved));
        }

        public IDisposable EnterLineMode()
        {
            // The line discipline a child process of the shell is given (.NET keeps its own terminal without echo,
            // line editing or CR-to-NL while PowerShell runs). Only the flag words are touched, where each libc keeps
            // them: glibc/musl 32-bit words from the start, macOS/BSD 64-bit words.
            var saved = new byte[TermiosBytes];
            if (NativeMethods.tcgetattr(StandardInput, saved) != 0)
            {
                throw new IOException("Cannot read the terminal's settings (tcgetattr, errno " + Marshal.GetLastWin32Error() + ").");
            }

            var line = (byte[])saved.Clone();
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                SetFlags32(line, 0, 0x100);                           // c_iflag: ICRNL
                SetFlags32(line, 4, 0x1 | 0x4);                       // c_oflag: OPOST ONLCR
                SetFlags32(line, 12, 0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x8000); // c_lflag: ISIG ICANON ECHO ECHOE ECHOK IEXTEN
            }
            else
            {
                SetFlags64(line, 0, 0x100);                           // c_iflag: ICRNL
                SetFlags64(line, 8, 0x1 | 0x2);                       // c_oflag: OPOST ONLCR
                SetFlags64(line, 24, 0x80 | 0x100 | 0x8 | 0x2 | 0x4 | 0x400); // c_lflag: ISIG ICANON ECHO ECHOE ECHOK IEXTEN
            }

            if (NativeMethods.tcsetattr(StandardInput, TcsaNow, line) != 0)
            {
                throw new IOException("Cannot put the terminal in line mode (tcsetattr, errno " + Marshal.GetLastWin32Error() + ").");
            }

            // TCSANOW, as taken: output already written stays, keys typed since go on to the shell.
            return new ModeRestore(() => NativeMethods.tcsetattr(StandardInput, TcsaNow, saved));
        }

        private static void SetFlags32(byte[] termios, int offset, uint flags)
        {
            var word = BitConverter.ToUInt32(termios, offset) | flags;
            Buffer.BlockCopy(BitConverter.GetBytes(word), 0, termios, offset, 4);
        }

        private static void SetFlags64(byte[] termios, int offset, ulong flags)
        {
            var word = BitConverter.ToUInt64(termios, offset) | flags;
            Buffer.BlockCopy(BitConverter.GetBytes(word), 0, termios, offset, 8);
        }

        public IDisposable WatchHangup(Action onHangup) => SignalWatch.Start(onHangup, "SIGHUP", "SIGTERM");

        public int Read(byte[] buffer, int timeoutMilliseconds)
        {
            var fds = new[] { new PollFd { Fd = StandardInput, Events = PollIn } };
            var ready = NativeMethods.poll(fds, new UIntPtr(1), timeoutMilliseconds);
            if (ready <= 0)
            {
                return -1; // nothing yet, or a signal came (EINTR): the caller looks up and asks again
            }

            // Readable, or hung up / in error: read says which (0 at the end, -1 for an error, taken as the end).
            var read = NativeMethods.read(StandardInput, buffer, new IntPtr(buffer.Length)).ToInt64();
            if (read < 0)
            {
                const int Interrupted = 4; // EINTR
                return Marshal.GetLastWin32Error() == Interrupted ? -1 : 0;
            }

            return (int)read;
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

        [StructLayout(LayoutKind.Sequential)]
        private struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct WinSize
        {
            public ushort Rows;
            public ushort Columns;
            public ushort XPixels;
            public ushort YPixels;
        }

        private static class NativeMethods
        {
            [DllImport("libc", SetLastError = true)]
            public static extern int isatty(int fd);

            [DllImport("libc", SetLastError = true)]
            public static extern int tcgetattr(int fd, byte[] termios);

            [DllImport("libc", SetLastError = true)]
            public static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

            [DllImport("libc", SetLastError = true)]
            public static extern void cfmakeraw(byte[] termios);

            [DllImport("libc", SetLastError = true)]
            public static extern int poll([In, Out] PollFd[] fds, UIntPtr count, int timeout);

            [DllImport("libc", SetLastError = true)]
            public static extern IntPtr read(int fd, byte[] buffer, IntPtr count);

            [DllImport("libc", SetLastError = true)]
            public static extern int ioctl(int fd, UIntPtr request, ref WinSize size);
        }
    }
}
