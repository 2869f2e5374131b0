using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using PSDocker.Connection;

namespace PSDocker.Api
{
    /// <summary>
    /// Plain requests over the session's own transport, for the few endpoints the Docker.DotNet client does not
    /// serve for every engine we speak to: /system/df changed shape in API 1.52 and the library only knows the
    /// new one, /events is read line by line so Ctrl+C can close it, a container's wait takes a condition, volume removal drops its force option, secrets cannot be updated, and a registry lookup takes no login. Failures are thrown as the
    /// library's <see cref="DockerApiException"/>, so <see cref="DockerErrorMapper"/> treats them alike.
    /// </summary>
    internal sealed class RawApi : IDisposable
    {
        private readonly HttpClient _http;
        private readonly Uri _base;
        private readonly TimeSpan _requestTimeout;
        private readonly Func<CancellationToken, KeepAliveStream>? _openBlocking;

        /// <summary>
        /// Requests on <paramref name="handler"/>; <paramref name="requestTimeout"/> limits those that are not streams (JSON
        /// answers, deletes). <paramref name="openBlocking"/> opens a connection of the same transport with blocking calls
        /// (<see cref="HandlerTap.OpenBlocking"/>), for <see cref="TryReadFrames"/>.
        /// </summary>
        public RawApi(HttpMessageHandler handler, Uri engineBase, Version apiVersion, TimeSpan requestTimeout, Func<CancellationToken, KeepAliveStream>? openBlocking = null)
        {
            _requestTimeout = requestTimeout;
            _openBlocking = openBlocking;
            // The handler belongs to the session's DockerClient, which disposes it.
            _http = new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _base = new Uri(engineBase, "v" + apiVersion.ToString(2) + "/");
        }

        /// <summary>The base address of engine requests for an endpoint, as the transport factories form it.</summary>
        public static Uri EngineBase(DockerEndpoint endpoint)
        {
            var uri = endpoint.Uri;
            switch (uri.Scheme)
            {
                case "tcp":
                case "http":
                case "https":
                    // http under TLS too: the kept connection carries the TLS session (DockerSession.Tap), not the handler.
                    return new UriBuilder(Uri.UriSchemeHttp, uri.Host, uri.Port).Uri;
                default:
                    // Socket and pipe transports connect by path; the host only fills the Host header.
                    return new Uri("http://localhost/");
            }
        }

