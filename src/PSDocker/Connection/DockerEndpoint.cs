using System;

namespace PSDocker.Connection
{
    /// <summary>Where the connection settings came from, in the order they are consulted.</summary>
    internal enum EndpointSource
    {
        Parameter,
        ContextParameter,
        DockerHostVariable,
        DockerContextVariable,
        ConfigCurrentContext,
        Default,
    }

    /// <summary>TLS settings for a tcp endpoint, read where the docker CLI reads them.</summary>
    internal sealed class TlsSettings
    {
        public TlsSettings(bool verify, string certPath, string? caFile, string? certFile, string? keyFile)
        {
            Verify = verify;
            CertPath = certPath;
            CaFile = caFile;
            CertFile = certFile;
            KeyFile = keyFile;
        }

        /// <summary>Verify the daemon's certificate (against <see cref="CaFile"/> when given, else the system roots).</summary>
        public bool Verify { get; }

        /// <summary>The folder the files came from, for messages.</summary>
        public string CertPath { get; }

        public string? CaFile { get; }

        public string? CertFile { get; }

        public string? KeyFile { get; }

        public bool HasClientCertificate => CertFile != null && KeyFile != null;

        public string Key => $"{(Verify ? "verify" : "noverify")}|{CaFile}|{CertFile}|{KeyFile}";
    }

    /// <summary>A resolved engine address: what to dial and how.</summary>
    internal sealed class DockerEndpoint
    {
        public DockerEndpoint(Uri uri, string host, string? context, TlsSettings? tls, EndpointSource source)
        {
            Uri = uri;
            Host = host;
            Context = context;
            Tls = tls;
            Source = source;
        }

        /// <summary>The URI handed to the client library (unix://, npipe://, tcp://).</summary>
        public Uri Uri { get; }

        /// <summary>The host as the docker CLI would print it, e.g. <c>unix:///var/run/docker.sock</c>.</summary>
        public string Host { get; }

        /// <summary>The docker context the endpoint came from, if any.</summary>
        public string? Context { get; }

        public TlsSettings? Tls { get; }

        public EndpointSource Source { get; }

        /// <summary>Sessions are cached by this key: same host and same TLS material share one session.</summary>
        public string CacheKey => Tls is null ? Host : Host + "|" + Tls.Key;

        public override string ToString() => Host;

        /// <summary>Marks <paramref name="item"/> with the engine it came from, so piping it on reaches the same engine.</summary>
        internal static T Stamp<T>(T item, DockerEndpoint endpoint) where T : Model.DockerObject
        {
            item.DockerHost = endpoint.Host;
            item.Context = endpoint.Context;
            return item;
        }
    }
}
