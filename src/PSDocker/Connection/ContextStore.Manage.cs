using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PSDocker.Archives;
using PSDocker.Registry;
using PSDocker.Resources;

namespace PSDocker.Connection
{
    /// <summary>One stored context as the CLI keeps it: its meta.json (every field, known or not) and its TLS files.</summary>
    internal sealed class StoredContext
    {
        public StoredContext(string name, JsonObject meta, IReadOnlyDictionary<string, byte[]> tls)
        {
            Name = name;
            Meta = meta;
            Tls = tls;
        }

        public string Name { get; }

        /// <summary>meta.json as read; unknown fields are kept when it is written back.</summary>
        public JsonObject Meta { get; }

        /// <summary>The docker endpoint's TLS files by name (ca.pem, cert.pem, key.pem).</summary>
        public IReadOnlyDictionary<string, byte[]> Tls { get; }

        /// <summary>Endpoints.docker, made when missing.</summary>
        public JsonObject DockerEndpoint
        {
            get
            {
                var endpoints = Meta["Endpoints"] as JsonObject;
                if (endpoints is null)
                {
                    endpoints = new JsonObject();
                    Meta["Endpoints"] = endpoints;
                }

                var docker = endpoints["docker"] as JsonObject;
                if (docker is null)
                {
                    docker = new JsonObject();
                    endpoints["docker"] = docker;
                }

                return docker;
            }
        }

        /// <summary>Metadata, made when missing.</summary>
        public JsonObject Metadata
        {
            get
            {
                if (!(Meta["Metadata"] is JsonObject metadata))
                {
                    metadata = new JsonObject();
                    Meta["Metadata"] = metadata;
                }

                return metadata;
            }
        }

        public string Host => Text(DockerEndpoint["Host"]) ?? string.Empty;

        public bool SkipTlsVerify => DockerEndpoint["SkipTLSVerify"] is JsonValue value && value.TryGetValue(out bool skip) && skip;

        public string Description => Text(Metadata["Description"]) ?? string.Empty;

        private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
    }

    internal static partial class ContextStore
    {
        /// <summary>The docker CLI's rule for context names.</summary>
        private static readonly Regex NamePattern = new Regex("^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$", RegexOptions.CultureInvariant);

        /// <summary>The names of the TLS files of an endpoint, in the order the CLI lists them.</summary>
        internal static readonly string[] TlsFileNames = { "ca.pem", "cert.pem", "key.pem" };

        /// <summary>The description the CLI gives the default context.</summary>
        internal const string DefaultDescription = "Current DOCKER_HOST based configuration";

        private static string MetaRoot => Path.Combine(ConfigDirectory, "contexts", "meta");

        private static string TlsRoot => Path.Combine(ConfigDirectory, "contexts", "tls");

        /// <summary>contexts/meta/&lt;hash&gt; of a context.</summary>
        public static string MetaFolder(string name) => Path.Combine(MetaRoot, ContextDirectoryName(name));

        /// <summary>contexts/tls/&lt;hash&gt; of a context (its endpoints' folders are under it).</summary>
        public static string TlsFolder(string name) => Path.Combine(TlsRoot, ContextDirectoryName(name));

        public static bool Exists(string name) => File.Exists(Path.Combine(MetaFolder(name), "meta.json"));

        /// <summary>Throws InvalidContextName or ContextNameReserved as the CLI refuses a name for a new context.</summary>
        public static void ValidateName(string name)
        {
            if (string.Equals(name, DefaultContextName, StringComparison.Ordinal))
            {
                throw new DockerPSException(ContextMessages.NameReserved, "ContextNameReserved", ErrorCategory.InvalidArgument, name);
            }

            if (!NamePattern.IsMatch(name))
            {
                throw new DockerPSException(UserText.Format(ContextMessages.NameInvalid, name), "InvalidContextName", ErrorCategory.InvalidArgument, name);
            }
        }

        /// <summary>
        /// The name of the context the CLI would use now: DOCKER_HOST makes it "default", else DOCKER_CONTEXT,
        /// else currentContext in config.json, else "default".
        /// </summary>
        public static string CurrentName()
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
            {
                return DefaultContextName;
            }

            var fromEnv = Environment.GetEnvironmentVariable("DOCKER_CONTEXT");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                return fromEnv!;
            }

