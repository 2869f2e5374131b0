using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PSDocker.Resources;

namespace PSDocker.Connection
{
    /// <summary>
    /// The docker CLI's configuration folder and its context store, read exactly where the CLI keeps them:
    /// currentContext in config.json, contexts/meta/&lt;sha256(name)&gt;/meta.json and contexts/tls/&lt;sha256(name)&gt;/docker/.
    /// </summary>
    internal static partial class ContextStore
    {
        internal const string DefaultContextName = "default";

        /// <summary>The docker CLI's configuration folder: $DOCKER_CONFIG, else ~/.docker.</summary>
        public static string ConfigDirectory
        {
            get
            {
                var fromEnv = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
                return string.IsNullOrEmpty(fromEnv)
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker")
                    : fromEnv!;
            }
        }

        public static string? ReadCurrentContext()
        {
            var configFile = Path.Combine(ConfigDirectory, "config.json");
            if (!File.Exists(configFile))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(configFile));
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("currentContext", out var current) &&
                    current.ValueKind == JsonValueKind.String)
                {
                    return current.GetString();
                }

                return null;
            }
            catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException(UserText.Format(ConnectionMessages.ConfigFileInvalid, configFile, e.Message), "DockerConfigFileInvalid", ErrorCategory.ReadError, configFile, e);
            }
        }

        /// <summary>The folder name the CLI gives a context: the hex SHA-256 of its name.</summary>
        public static string ContextDirectoryName(string name)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(name));
            var builder = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }

        public static DockerEndpoint FromContext(string name, EndpointSource source)
        {
            if (string.Equals(name, DefaultContextName, StringComparison.Ordinal))
            {
                // The default context is whatever DOCKER_HOST or the platform default says.
                return EndpointResolver.ParseHost(EndpointResolver.EnvironmentHost, EndpointResolver.TlsFromEnvironment(), source, DefaultContextName);
            }

            var folder = ContextDirectoryName(name);
            var metaFile = Path.Combine(ConfigDirectory, "contexts", "meta", folder, "meta.json");
            if (!File.Exists(metaFile))
            {
                throw new DockerPSException(UserText.Format(ConnectionMessages.ContextNotFound, name, Path.Combine(ConfigDirectory, "contexts")), "DockerContextNotFound", ErrorCategory.ObjectNotFound, name);
            }

            string host;
            bool skipVerify;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(metaFile));
                var docker = document.RootElement.GetProperty("Endpoints").GetProperty("docker");
                host = docker.TryGetProperty("Host", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() ?? string.Empty : string.Empty;
                skipVerify = docker.TryGetProperty("SkipTLSVerify", out var s) && s.ValueKind == JsonValueKind.True;
            }
            catch (Exception e) when (e is JsonException || e is IOException || e is System.Collections.Generic.KeyNotFoundException || e is InvalidOperationException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException(UserText.Format(ConnectionMessages.ContextInvalid, name, metaFile, e.Message), "DockerContextInvalid", ErrorCategory.ReadError, name, e);
            }

            if (host.Length == 0)
            {
                host = EndpointResolver.DefaultHost;
            }

            var tlsFolder = Path.Combine(ConfigDirectory, "contexts", "tls", folder, "docker");
            TlsSettings? tls = null;
            if (Directory.Exists(tlsFolder))
            {
                tls = EndpointResolver.FromFolder(tlsFolder, !skipVerify);
            }
            else if (skipVerify)
            {
                tls = new TlsSettings(false, tlsFolder, null, null, null);
            }

            return EndpointResolver.ParseHost(host, tls, source, name);
        }
    }
}
