using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.LegacyHttp;
using Docker.DotNet.Models;
using Version = System.Version;
using Docker.DotNet.Unix;
using PSDocker.Api;
using PSDocker.Resources;

namespace PSDocker.Connection
{
    /// <summary>
    /// One connection to one engine: the client, the negotiated API version and what the engine said of
    /// itself. Shared by every cmdlet and runspace that names the same endpoint (see <see cref="DockerSessionCache"/>).
    /// </summary>
    internal sealed class DockerSession : IDisposable
    {
        /// <summary>The newest Engine API the client library was generated for (Docker.DotNet.Enhanced 4.3 = Engine v29.4).</summary>
        internal static readonly Version ClientMaxApiVersion = new Version(1, 54);

        /// <summary>Older engines lack endpoints and fields the cmdlets rely on.</summary>
        internal static readonly Version ClientMinApiVersion = new Version(1, 24);

        private readonly object _transferLock = new object();

        /// <summary>Where the requests go: the endpoint itself, or for ssh:// the relay's local socket.</summary>
        private readonly DockerEndpoint _transport;
        private readonly SshRelay? _relay;
        private DockerClient? _transferClient;
        private bool _disposed;

        /// <summary>The request timeout when $PSDockerRequestTimeoutSec is not set.</summary>
        internal static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

        private DockerSession(DockerEndpoint endpoint, DockerEndpoint transport, SshRelay? relay, TimeSpan requestTimeout, DockerClient client, RawApi raw, TlsAuthProvider? tls, VersionResponse engine, Version apiVersion)
        {
            Endpoint = endpoint;
            _transport = transport;
            _relay = relay;
            RequestTimeout = requestTimeout;
            Client = client;
            Raw = raw;
            Tls = tls;
            Engine = engine;
            ApiVersion = apiVersion;
        }

        public DockerEndpoint Endpoint { get; }

        /// <summary>
        /// How long one request may wait for the engine's answer (Timeout.InfiniteTimeSpan: for ever). Streams
        /// (logs, events, attach, pull/push/build progress) and waits (wait, stop, restart) are never cut by it.
        /// </summary>
        public TimeSpan RequestTimeout { get; }

        /// <summary>The key of this session in <see cref="DockerSessionCache"/>.</summary>
        public string CacheKey => DockerSessionCache.Key(Endpoint, RequestTimeout);

        public DockerClient Client { get; }

        /// <summary>Plain requests on the same transport, for endpoints the library's models do not fit.</summary>
        public RawApi Raw { get; }

        /// <summary>
        /// A second client without the request timeout, for work that takes as long as it takes: uploads (copying
        /// a large tree into a container) and commits of large containers. Made on first use.
        /// </summary>
        public DockerClient TransferClient
        {
            get
            {
                lock (_transferLock)
                {
                    if (_disposed)
                    {
                        throw new ObjectDisposedException(nameof(DockerSession));
                    }

                    return _transferClient ??= Build(_transport, Tap(_transport, Tls), ApiVersion, Timeout.InfiniteTimeSpan);
                }
            }
        }

        public TlsAuthProvider? Tls { get; }

        /// <summary>The engine's answer to the one /version request of this session.</summary>
        public VersionResponse Engine { get; }

        /// <summary>min(<see cref="ClientMaxApiVersion"/>, the engine's API version), or DOCKER_API_VERSION when set.</summary>
        public Version ApiVersion { get; }

        public static async Task<DockerSession> ConnectAsync(DockerEndpoint endpoint, TimeSpan requestTimeout, CancellationToken cancellationToken)
        {
            if (endpoint.Uri.Scheme == "npipe" && !System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows))
            {
                throw new DockerPSException(
                    "The engine address " + endpoint.Host + " is a Windows named pipe, and named pipes exist on Windows only. Here the engine listens on a Unix socket (unix:///var/run/docker.sock, or the rootless unix:///run/user/<uid>/docker.sock) or on tcp://: set DOCKER_HOST or -DockerHost to that.",
                    "DockerHostSchemeNotSupported", System.Management.Automation.ErrorCategory.NotImplemented, endpoint.Host);
            }

            CheckPinnedApiVersion(Environment.GetEnvironmentVariable("DOCKER_API_VERSION"));
            var tls = endpoint.Tls is null ? null : new TlsAuthProvider(endpoint.Tls);
            // ssh://: requests go to a local socket of this session's own, whose connections run ssh.
            var relay = endpoint.Uri.Scheme == "ssh" ? SshRelay.Start(endpoint) : null;
            var transport = relay is null ? endpoint : new DockerEndpoint(new Uri("unix://" + relay.SocketPath), endpoint.Host, endpoint.Context, null, endpoint.Source);
            try
            {
                VersionResponse engine;
                using (var probe = Build(transport, Tap(transport, tls), apiVersion: null, requestTimeout))
                {
                    try
                    {
                        // Unversioned: the engine answers /version whatever API it speaks.
                        engine = await probe.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
                    {
                        throw relay?.Failure(e) ?? DockerErrorMapper.ToException(e, endpoint, tls, "DockerEngine", endpoint.Host, requestTimeout);
                    }
                }

                var negotiated = Negotiate(engine.APIVersion, Environment.GetEnvironmentVariable("DOCKER_API_VERSION"));
                if (negotiated < ClientMinApiVersion)
                {
                    throw new DockerPSException(
                        string.Format(CultureInfo.CurrentCulture, Resources.ConnectionMessages.ApiVersionTooOld, endpoint.Host, engine.APIVersion, ClientMinApiVersion),
                        "DockerApiVersionTooOld", System.Management.Automation.ErrorCategory.NotImplemented, endpoint.Host);
                }

                var tap = Tap(transport, tls);
                var client = Build(transport, tap, negotiated, requestTimeout);
                var raw = new RawApi(tap.Handler!, RawApi.EngineBase(transport), negotiated, requestTimeout, tap.OpenBlocking);
                return new DockerSession(endpoint, transport, relay, requestTimeout, client, raw, tls, engine, negotiated);
            }
            catch
            {
                relay?.Dispose();
                throw;
            }
        }

