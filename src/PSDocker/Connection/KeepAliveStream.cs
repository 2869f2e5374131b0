using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PSDocker.Connection
{
    /// <summary>
    /// HTTP keep-alive for the Unix socket and tcp:// transports (plain, or TLS made here: see <see cref="ConnectTlsAsync"/>), whose
    /// handler opens a connection per request and closes it with the response: each connection is this stream, which follows the HTTP/1.1 framing of what passes
    /// through it (the request's headers and length, the response's status, length or chunks). A connection whose
    /// exchange ended cleanly goes back to a small pool for the next request instead of being closed; anything
    /// else (an upgrade to a raw stream, a body without a length, a response cut short, Connection: close, a
    /// chunked request) is closed as before. The handler asks for Connection: close; that line is taken out of
    /// the requests that are kept, and the end of their response is the end of the stream. A pooled connection
    /// the engine has closed meanwhile (it stopped or restarted) is noticed before use and dropped; requests are
    /// never sent twice.
    /// </summary>
    internal sealed class KeepAliveStream : Docker.DotNet.Handler.Abstractions.WriteClosableStream
    {
        private const int MaxIdlePerSocket = 8;
        private const int MaxHeaderBytes = 64 * 1024;

        private static readonly ConcurrentDictionary<string, ConcurrentQueue<Connection>> Idle = new ConcurrentDictionary<string, ConcurrentQueue<Connection>>(StringComparer.Ordinal);

        private readonly string _path;
        private readonly Connection _connection;
        private readonly Stream _stream;
        private bool _poolable = true;
        private bool _disposed;
        private MemoryStream? _head = new MemoryStream();
        private bool _keptAlive;
        private readonly Framing _request = new Framing(isRequest: true);
        private readonly Framing _response = new Framing(isRequest: false);

        private KeepAliveStream(string path, Connection connection)
        {
            _path = path;
            _connection = connection;
            _stream = connection.Stream;
            _response.Request = _request;
        }

        /// <summary>
        /// One connection to the engine: its socket and what is read and written on it (the socket's own stream, or
        /// a TLS session over it). Kept whole between requests, so a TLS session is made once per connection.
        /// </summary>
        internal sealed class Connection : IDisposable
        {
            public Connection(Socket socket, Stream stream)
            {
                Socket = socket;
                Stream = stream;
            }

            public Socket Socket { get; }

            public Stream Stream { get; }

            public void Dispose()
            {
                Stream.Dispose();
                Socket.Dispose();
            }
        }

        /// <summary>A new connection to the Unix socket at <paramref name="path"/>.</summary>
        public static Task<Connection> ConnectAsync(string path, CancellationToken cancellationToken) =>
            ConnectAsync(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), socket => socket.ConnectAsync(UnixEndPoint(path)), Plain, cancellationToken);

        /// <summary>A new TCP connection to <paramref name="host"/>:<paramref name="port"/> (plain HTTP: tcp:// without TLS).</summary>
        public static Task<Connection> ConnectTcpAsync(string host, int port, CancellationToken cancellationToken) =>
            ConnectAsync(new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }, socket => socket.ConnectAsync(host, port), Plain, cancellationToken);

        /// <summary>
        /// A new TCP connection to <paramref name="host"/>:<paramref name="port"/> with a TLS session over it, verified and
        /// authenticated by <paramref name="tls"/>. The handler is then told the endpoint is plain HTTP, so it does not
        /// make a TLS session of its own per request: this one serves every request the connection is kept for.
        /// </summary>
        public static Task<Connection> ConnectTlsAsync(string host, int port, TlsAuthProvider tls, CancellationToken cancellationToken) =>
            ConnectAsync(new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }, socket => socket.ConnectAsync(host, port), socket => tls.AuthenticateAsync(new NetworkStream(socket, ownsSocket: false), host), cancellationToken);

        /// <summary>
        /// A new connection whose reads and writes wait in the kernel on the calling thread (<see cref="PollingStream"/>),
        /// closed after its one request. On Unix the runtime makes a blocking read wait for its I/O thread to say the
        /// socket is readable and hand over (waking pool threads as it goes): for a long stream of small writes read
        /// on one thread (a container's logs, a frame per line), that hand-over cost more than the reading did.
        /// </summary>
        public static KeepAliveStream OpenBlocking(string path, Func<CancellationToken, Connection> connect, CancellationToken cancellationToken) =>
            new KeepAliveStream(path, connect(cancellationToken)) { _poolable = false };

        /// <inheritdoc cref="ConnectAsync(string, CancellationToken)"/>
        public static Connection Connect(string path, CancellationToken cancellationToken) =>
            Connect(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), socket => socket.Connect(UnixEndPoint(path)), socket => new PollingStream(socket), cancellationToken);

        /// <inheritdoc cref="ConnectTcpAsync(string, int, CancellationToken)"/>
        public static Connection ConnectTcp(string host, int port, CancellationToken cancellationToken) =>
            Connect(new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }, socket => socket.Connect(host, port), socket => new PollingStream(socket), cancellationToken);

        /// <inheritdoc cref="ConnectTlsAsync(string, int, TlsAuthProvider, CancellationToken)"/>
        public static Connection ConnectTls(string host, int port, TlsAuthProvider tls, CancellationToken cancellationToken) =>
            Connect(new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }, socket => socket.Connect(host, port), socket => tls.AuthenticateAsync(new PollingStream(socket), host, blocking: true).GetAwaiter().GetResult(), cancellationToken);

        /// <summary>
        /// Connects (blocking), then opens the polling stream: <see cref="ConnectAsync(Socket, Func{Socket, Task}, Func{Socket, Task{Stream}}, CancellationToken)"/>
        /// with steps that finish before they return, so it all runs on this thread.
        /// </summary>
        private static Connection Connect(Socket socket, Action<Socket> connect, Func<Socket, Stream> open, CancellationToken cancellationToken) =>
            ConnectAsync(
                socket,
                s =>
                {
                    connect(s);
                    s.Blocking = false;
                    return Task.CompletedTask;
                },
                s => Task.FromResult(open(s)),
                cancellationToken).GetAwaiter().GetResult();

        /// <summary>
        /// A non-blocking socket read and written with blocking semantics: a read that would block waits in poll on this
        /// thread, then reads. <see cref="Abort"/> (from another thread) shuts the socket down, which ends the wait.
        /// </summary>
        internal sealed class PollingStream : Stream
        {
            private readonly Socket _socket;

            public PollingStream(Socket socket) => _socket = socket;

            /// <summary>Ends any wait on <paramref name="socket"/> (shutdown wakes poll; close alone does not), then closes it.</summary>
            public static void Abort(Socket socket)
            {
                try
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                }

                socket.Dispose();
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                while (true)
                {
                    var read = _socket.Receive(buffer, offset, count, SocketFlags.None, out var error);
                    if (error == SocketError.Success)
                    {
                        return read;
                    }

                    if (error != SocketError.WouldBlock)
                    {
                        throw new IOException("Reading from the engine failed: " + error + ".", new SocketException((int)error));
                    }

                    _socket.Poll(-1, SelectMode.SelectRead);
                }
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                while (count > 0)
                {
                    var sent = _socket.Send(buffer, offset, count, SocketFlags.None, out var error);
                    if (error == SocketError.WouldBlock)
                    {
                        _socket.Poll(-1, SelectMode.SelectWrite);
                        continue;
                    }

                    if (error != SocketError.Success)
                    {
                        throw new IOException("Writing to the engine failed: " + error + ".", new SocketException((int)error));
                    }

                    offset += sent;
                    count -= sent;
                }
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                Write(buffer, offset, count);
                return Task.CompletedTask;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();
        }

        private static Task<Stream> Plain(Socket socket) => Task.FromResult<Stream>(new NetworkStream(socket, ownsSocket: false));

        /// <summary>
        /// Connects <paramref name="socket"/> and opens its stream; cancelling shuts it down and closes it (which also
        /// ends a blocking connect or handshake), and a socket that did not connect (or whose TLS session failed) is closed.
        /// </summary>
        private static async Task<Connection> ConnectAsync(Socket socket, Func<Socket, Task> connect, Func<Socket, Task<Stream>> open, CancellationToken cancellationToken)
        {
            try
            {
                using (cancellationToken.Register(() => PollingStream.Abort(socket)))
                {
                    await connect(socket).ConfigureAwait(false);
                    return new Connection(socket, await open(socket).ConfigureAwait(false));
                }
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new OperationCanceledException(cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        /// <summary>A Unix socket address (the type is not in .NET Standard 2.0, but is in every .NET that has Unix sockets).</summary>
        internal static System.Net.EndPoint UnixEndPoint(string path)
        {
            var type = Type.GetType("System.Net.Sockets.UnixDomainSocketEndPoint, System.Net.Sockets")
                ?? Type.GetType("System.Net.Sockets.UnixDomainSocketEndPoint, System")
                ?? throw new PlatformNotSupportedException("This .NET has no Unix domain sockets.");
            return (System.Net.EndPoint)Activator.CreateInstance(type, path)!;
        }

        /// <summary>A connection to where <paramref name="path"/> names: an idle one that is still open, else a new one.</summary>
        public static async Task<Stream> OpenAsync(string path, Func<CancellationToken, Task<Connection>> connect, CancellationToken cancellationToken)
        {
            if (Idle.TryGetValue(path, out var idle))
            {
                while (idle.TryDequeue(out var connection))
                {
                    if (IsOpen(connection.Socket))
                    {
                        return new KeepAliveStream(path, connection);
                    }

                    connection.Dispose();
                }
            }

            return new KeepAliveStream(path, await connect(cancellationToken).ConfigureAwait(false));
        }

        /// <summary>Closes the idle connections to <paramref name="path"/> (the session that used them is gone).</summary>
        public static void Forget(string path)
        {
            if (Idle.TryRemove(path, out var idle))
            {
                while (idle.TryDequeue(out var connection))
                {
                    connection.Dispose();
                }
            }
        }

        /// <summary>Closes the connection from another thread, ending a read that waits on it (<see cref="PollingStream.Abort"/>).</summary>
        public void Abort()
        {
            _poolable = false;
            PollingStream.Abort(_connection.Socket);
            Dispose();
        }

        /// <inheritdoc/>
        public override bool CanCloseWrite => true;

        /// <summary>Half-closes the connection (a hijacked stream's stdin is done); such a connection is never kept.</summary>
        public override void CloseWrite()
        {
            _poolable = false;
            // Under TLS too, as the docker CLI does: the TCP connection is half-closed, the TLS session is not ended.
            _connection.Socket.Shutdown(SocketShutdown.Send);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => _stream.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _stream.FlushAsync(cancellationToken);

        /// <summary>A blocking read on the calling thread (no I/O thread in between): for readers of long streams of small writes.</summary>
        public override int Read(byte[] buffer, int offset, int count) =>
            MessageEnded ? 0 : Follow(buffer, offset, _stream.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            MessageEnded ? 0 : Follow(buffer, offset, await _stream.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        /// <summary>
        /// The engine keeps the connection open after a kept exchange: the end of the message is the end of this stream
        /// (a 204 has no length, and the handler would wait for a close that does not come).
        /// </summary>
        private bool MessageEnded => _keptAlive && _poolable && _response.Complete;

        /// <summary>Follows the response's framing over the <paramref name="read"/> bytes just read; returns <paramref name="read"/>.</summary>
        private int Follow(byte[] buffer, int offset, int read)
        {
            if (read > 0 && _poolable && !_response.Feed(buffer, offset, read))
            {
                _poolable = false;
            }

            return read;
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_head != null)
            {
                // The request's head is held back until it is whole, to be sent without its "Connection: close".
                _head.Write(buffer, offset, count);
                var bytes = _head.GetBuffer();
                var end = PSDocker.Api.FrameReader.HeadEnd(bytes, 0, (int)_head.Length);
                if (end < 0)
                {
                    if (_head.Length > MaxHeaderBytes)
                    {
                        _poolable = false;
                        await FlushHeadAsync(bytes, (int)_head.Length, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }

                var head = Encoding.ASCII.GetString(bytes, 0, end);
                var rest = (int)_head.Length - end;
                var restBytes = new byte[rest];
                Buffer.BlockCopy(bytes, end, restBytes, 0, rest);
                _head = null;
                var kept = KeepAlive(head);
                if (kept is null)
                {
                    // Not one to keep (an upgrade, a streamed upload): sent as it is, and closed after.
                    _poolable = false;
                    var original = Encoding.ASCII.GetBytes(head);
                    await SendAsync(original, 0, original.Length, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    _keptAlive = true;
                    var rewritten = Encoding.ASCII.GetBytes(kept);
                    _request.Feed(rewritten, 0, rewritten.Length);
                    await SendAsync(rewritten, 0, rewritten.Length, cancellationToken).ConfigureAwait(false);
                }

                if (rest > 0)
                {
                    await WriteAsync(restBytes, 0, rest, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            if (_poolable && !_request.Feed(buffer, offset, count))
            {
                _poolable = false;
            }

            await SendAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }

        private async Task FlushHeadAsync(byte[] bytes, int length, CancellationToken cancellationToken)
        {
            _head = null;
            await SendAsync(bytes, 0, length, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The head without the handler's "Connection: close", when the request is one whose connection can be
        /// kept (no upgrade, no chunked body); null otherwise.
        /// </summary>
        private static string? KeepAlive(string head)
        {
            var lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None).ToList();
            foreach (var line in lines)
            {
                var colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    continue;
                }

                var name = line.Substring(0, colon).Trim();
                var value = line.Substring(colon + 1);
                if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)
                    || (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.IndexOf("upgrade", StringComparison.OrdinalIgnoreCase) >= 0)
                    || (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    return null;
                }
            }

            lines.RemoveAll(line => line.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase) && line.IndexOf("close", StringComparison.OrdinalIgnoreCase) >= 0);
            return string.Join("\r\n", lines);
        }

        private Task SendAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _stream.WriteAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                if (_keptAlive && _poolable && _request.Complete && _response.Complete && !_response.Upgraded && IsOpen(_connection.Socket))
                {
                    var idle = Idle.GetOrAdd(_path, _ => new ConcurrentQueue<Connection>());
                    if (idle.Count < MaxIdlePerSocket)
                    {
                        idle.Enqueue(_connection);
                        base.Dispose(disposing);
                        return;
                    }
                }

                _connection.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>
        /// Whether an idle connection can carry the next request: an idle one has nothing to read, so readable means the
        /// other side closed it (or, under TLS, said it will: close_notify), or sent what no request asked for.
        /// </summary>
        private static bool IsOpen(Socket socket)
        {
            try
            {
                return socket.Connected && !socket.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                return false;
            }
        }

        /// <summary>
        /// Follows one HTTP/1.1 message's framing as its bytes pass: the head, then a body of Content-Length bytes or
        /// of chunks. Feed returns false when the message is one that must not share its connection.
        /// </summary>
        private sealed class Framing
        {
            private readonly bool _isRequest;
            private readonly StringBuilder _head = new StringBuilder();
            private int _state; // 0 head, 1 body by length, 2 chunk size line, 3 chunk data, 4 chunk CRLF, 5 trailers, 6 done
            private long _left;
            private readonly StringBuilder _line = new StringBuilder();
            private bool _isHead;

            public Framing(bool isRequest) => _isRequest = isRequest;

            public bool Complete => _state == 6;

            public bool Upgraded { get; private set; }

            /// <summary>The request was a HEAD (its response has no body whatever its headers say).</summary>
            public bool IsHeadRequest => _isHead;


            internal Framing? Request { get; set; }

            public bool Feed(byte[] buffer, int offset, int count)
            {
                var end = offset + count;
                var i = offset;
                while (i < end)
                {
                    switch (_state)
                    {
                        case 0:
                            _head.Append((char)buffer[i++]);
                            if (_head.Length > MaxHeaderBytes)
                            {
                                return false;
                            }

                            if (_head.Length >= 4 && _head[_head.Length - 1] == '\n' && _head[_head.Length - 2] == '\r' && _head[_head.Length - 3] == '\n' && _head[_head.Length - 4] == '\r')
                            {
                                if (!StartBody())
                                {
                                    return false;
                                }
                            }

                            break;
                        case 1:
                            var take = (int)Math.Min(_left, end - i);
                            i += take;
                            _left -= take;
                            if (_left == 0)
                            {
                                _state = 6;
                            }

                            break;
                        case 2:
                        case 5:
                            var c = (char)buffer[i++];
                            if (c != '\n')
                            {
                                _line.Append(c);
                                if (_line.Length > 1024)
                                {
                                    return false;
                                }

                                break;
                            }

                            var text = _line.ToString().TrimEnd('\r');
                            _line.Clear();
                            if (_state == 5)
                            {
                                if (text.Length == 0)
                                {
                                    _state = 6;
                                }

                                break;
                            }

                            var semicolon = text.IndexOf(';');
                            var hex = (semicolon >= 0 ? text.Substring(0, semicolon) : text).Trim();
                            if (!long.TryParse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var size) || size < 0)
                            {
                                return false;
                            }

                            _left = size;
                            _state = size == 0 ? 5 : 3;
                            break;
                        case 3:
                            var chunk = (int)Math.Min(_left, end - i);
                            i += chunk;
                            _left -= chunk;
                            if (_left == 0)
                            {
                                _state = 4;
                                _left = 2;
                            }

                            break;
                        case 4:
                            i++;
                            if (--_left == 0)
                            {
                                _state = 2;
                            }

                            break;
                        default:
                            // Bytes after the end of the message: not HTTP/1.1 as we know it.
                            return false;
                    }
                }

                return true;
            }

            private bool StartBody()
            {
                var lines = _head.ToString().Split(new[] { "\r\n" }, StringSplitOptions.None);
                var first = lines[0];
                long? length = null;
                var chunked = false;
                foreach (var line in lines)
                {
                    var colon = line.IndexOf(':');
                    if (colon <= 0)
                    {
                        continue;
                    }

                    var name = line.Substring(0, colon).Trim();
                    var value = line.Substring(colon + 1).Trim();
                    if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                    {
                        length = n;
                    }
                    else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                    {
                        chunked = value.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0;
                    }
                    else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.IndexOf("close", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return false;
                    }
                    else if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase) || (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.IndexOf("upgrade", StringComparison.OrdinalIgnoreCase) >= 0))
                    {
                        Upgraded = true;
                        return false;
                    }
                }

                if (_isRequest)
                {
                    _isHead = first.StartsWith("HEAD ", StringComparison.Ordinal);
                    if (chunked)
                    {
                        // A streamed upload: long, and rare; not worth keeping the connection for.
                        return false;
                    }

                    _left = length ?? 0;
                    _state = _left == 0 ? 6 : 1;
                    return true;
                }

                var parts = first.Split(' ');
                if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.1", StringComparison.Ordinal) || !int.TryParse(parts[1], out var status))
                {
                    return false;
                }

                if (status == 101 || (status >= 100 && status < 200))
                {
                    Upgraded = status == 101;
                    return false;
                }

                if (status == 204 || status == 304 || (Request?.IsHeadRequest ?? false))
                {
                    _state = 6;
                    return true;
                }

                if (chunked)
                {
                    _state = 2;
                    return true;
                }

                if (length.HasValue)
                {
                    _left = length.Value;
                    _state = _left == 0 ? 6 : 1;
                    return true;
                }

                // A body that ends when the connection does.
                return false;
            }
        }
    }
}