        /// <summary>
        /// GET <paramref name="pathAndQuery"/> (relative to /vX.Y/), a stream of many small frames such as a container's
        /// logs, read by <see cref="FrameReader"/> with blocking reads on this thread; each payload piece goes to
        /// <paramref name="onPayload"/> (true: stderr). False, with nothing sent, where this transport keeps no connections
        /// (the caller then uses the library). Never cut by the request timeout; cancelling closes the connection,
        /// which ends a blocked read.
        /// </summary>
        public bool TryReadFrames(string pathAndQuery, bool multiplexed, Action<bool, byte[], int, int> onPayload, CancellationToken cancellationToken)
        {
            if (_openBlocking is null)
            {
                return false;
            }

            var uri = new Uri(_base, pathAndQuery);
            using var connection = _openBlocking(cancellationToken);
            using (cancellationToken.Register(connection.Abort))
            {
                try
                {
                    FrameReader.Read(connection, uri.IsDefaultPort ? uri.Host : uri.Authority, uri.PathAndQuery, multiplexed, onPayload);
                }
                catch (FrameReader.ErrorAnswer answer)
                {
                    // As the client library reports it, for the same mapping (a missing container, an engine error).
                    throw new DockerApiException((HttpStatusCode)answer.Status, answer.Body);
                }
                catch (Exception e) when (cancellationToken.IsCancellationRequested && (e is IOException || e is ObjectDisposedException || e is System.Net.Sockets.SocketException))
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            return true;
        }

        /// <summary>
        /// The logs request of a container or service (<paramref name="kind"/>: "containers" or "services"), with the
        /// query the client library forms from its logs parameters; <paramref name="details"/> only when not null.
        /// </summary>
        public static string LogsPath(string kind, string id, bool? stdout, bool? stderr, bool? follow, bool? timestamps, string? tail, string? since, string? until = null, bool? details = null)
        {
            static string Flag(bool? value) => value == true ? "1" : "0";
            var query = new System.Text.StringBuilder(kind).Append('/').Append(Uri.EscapeDataString(id)).Append("/logs?stdout=").Append(Flag(stdout))
                .Append("&stderr=").Append(Flag(stderr))
                .Append("&follow=").Append(Flag(follow))
                .Append("&timestamps=").Append(Flag(timestamps))
                .Append("&tail=").Append(Uri.EscapeDataString(tail ?? "all"));
            if (details.HasValue)
            {
                query.Append("&details=").Append(Flag(details));
            }

            foreach (var (name, value) in new[] { ("since", since), ("until", until) })
            {
                if (value != null)
                {
                    query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
                }
            }

            return query.ToString();
        }

        /// <summary>GET <paramref name="pathAndQuery"/> (relative to /vX.Y/); the body as a stream once the headers are in.</summary>
        public Task<Stream> GetStreamAsync(string pathAndQuery, CancellationToken cancellationToken) =>
            SendAsync(HttpMethod.Get, pathAndQuery, cancellationToken);

        /// <summary>POST <paramref name="pathAndQuery"/> with no body; the answer as a stream once the headers are in.</summary>
        public Task<Stream> PostStreamAsync(string pathAndQuery, CancellationToken cancellationToken) =>
            SendAsync(HttpMethod.Post, pathAndQuery, cancellationToken);

        /// <summary>DELETE <paramref name="pathAndQuery"/>, for query options the library drops (volume removal's force).</summary>
        public async Task DeleteAsync(string pathAndQuery, CancellationToken cancellationToken)
        {
            using var timeout = Limit(cancellationToken);
            using var body = await SendAsync(HttpMethod.Delete, pathAndQuery, timeout.Token).ConfigureAwait(false);
        }

        /// <summary>POST <paramref name="json"/> to <paramref name="pathAndQuery"/>, for updates the library lacks (a secret's labels); the answer is dropped.</summary>
        public async Task PostJsonAsync(string pathAndQuery, string json, CancellationToken cancellationToken)
        {
            using var timeout = Limit(cancellationToken);
            using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            using var body = await SendAsync(HttpMethod.Post, pathAndQuery, timeout.Token, content).ConfigureAwait(false);
        }

        /// <summary>The caller's token, also cancelled when the request timeout passes (unless it is infinite).</summary>
        private CancellationTokenSource Limit(CancellationToken cancellationToken)
        {
            var limited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (_requestTimeout > TimeSpan.Zero && _requestTimeout != System.Threading.Timeout.InfiniteTimeSpan)
            {
                limited.CancelAfter(_requestTimeout);
            }

            return limited;
        }

        private async Task<Stream> SendAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken, HttpContent? content = null, string? registryAuth = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(_base, pathAndQuery)) { Version = HttpVersion.Version11, Content = content };
            request.Headers.Add("User-Agent", "PSDocker");
            if (registryAuth != null)
            {
                request.Headers.Add("X-Registry-Auth", registryAuth);
            }

            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            try
            {
                if ((int)response.StatusCode < 200 || (int)response.StatusCode >= 300)
                {
                    var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    throw new DockerApiException(response.StatusCode, body);
                }

                var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                return new ResponseStream(response, stream);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        /// <summary>GET <paramref name="pathAndQuery"/> and parse the answer as JSON; <paramref name="registryAuth"/> goes as X-Registry-Auth.</summary>
        public async Task<JsonDocument> GetJsonAsync(string pathAndQuery, CancellationToken cancellationToken, string? registryAuth = null)
        {
            using var timeout = Limit(cancellationToken);
            using var stream = await SendAsync(HttpMethod.Get, pathAndQuery, timeout.Token, null, registryAuth).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(stream, default, timeout.Token).ConfigureAwait(false);
        }

        public void Dispose() => _http.Dispose();

        /// <summary>A response body that releases its response (and so its connection) when disposed.</summary>
        private sealed class ResponseStream : Stream
        {
            private readonly HttpResponseMessage _response;
            private readonly Stream _inner;

            public ResponseStream(HttpResponseMessage response, Stream inner)
            {
                _response = response;
                _inner = inner;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }

            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                _inner.ReadAsync(buffer, offset, count, cancellationToken);

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _inner.Dispose();
                    _response.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }

    /// <summary>
    /// Sits where the library asks an <see cref="IAuthProvider"/> to configure its transport handler: puts the handler
    /// over kept connections (which carry TLS themselves, so the library is told there is none) and keeps the
    /// finished handler, so <see cref="RawApi"/> can share it.
    /// </summary>
    internal sealed class HandlerTap : IAuthProvider
    {
        private readonly string? _keepAliveKey;
        private readonly Func<CancellationToken, Task<KeepAliveStream.Connection>>? _connect;
        private readonly Func<CancellationToken, KeepAliveStream.Connection>? _connectBlocking;

        /// <param name="keepAliveKey">
        /// Where connections are kept for (a Unix socket's path, a tcp:// address), with <paramref name="connect"/>
        /// to make one (with its TLS session, when the endpoint has TLS): the transport then keeps connections alive
        /// (<see cref="KeepAliveStream"/>). Null: a connection per request.
        /// </param>
        /// <param name="connect">Makes a new connection to where <paramref name="keepAliveKey"/> names.</param>
        /// <param name="connectBlocking">The same with blocking calls only (<see cref="KeepAliveStream.OpenBlocking"/>).</param>
        public HandlerTap(string? keepAliveKey = null, Func<CancellationToken, Task<KeepAliveStream.Connection>>? connect = null, Func<CancellationToken, KeepAliveStream.Connection>? connectBlocking = null)
        {
            _keepAliveKey = connect is null ? null : keepAliveKey;
            _connect = connect;
            _connectBlocking = connectBlocking;
        }

        /// <summary>False under TLS too: a kept connection's TLS session is its own (<see cref="KeepAliveStream.ConnectTlsAsync"/>).</summary>
        public bool TlsEnabled => false;

        public HttpMessageHandler? Handler { get; private set; }

        /// <summary>
        /// A new connection of this transport whose reads wait on the calling thread (closed after its one request),
        /// for <see cref="FrameReader"/>; null where connections are not kept.
        /// </summary>
        public Func<CancellationToken, KeepAliveStream>? OpenBlocking =>
            _keepAliveKey is string key && _connectBlocking is Func<CancellationToken, KeepAliveStream.Connection> connect
                ? ct => KeepAliveStream.OpenBlocking(key, connect, ct)
                : (Func<CancellationToken, KeepAliveStream>?)null;

        public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler)
        {
            if (_keepAliveKey != null && _connect != null)
            {
                // The library's handler opens a socket per request; the same handler type over connections that are kept.
                var key = _keepAliveKey;
                var connect = _connect;
                handler.Dispose();
                handler = new Microsoft.Net.Http.Client.ManagedHandler(
                    new Microsoft.Net.Http.Client.ManagedHandler.StreamOpener((host, port, ct) => KeepAliveStream.OpenAsync(key, connect, ct)),
                    Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            }

            Handler = handler;
            return Handler;
        }
    }
}
