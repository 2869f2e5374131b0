using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using PSDocker.Pipeline;

namespace PSDocker.Api
{
    /// <summary>Reads a container's (multiplexed or TTY) output and hands over each complete line as it arrives.</summary>
    internal static class OutputPump
    {
        public static async Task CopyLinesAsync(MultiplexedStream stream, Action<string> stdout, Action<string> stderr, CancellationToken cancellationToken)
        {
            var buffer = new byte[81920];
            var lines = new Lines(stdout, stderr);
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
                if (read.EOF)
                {
                    break;
                }

                lines.Push(read.Target == MultiplexedStream.TargetStream.StandardError, buffer, 0, read.Count);
            }

            lines.Flush();
        }

        /// <summary>Output in pieces as they arrive (stdout and stderr apart) to whole lines, each handed over once complete.</summary>
        internal sealed class Lines
        {
            private readonly Action<string> _stdout;
            private readonly Action<string> _stderr;
            private readonly LineSplitter _outLines = new LineSplitter();
            private readonly LineSplitter _errLines = new LineSplitter();
            private readonly List<string> _lines = new List<string>();

            public Lines(Action<string> stdout, Action<string> stderr)
            {
                _stdout = stdout;
                _stderr = stderr;
            }

            public void Push(bool isError, byte[] buffer, int offset, int count)
            {
                (isError ? _errLines : _outLines).Push(buffer, offset, count, _lines);
                try
                {
                    var write = isError ? _stderr : _stdout;
                    foreach (var line in _lines)
                    {
                        write(line);
                    }
                }
                finally
                {
                    _lines.Clear();
                }
            }

            /// <summary>The unfinished last lines, when the output ended without a newline.</summary>
            public void Flush()
            {
                if (_outLines.Flush() is string lastOut)
                {
                    _stdout(lastOut);
                }

                if (_errLines.Flush() is string lastErr)
                {
                    _stderr(lastErr);
                }
            }
        }
    }
}
