using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using PSDocker.Resources;

namespace PSDocker.Connection
{
    /// <summary>
    /// Finds the engine to talk to the way the docker CLI does: -DockerHost / -Context, then DOCKER_HOST,
    /// DOCKER_CONTEXT, the currentContext of $DOCKER_CONFIG/config.json, then the platform default socket.
    /// TLS comes from DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH for hosts given directly, and from
    /// the context's own TLS folder for contexts.
    /// </summary>
    internal static class EndpointResolver
    {
        internal static readonly string DefaultUnixHost = "unix:///var/run/docker.sock";
        internal static readonly string DefaultWindowsHost = "npipe:////./pipe/docker_engine";

        private const int DefaultHttpPort = 2375;
        private const int DefaultTlsPort = 2376;

        public static string DefaultHost =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? DefaultWindowsHost : DefaultUnixHost;

        /// <summary>What the default context stands for: DOCKER_HOST, else the platform's default engine.</summary>
        public static string EnvironmentHost
        {
            get
            {
                var envHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
                return string.IsNullOrEmpty(envHost) ? DefaultHost : envHost!;
            }
        }

        public static DockerEndpoint Resolve(string? dockerHost, string? context)
        {
            if (!string.IsNullOrEmpty(context))
            {
                var fromContext = ContextStore.FromContext(context!, EndpointSource.ContextParameter);
                if (!string.IsNullOrEmpty(dockerHost))
                {
                    // Objects carry both their host and their context; both bind from the pipeline.
                    var direct = ParseHost(dockerHost!, null, EndpointSource.Parameter);
                    if (!string.Equals(direct.Host, fromContext.Host, StringComparison.Ordinal))
                    {
                        throw new DockerPSException(
                            UserText.Format(ConnectionMessages.DockerHostAndContextConflict, dockerHost!, context!),
                            "DockerHostAndContextConflict", ErrorCategory.InvalidArgument, dockerHost);
                    }
                }

                return fromContext;
            }

            if (!string.IsNullOrEmpty(dockerHost))
            {
                return ParseHost(dockerHost!, TlsFromEnvironment(), EndpointSource.Parameter);
            }

            var envHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
            if (!string.IsNullOrEmpty(envHost))
            {
                return ParseHost(envHost!, TlsFromEnvironment(), EndpointSource.DockerHostVariable);
            }

            var envContext = Environment.GetEnvironmentVariable("DOCKER_CONTEXT");
            if (!string.IsNullOrEmpty(envContext))
            {
                return ContextStore.FromContext(envContext!, EndpointSource.DockerContextVariable);
            }

            var current = ContextStore.ReadCurrentContext();
            if (!string.IsNullOrEmpty(current))
            {
                return ContextStore.FromContext(current!, EndpointSource.ConfigCurrentContext);
            }

            return ParseHost(DefaultHost, TlsFromEnvironment(), EndpointSource.Default);
        }

        /// <summary>Parses a host the way the docker CLI's -H does, and normalizes it for display and caching.</summary>
        public static DockerEndpoint ParseHost(string text, TlsSettings? tls, EndpointSource source, string? context = null)
        {
            var value = text.Trim();
            var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0)
            {
                throw Invalid(text);
            }