            var current = ReadCurrentContext();
            return string.IsNullOrEmpty(current) ? DefaultContextName : current!;
        }

        /// <summary>Writes currentContext into config.json (every other field kept); "default" removes it, as the CLI does.</summary>
        public static void SetCurrent(string name)
        {
            var config = RegistryCredentials.ReadConfig();
            var value = string.Equals(name, DefaultContextName, StringComparison.Ordinal) ? null : name;
            var existing = config["currentContext"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
            if (string.Equals(existing ?? string.Empty, value ?? string.Empty, StringComparison.Ordinal))
            {
                // As the CLI: nothing changes, nothing is written (no config file is made for "default").
                return;
            }

            if (value is null)
            {
                config.Remove("currentContext");
            }
            else
            {
                config["currentContext"] = value;
            }

            RegistryCredentials.WriteConfig(config);
        }

        /// <summary>Every stored context: its name (or null when meta.json cannot be read), its file and the error, if any.</summary>
        public static IEnumerable<(string? Name, StoredContext? Context, string? Error)> List()
        {
            if (!Directory.Exists(MetaRoot))
            {
                yield break;
            }

            foreach (var folder in Directory.EnumerateDirectories(MetaRoot))
            {
                var file = Path.Combine(folder, "meta.json");
                if (!File.Exists(file))
                {
                    continue;
                }

                StoredContext? context = null;
                string? name = null;
                string? error = null;
                try
                {
                    var meta = ParseMeta(file);
                    name = meta["Name"] is JsonValue n && n.TryGetValue(out string? text) ? text : null;
                    context = name is null ? null : new StoredContext(name, meta, ReadTls(name));
                    error = name is null ? "meta.json has no Name" : null;
                }
                catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
                {
                    error = e.Message;
                }

                yield return (name ?? Path.GetFileName(folder), context, error);
            }
        }

        /// <summary>A stored context; DockerContextNotFound or DockerContextInvalid when it cannot be had.</summary>
        public static StoredContext Read(string name)
        {
            var file = Path.Combine(MetaFolder(name), "meta.json");
            if (!File.Exists(file))
            {
                throw new DockerPSException(UserText.Format(ConnectionMessages.ContextNotFound, name, Path.Combine(ConfigDirectory, "contexts")), "DockerContextNotFound", ErrorCategory.ObjectNotFound, name);
            }

            try
            {
                return new StoredContext(name, ParseMeta(file), ReadTls(name));
            }
            catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
            {
                throw new DockerPSException(UserText.Format(ConnectionMessages.ContextInvalid, name, file, e.Message), "DockerContextInvalid", ErrorCategory.ReadError, name, e);
            }
        }

        /// <summary>
        /// Writes a context where the CLI keeps it: meta.json (0644 in a 0755 folder) and, replacing what was
        /// there, the docker endpoint's TLS files (0600 in 0700 folders). Nothing is left half-written.
        /// </summary>
        public static void Write(string name, JsonObject meta, IReadOnlyDictionary<string, byte[]> tls)
        {
            var metaFolder = MetaFolder(name);
            try
            {
                meta["Name"] = name;
                Directory.CreateDirectory(metaFolder);
                var file = Path.Combine(metaFolder, "meta.json");
                var temp = file + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
                File.WriteAllText(temp, meta.ToJsonString(), new UTF8Encoding(false));
                UnixFile.SetMode(new FileInfo(temp), Convert.ToInt32("644", 8));
                if (File.Exists(file))
                {
                    File.Replace(temp, file, null);
                }
                else
                {
                    File.Move(temp, file);
                }

                var tlsFolder = TlsFolder(name);
                if (Directory.Exists(tlsFolder))
                {
                    Directory.Delete(tlsFolder, true);
                }

                if (tls.Count > 0)
                {
                    var endpointFolder = Path.Combine(tlsFolder, "docker");
                    foreach (var folder in new[] { TlsRoot, tlsFolder, endpointFolder })
                    {
                        Directory.CreateDirectory(folder);
                        UnixFile.SetMode(new DirectoryInfo(folder), Convert.ToInt32("700", 8));
                    }

                    foreach (var entry in tls)
                    {
                        var path = Path.Combine(endpointFolder, entry.Key);
                        using (File.Create(path))
                        {
                        }

                        // Restricted before the key is written into it.
                        UnixFile.SetMode(new FileInfo(path), Convert.ToInt32("600", 8));
                        File.WriteAllBytes(path, entry.Value);
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException(UserText.Format(ContextMessages.ContextWriteFailed, name, Path.Combine(ConfigDirectory, "contexts"), e.Message), "ContextWriteFailed", ErrorCategory.WriteError, name, e);
            }
        }

        /// <summary>Removes a context's meta and TLS folders.</summary>
        public static void Remove(string name)
        {
            try
            {
                foreach (var folder in new[] { MetaFolder(name), TlsFolder(name) })
                {
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, true);
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException(UserText.Format(ContextMessages.ContextWriteFailed, name, Path.Combine(ConfigDirectory, "contexts"), e.Message), "ContextWriteFailed", ErrorCategory.WriteError, name, e);
            }
        }

        /// <summary>A new meta.json as the CLI writes it: Name, Metadata (Description when given), Endpoints.docker.</summary>
        public static JsonObject NewMeta(string name, string? description, string host, bool skipTlsVerify)
        {
            var metadata = new JsonObject();
            if (!string.IsNullOrEmpty(description))
            {
                metadata["Description"] = description;
            }

            return new JsonObject
            {
                ["Name"] = name,
                ["Metadata"] = metadata,
                ["Endpoints"] = new JsonObject { ["docker"] = new JsonObject { ["Host"] = host, ["SkipTLSVerify"] = skipTlsVerify } },
            };
        }

        private static JsonObject ParseMeta(string file) =>
            JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new InvalidOperationException("meta.json is not a JSON object");

        private static IReadOnlyDictionary<string, byte[]> ReadTls(string name)
        {
            var folder = Path.Combine(TlsFolder(name), "docker");
            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder))
                {
                    files[Path.GetFileName(file)] = File.ReadAllBytes(file);
                }
            }

            return files;
        }
    }
}
