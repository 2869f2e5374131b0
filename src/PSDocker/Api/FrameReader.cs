using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace PSDocker.Api
{
    /// <summary>
    /// One GET of an engine stream (a container's logs) on a kept connection, read with blocking reads on the calling
    /// thread: the HTTP/1.1 answer's chunks and the engine's 8-byte stream frames are taken apart here, in the buffer
    /// they arrive in. The engine sends a chunk and a frame per log line; read through the handler that was a line
    /// read per chunk, two reads per frame and an I/O thread's hand-over per read, which at a million lines was most
    /// of the time (and CPU the engine, on the same cores, was short of).
    /// </summary>
    internal static class FrameReader
    {
        private const int BlockSize = 64 * 1024;
        private const int MaxHeadBytes = 64 * 1024;
        private const int MaxErrorBodyBytes = 1024 * 1024;

        /// <summary>
        /// Sends GET <paramref name="pathAndQuery"/> on <paramref name="connection"/> and hands each piece of the answer's
        /// payload to <paramref name="onPayload"/> (true for stderr) as it arrives; <paramref name="multiplexed"/>: the
        /// payload is in stream frames (a container without a TTY), else it is all stdout. An answer that is not 2xx
        /// throws <see cref="ErrorAnswer"/> with its status and body (nothing else is read). It all runs on the calling
        /// thread (the pipeline thread), so <paramref name="onPayload"/> may write to the pipeline; closing
        /// <paramref name="connection"/> from another thread ends a blocked read (Ctrl+C).
        /// </summary>
        public static void Read(Stream connection, string host, string pathAndQuery, bool multiplexed, Action<bool, byte[], int, int> onPayload)
        {
            var head = Encoding.ASCII.GetBytes("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: PSDocker\r\n\r\n");
            connection.Write(head, 0, head.Length);
            connection.Flush();

            var body = new Body(connection);
            var status = body.ReadHead();
            if (status < 200 || status >= 300)
            {
                throw new ErrorAnswer(status, body.ReadText());
            }

            var block = new byte[BlockSize];
            var header = new byte[8];
            var headerCount = 0;
            var remaining = 0L;
            var isError = false;
            while (true)
            {
                var read = body.Read(block);
                if (read == 0)
                {
                    if (headerCount != 0 || remaining != 0)
                    {
                        throw new EndOfStreamException("The engine's stream ended inside a frame.");
                    }

                    return;
                }

                if (!multiplexed)
                {
                    onPayload(false, block, 0, read);
                    continue;
                }

                var i = 0;
                while (i < read)
                {
                    if (remaining == 0)
                    {
                        var take = Math.Min(8 - headerCount, read - i);
                        Buffer.BlockCopy(block, i, header, headerCount, take);
                        headerCount += take;
                        i += take;
                        if (headerCount < 8)
                        {
                            break;
                        }

                        headerCount = 0;
                        if (header[0] > 2)
                        {
                            throw new IOException("Unknown stream type in the engine's stream: " + header[0] + ".");
                        }

                        isError = header[0] == 2;
                        remaining = ((long)header[4] << 24) | ((long)header[5] << 16) | ((long)header[6] << 8) | header[7];
                        continue;
                    }

                    var count = (int)Math.Min(remaining, read - i);
                    onPayload(isError, block, i, count);
                    i += count;
                    remaining -= count;
                }
            }
        }

        /// <summary>
        /// Where an HTTP head in <paramref name="bytes"/>[<paramref name="start"/>..<paramref name="end"/>) ends (just after
        /// its blank line), or -1 when it has not yet. For requests going out too (<see cref="Connection.KeepAliveStream"/>).
        /// </summary>
        internal static int HeadEnd(byte[] bytes, int start, int end)
        {
            for (var i = start + 3; i < end; i++)
            {
                if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r')
                {
                    return i + 1;
                }
            }

            return -1;
        }

        /// <summary>An answer that is not 2xx: its status and (up to 1 MiB of) its body, for the caller to map.</summary>
        internal sealed class ErrorAnswer : Exception
        {
            public ErrorAnswer(int status, string body)
                : base("The engine answered " + status.ToString(CultureInfo.InvariantCulture) + ": " + body)
            {
                Status = status;
                Body = body;
            }

            public int Status { get; }

            public string Body { get; }
        }

        /// <summary>The answer: its status line and headers, then its body (by length, by chunks, or to the end).</summary>
        private sealed class Body
        {
            private readonly Stream _stream;
            private readonly byte[] _buffer = new byte[BlockSize];
            private int _start;
            private int _end;
            private bool _chunked;
            private long _left = -1; // bytes left in the body (by length) or in the chunk; -1: to the end of the stream
            private bool _done;

            public Body(Stream stream) => _stream = stream;

            /// <summary>Reads the status line and headers; returns the status.</summary>
            public int ReadHead()
            {
                while (true)
                {
                    var end = HeadEnd(_buffer, _start, _end);
                    if (end >= 0)
                    {
                        var text = Encoding.ASCII.GetString(_buffer, _start, end - _start);
                        _start = end;
                        return Parse(text);
                    }

                    if (_end - _start >= MaxHeadBytes)
                    {
                        throw new IOException("The engine's answer has no end of its headers within " + MaxHeadBytes + " bytes.");
                    }

                    if (!Fill())
                    {
                        throw new EndOfStreamException("The engine closed the connection before its answer's headers ended.");
                    }
                }
            }

            private int Parse(string head)
            {
                var lines = head.Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries);
                var parts = lines.Length == 0 ? Array.Empty<string>() : lines[0].Split(' ');
                if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                {
                    throw new IOException("The engine's answer does not start with an HTTP status line.");
                }

                for (var i = 1; i < lines.Length; i++)
                {
                    var colon = lines[i].IndexOf(':');
                    if (colon <= 0)
                    {
                        continue;
                    }

                    var name = lines[i].Substring(0, colon).Trim();
                    var value = lines[i].Substring(colon + 1).Trim();
                    if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        _chunked = true;
                    }
                    else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                    {
                        _left = length;
                    }
                }

                if (_chunked)
                {
                    _left = 0; // a chunk size line comes first
                }
                else if (_left == 0 || status == 204 || status == 304)
                {
                    _done = true;
                }

                return status;
            }

            /// <summary>The next body bytes into <paramref name="into"/>; 0 at the end of the body.</summary>
            public int Read(byte[] into)
            {
                while (!_done)
                {
                    if (_chunked && _left == 0)
                    {
                        var size = ReadChunkSize();
                        if (size == 0)
                        {
                            // The last chunk: trailers (if any) and the blank line end the answer.
                            while (true)
                            {
                                var trailer = ReadLine() ?? throw new EndOfStreamException("The engine closed the connection before its answer ended.");
                                if (trailer.Length == 0)
                                {
                                    break;
                                }
                            }

                            _done = true;
                            return 0;
                        }

                        _left = size;
                    }

                    if (_start == _end && !Fill())
                    {
                        if (_left < 0)
                        {
                            _done = true;
                            return 0;
                        }

                        throw new EndOfStreamException("The engine closed the connection inside its answer.");
                    }

                    var count = _end - _start;
                    if (_left >= 0 && _left < count)
                    {
                        count = (int)_left;
                    }

                    if (count > into.Length)
                    {
                        count = into.Length;
                    }

                    Buffer.BlockCopy(_buffer, _start, into, 0, count);
                    _start += count;
                    if (_left > 0)
                    {
                        _left -= count;
                        if (_left == 0)
                        {
                            if (_chunked)
                            {
                                // Each chunk's data ends with CRLF.
                                if (ReadLine() is string rest && rest.Length != 0)
                                {
                                    throw new IOException("The engine's answer has a chunk longer than its size.");
                                }
                            }
                            else
                            {
                                _done = true;
                            }
                        }
                    }

                    return count;
                }

                return 0;
            }

            /// <summary>The rest of the body as text (bounded), for an error's message.</summary>
            public string ReadText()
            {
                using var text = new MemoryStream();
                var block = new byte[8192];
                int read;
                while (text.Length < MaxErrorBodyBytes && (read = Read(block)) > 0)
                {
                    text.Write(block, 0, read);
                }

                return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
            }

            private long ReadChunkSize()
            {
                var line = ReadLine() ?? throw new EndOfStreamException("The engine closed the connection inside its answer.");
                var semicolon = line.IndexOf(';');
                var hex = (semicolon >= 0 ? line.Substring(0, semicolon) : line).Trim();
                if (!long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                {
                    throw new IOException("The engine's answer has a chunk size that is not one: '" + line + "'.");
                }

                return size;
            }

            /// <summary>A line (without its CRLF) from the buffer, filling it as needed; null at the end of the stream.</summary>
            private string? ReadLine()
            {
                while (true)
                {
                    for (var i = _start; i < _end; i++)
                    {
                        if (_buffer[i] == '\n')
                        {
                            var length = i > _start && _buffer[i - 1] == '\r' ? i - 1 - _start : i - _start;
                            var line = Encoding.ASCII.GetString(_buffer, _start, length);
                            _start = i + 1;
                            return line;
                        }
                    }

                    if (_end - _start > 4096)
                    {
                        throw new IOException("The engine's answer has a chunk line longer than 4096 bytes.");
                    }

                    if (!Fill())
                    {
                        return null;
                    }
                }
            }

            /// <summary>Reads more from the connection after what is buffered; false at its end.</summary>
            private bool Fill()
            {
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
                _end += read;
                return read > 0;
            }
        }
    }
}