            var scheme = value.Substring(0, schemeEnd).ToLowerInvariant();
            var rest = value.Substring(schemeEnd + 3);
            switch (scheme)
            {
                case "unix":
                {
                    var path = rest.Length == 0 ? "/var/run/docker.sock" : rest;
                    if (!path.StartsWith("/", StringComparison.Ordinal))
                    {
                        throw Invalid(text);
                    }

                    var host = "unix://" + path;
                    return new DockerEndpoint(new Uri(host), host, context, null, source);
                }

                case "npipe":
                {
                    // The CLI writes npipe:////./pipe/name; the client library wants npipe://./pipe/name.
                    var path = rest.Length == 0 ? "//./pipe/docker_engine" : rest;
                    var trimmed = path.TrimStart('/');
                    if (!trimmed.StartsWith("./pipe/", StringComparison.OrdinalIgnoreCase) || trimmed.Length <= "./pipe/".Length)
                    {
                        throw Invalid(text);
                    }

                    return new DockerEndpoint(new Uri("npipe://" + trimmed), "npipe:////" + trimmed, context, null, source);
                }

                case "tcp":
                case "http":
                case "https":
                {
                    if (scheme == "https" && tls is null)
                    {
                        tls = new TlsSettings(verify: true, certPath: ContextStore.ConfigDirectory, caFile: null, certFile: null, keyFile: null);
                    }

                    var hostPort = rest;
                    var slash = hostPort.IndexOf('/');
                    if (slash >= 0)
                    {
                        if (hostPort.Substring(slash).Trim('/').Length != 0)
                        {
                            throw Invalid(text); // the CLI rejects a path on tcp hosts too
                        }

                        hostPort = hostPort.Substring(0, slash);
                    }

                    if (!TrySplitHostPort(hostPort, tls != null ? DefaultTlsPort : DefaultHttpPort, out var hostName, out var port))
                    {
                        throw Invalid(text);
                    }

                    var display = "tcp://" + FormatHostPort(hostName, port);
                    var uri = new Uri("tcp://" + FormatHostPort(hostName, port));
                    return new DockerEndpoint(uri, display, context, tls, source);
                }

                case "ssh":
                {
                    // ssh://[user@]host[:port], as the CLI takes it: no path, no password in the address.
                    if (!Uri.TryCreate("ssh://" + rest.TrimEnd('/'), UriKind.Absolute, out var ssh) || ssh.Host.Length == 0
                        || ssh.AbsolutePath.Trim('/').Length != 0 || ssh.UserInfo.IndexOf(':') >= 0 || ssh.Query.Length > 0)
                    {
                        throw Invalid(text);
                    }

                    var display = "ssh://" + (ssh.UserInfo.Length > 0 ? ssh.UserInfo + "@" : string.Empty) + ssh.Authority;
                    return new DockerEndpoint(ssh, display, context, null, source);
                }

                case "fd":
                    throw new DockerPSException(
                        UserText.Format(ConnectionMessages.DockerHostSchemeNotSupported, "fd", text),
                        "DockerHostSchemeNotSupported", ErrorCategory.NotImplemented, text);

                default:
                    throw Invalid(text);
            }
        }

        private static bool TrySplitHostPort(string hostPort, int defaultPort, out string host, out int port)
        {
            host = string.Empty;
            port = defaultPort;
            string portText = string.Empty;
            if (hostPort.StartsWith("[", StringComparison.Ordinal))
            {
                var close = hostPort.IndexOf(']');
                if (close < 0)
                {
                    return false;
                }

                host = hostPort.Substring(1, close - 1);
                var after = hostPort.Substring(close + 1);
                if (after.Length > 0)
                {
                    if (after[0] != ':')
                    {
                        return false;
                    }

                    portText = after.Substring(1);
                }
            }
            else
            {
                var colon = hostPort.LastIndexOf(':');
                if (colon >= 0)
                {
                    host = hostPort.Substring(0, colon);
                    portText = hostPort.Substring(colon + 1);
                    if (host.IndexOf(':') >= 0)
                    {
                        return false; // an IPv6 address must be bracketed
                    }
                }
                else
                {
                    host = hostPort;
                }
            }

            if (host.Length == 0)
            {
                host = "localhost"; // the CLI's default for tcp://:2375
            }

            if (portText.Length > 0 && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535))
            {
                return false;
            }

            return Uri.CheckHostName(host) != UriHostNameType.Unknown;
        }

        private static string FormatHostPort(string host, int port) =>
            (host.IndexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);

        private static DockerPSException Invalid(string text) =>
            new DockerPSException(UserText.Format(ConnectionMessages.DockerHostInvalid, text), "DockerHostInvalid", ErrorCategory.InvalidArgument, text);

        /// <summary>DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH, as the docker CLI reads them.</summary>
        public static TlsSettings? TlsFromEnvironment()
        {
            var verify = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY"));
            var tls = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS"));
            if (!verify && !tls)
            {
                return null;
            }

            var certPath = Environment.GetEnvironmentVariable("DOCKER_CERT_PATH");
            if (string.IsNullOrEmpty(certPath))
            {
                certPath = ContextStore.ConfigDirectory;
            }

            return FromFolder(certPath!, verify);
        }

        internal static TlsSettings FromFolder(string folder, bool verify)
        {
            // Like the CLI, files that are absent are simply not used.
            string? IfExists(string name)
            {
                var path = Path.Combine(folder, name);
                return File.Exists(path) ? path : null;
            }

            var cert = IfExists("cert.pem");
            var key = IfExists("key.pem");
            return new TlsSettings(verify, folder, verify ? IfExists("ca.pem") : null, cert != null && key != null ? cert : null, cert != null && key != null ? key : null);
        }
    }
}
