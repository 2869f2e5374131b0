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
            var outLines = new LineSplitter();
            var errLines = new LineSplitter();
            var lines = new List<string>();
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
                if (read.EOF)
                {
                    break;
                }

                var isError = read.Target == MultiplexedStream.TargetStream.StandardError;
                (isError ? errLines : outLines).Push(buffer, 0, read.Count, lines);
                foreach (var line in lines)
                {
                    (isError ? stderr : stdout)(line);
                }

                lines.Clear();
            }

            if (outLines.Flush() is string lastOut)
            {
                stdout(lastOut);
            }

            if (errLines.Flush() is string lastErr)
            {
                stderr(lastErr);
            }
        }
    }
}