        /// <summary>
        /// DOCKER_API_VERSION, when set, must be an API version this module speaks: a value that is not a version
        /// is DockerApiVersionInvalid and one older than the minimum is DockerApiVersionTooOld, before any request.
        /// </summary>
        internal static void CheckPinnedApiVersion(string? pinned)
        {
            if (string.IsNullOrWhiteSpace(pinned))
            {
                return;
            }

            if (!TryParseApiVersion(pinned, out var version))
            {
                throw new DockerPSException(
                    "DOCKER_API_VERSION is '" + pinned + "', which is not an API version such as 1.41. Set it to one, or remove it ($env:DOCKER_API_VERSION = $null) to let PSDocker and the engine agree on the newest both speak.",
                    "DockerApiVersionInvalid", System.Management.Automation.ErrorCategory.InvalidArgument, pinned);
            }

            if (version < ClientMinApiVersion)
            {
                throw new DockerPSException(
                    "DOCKER_API_VERSION asks for API " + pinned!.Trim() + ", older than the oldest PSDocker speaks (" + ClientMinApiVersion + "). Set it to " + ClientMinApiVersion + " or later, or remove it ($env:DOCKER_API_VERSION = $null).",
                    "DockerApiVersionTooOld", System.Management.Automation.ErrorCategory.NotImplemented, pinned);
            }
        }

        internal static Version Negotiate(string? engineApiVersion, string? pinned)
        {
            if (!string.IsNullOrEmpty(pinned) && TryParseApiVersion(pinned, out var fixedVersion))
            {
                return fixedVersion;
            }

            if (!TryParseApiVersion(engineApiVersion, out var engine))
            {
                return ClientMinApiVersion;
            }

            return engine < ClientMaxApiVersion ? engine : ClientMaxApiVersion;
        }

        internal static bool TryParseApiVersion(string? text, out Version version)
        {
            version = new Version(0, 0);
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            var trimmed = text!.Trim().TrimStart('v', 'V');
            if (Version.TryParse(trimmed, out var parsed) && parsed.Build < 0)
            {
                version = parsed;
                return true;
            }

            return false;
        }

        /// <summary>
        /// The handler tap for an endpoint: kept connections on a Unix socket and on tcp://. Under TLS the kept
        /// connection carries the TLS session (made once per connection, not per request), so the handler is told
        /// the endpoint is plain HTTP.
        /// </summary>
        private static HandlerTap Tap(DockerEndpoint endpoint, TlsAuthProvider? tls)
        {
            var key = KeepAliveKey(endpoint.Uri, tls);
            if (key is null)
            {
                // A named pipe: the library's own transport, a connection per request (pipes never have TLS).
                return new HandlerTap();
            }

            var uri = endpoint.Uri;
            return uri.Scheme == "unix" ? new HandlerTap(key, token => KeepAliveStream.ConnectAsync(uri.LocalPath, token), token => KeepAliveStream.Connect(uri.LocalPath, token))
                : tls is null ? new HandlerTap(key, token => KeepAliveStream.ConnectTcpAsync(uri.Host, uri.Port, token), token => KeepAliveStream.ConnectTcp(uri.Host, uri.Port, token))
                : new HandlerTap(key, token => KeepAliveStream.ConnectTlsAsync(uri.Host, uri.Port, tls, token), token => KeepAliveStream.ConnectTls(uri.Host, uri.Port, tls, token));
        }

        /// <summary>
        /// What kept connections to <paramref name="uri"/> are pooled under; null when they are not kept. TLS connections
        /// are this session's own (its certificates and verification made them), never another's to the same address.
        /// </summary>
        private static string? KeepAliveKey(Uri uri, TlsAuthProvider? tls) =>
            uri.Scheme == "unix" ? uri.LocalPath
            : uri.Scheme == "tcp" && tls is null ? "tcp://" + uri.Host + ":" + uri.Port
            : uri.Scheme == "tcp" ? "tls://" + uri.Host + ":" + uri.Port + "#" + tls!.Id.ToString(CultureInfo.InvariantCulture)
            : null;

        private static DockerClient Build(DockerEndpoint endpoint, HandlerTap tls, Version? apiVersion, TimeSpan? timeout = null)
        {
            var builder = new DockerClientBuilder()
                .WithEndpoint(endpoint.Uri)
                .WithApiVersion(apiVersion)
                .WithAuthProvider(tls);
            if (timeout.HasValue)
            {
                // 0 or less: no limit, as for Invoke-WebRequest -TimeoutSec 0.
                builder = builder.WithTimeout(timeout.Value > TimeSpan.Zero ? timeout.Value : Timeout.InfiniteTimeSpan);
            }

            switch (endpoint.Uri.Scheme)
            {
                case "unix":
                    return builder.WithTransportOptions(new UnixSocketTransportOptions()).Build();
                case "tcp":
                    // The legacy transport: it supports hijacked streams (exec/attach with stdin).
                    return builder.WithTransportOptions(new LegacyHttpTransportOptions()).Build();
                default:
                    return builder.Build();
            }
        }

        public void Dispose()
        {
            lock (_transferLock)
            {
                _disposed = true;
                _transferClient?.Dispose();
                _transferClient = null;
            }

            Raw.Dispose();
            Client.Dispose();
            _relay?.Dispose();
            if (KeepAliveKey(_transport.Uri, Tls) is string kept)
            {
                KeepAliveStream.Forget(kept);
            }
        }
    }
}
