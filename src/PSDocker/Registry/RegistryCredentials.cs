using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using PSDocker.Connection;

namespace PSDocker.Registry
{
    /// <summary>
    /// Registry credentials kept where and how the docker CLI keeps them ($DOCKER_CONFIG/config.json): a
    /// credHelpers entry for the registry, else the credsStore helper, else base64 "auth" in "auths". Helpers
    /// are docker-credential-&lt;name&gt; executables speaking the documented get/store/erase protocol.
    /// Secrets never reach any PowerShell stream.
    /// </summary>
    internal static class RegistryCredentials
    {
        internal const string DockerHubKey = "https://index.docker.io/v1/";

        public static string ConfigFile => Path.Combine(ContextStore.ConfigDirectory, "config.json");

        /// <summary>The key the CLI files a registry's credentials under: Docker Hub's URL, else host[:port].</summary>
        public static string Key(string? registry)
        {
            var value = (registry ?? string.Empty).Trim();
            if (value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                value = value.Substring(8);
            }
            else if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                value = value.Substring(7);
            }

            var slash = value.IndexOf('/');
            if (slash >= 0)
            {
                value = value.Substring(0, slash);
            }

            if (value.Length == 0 || value == "docker.io" || value == "index.docker.io" || value == "registry-1.docker.io")
            {
                return DockerHubKey;
            }

            return value;
        }

        /// <summary>Where the credentials for <paramref name="key"/> live: "helper:name", "store:name" or "file".</summary>
        public static (string Kind, string? Helper) StoreFor(string key, JsonObject config)
        {
            if (config["credHelpers"] is JsonObject helpers && helpers[key]?.GetValue<string>() is string helper && helper.Length > 0)
            {
                return ("credHelpers", helper);
            }

            if (config["credsStore"]?.GetValue<string>() is string store && store.Length > 0)
            {
                return ("credsStore", store);
            }

            return ("file", null);
        }

        /// <summary>The stored credentials for a registry, or null.</summary>
        public static AuthConfig? Find(string key)
        {
            var config = ReadConfig();
            var (_, helper) = StoreFor(key, config);
            if (helper != null)
            {
                var answer = RunHelper(helper, "get", key, allowNotFound: true);
                if (answer is null)
                {
                    return null;
                }

                using var document = JsonDocument.Parse(answer);
                var user = document.RootElement.TryGetProperty("Username", out var u) ? u.GetString() : null;
                var secret = document.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() : null;
                if (string.IsNullOrEmpty(secret))
                {
                    return null;
                }

                // Helpers hold identity tokens under the user name "<token>", as the CLI stores them.
                return user == "<token>"
                    ? new AuthConfig { IdentityToken = secret, ServerAddress = key }
                    : new AuthConfig { Username = user, Password = secret, ServerAddress = key };
            }

            if (config["auths"] is JsonObject auths && auths[key] is JsonObject entry)
            {
                var token = entry["identitytoken"]?.GetValue<string>();
                if (!string.IsNullOrEmpty(token))
                {
                    return new AuthConfig { IdentityToken = token, ServerAddress = key };
                }

                var auth = entry["auth"]?.GetValue<string>();
                if (!string.IsNullOrEmpty(auth))
                {
                    string decoded;
                    try
                    {
                        decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
                    }
                    catch (FormatException e)
                    {
                        throw new DockerPSException("The stored credentials for " + key + " in " + ConfigFile + " are not valid base64.",
                            "RegistryCredentialsInvalid", ErrorCategory.InvalidData, key, e);
                    }

                    var colon = decoded.IndexOf(':');
                    if (colon > 0)
                    {
                        return new AuthConfig { Username = decoded.Substring(0, colon), Password = decoded.Substring(colon + 1), ServerAddress = key };
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// Every registry with stored credentials, as docker build sends them (X-Registry-Config): the file's
        /// auths, the credHelpers entries, and what the credsStore helper lists. A registry whose secret cannot
        /// be read is left out and reported through <paramref name="skipped"/>.
        /// </summary>
        public static List<AuthConfig> All(Action<string, string> skipped)
        {
            var config = ReadConfig();
            var keys = new List<string>();
            if (config["auths"] is JsonObject auths)
            {
                keys.AddRange(auths.Select(a => a.Key));
            }

            if (config["credHelpers"] is JsonObject helpers)
            {
                keys.AddRange(helpers.Select(h => h.Key));
            }

            if (config["credsStore"]?.GetValue<string>() is string store && store.Length > 0)
            {
                try
                {
                    var listed = RunHelper(store, "list", string.Empty, allowNotFound: true);
                    if (!string.IsNullOrEmpty(listed) && JsonNode.Parse(listed!) is JsonObject map)
                    {
                        keys.AddRange(map.Select(m => m.Key));
                    }
                }
                catch (Exception e) when (e is DockerPSException || e is JsonException)
                {
                    skipped("docker-credential-" + store, e.Message);
                }
            }

            var result = new List<AuthConfig>();
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                try
                {
                    if (Find(key) is AuthConfig found)
                    {
                        result.Add(found);
                    }
                }
                catch (DockerPSException e)
                {
                    skipped(key, e.Message);
                }
            }

            return result;
        }

        /// <summary>Stores credentials as the CLI would; returns where they went (for the user's information).</summary>
        public static string Store(string key, string user, string secret)
        {
            var config = ReadConfig();
            var (kind, helper) = StoreFor(key, config);
            var auths = config["auths"] as JsonObject ?? new JsonObject();
            config["auths"] = auths;
            if (helper != null)
            {
                var payload = new JsonObject { ["ServerURL"] = key, ["Username"] = user, ["Secret"] = secret }.ToJsonString();
                RunHelper(helper, "store", payload, allowNotFound: false);
                // The CLI keeps an empty entry in the file for registries whose secret lives in a store, and no
                // older secret for the registry may stay behind in the file.
                if (kind == "credsStore" || auths.ContainsKey(key))
                {
                    auths[key] = new JsonObject();
                }

                WriteConfig(config);
                return "docker-credential-" + helper;
            }

            auths[key] = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + secret)) };
            WriteConfig(config);
            return ConfigFile;
        }

        /// <summary>Erases stored credentials; false when there were none.</summary>
        public static bool Erase(string key)
        {
            var config = ReadConfig();
            var (_, helper) = StoreFor(key, config);
            var found = false;
            if (helper != null)
            {
                found = RunHelper(helper, "get", key, allowNotFound: true) != null;
                if (found)
                {
                    RunHelper(helper, "erase", key, allowNotFound: true);
                }
            }

            if (config["auths"] is JsonObject auths && auths.ContainsKey(key))
            {
                // Without a helper the file entry is the credentials; with one it is only a marker.
                found |= helper == null;
                auths.Remove(key);
                WriteConfig(config);
            }

            return found;
        }

        /// <summary>config.json as a JSON object (empty when there is none), every field kept.</summary>
        internal static JsonObject ReadConfig()
        {
            var file = ConfigFile;
            if (!File.Exists(file))
            {
                return new JsonObject();
            }

            try
            {
                return JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? new JsonObject();
            }
            catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException("The Docker configuration file " + file + " could not be read: " + e.Message,
                    "DockerConfigFileInvalid", ErrorCategory.ReadError, file, e);
            }
        }

        /// <summary>Replaces config.json in one step, readable by its owner only.</summary>
        internal static void WriteConfig(JsonObject config)
        {
            var file = ConfigFile;
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temp = file + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
            // Restricted before anything is written into it, so the secret is never readable by others.
            using (File.Create(temp))
            {
            }

            RestrictToOwner(temp);
            File.WriteAllText(temp, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            // Replaced in one step, as the CLI does, so a reader never sees half a file.
            if (File.Exists(file))
            {
                File.Replace(temp, file, null);
            }
            else
            {
                File.Move(temp, file);
            }

            RestrictToOwner(file);
        }

        private static void RestrictToOwner(string path)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                chmod(path, Convert.ToUInt32("600", 8));
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, uint mode);

        /// <summary>Runs docker-credential-&lt;helper&gt; &lt;action&gt; with <paramref name="input"/> on stdin; null when the helper has no such credentials.</summary>
        private static string? RunHelper(string helper, string action, string input, bool allowNotFound)
        {
            var program = "docker-credential-" + helper;
            var info = new ProcessStartInfo(program, action)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            Process? process;
            try
            {
                process = Process.Start(info);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new DockerPSException("The credential helper " + program + " (named in " + ConfigFile + ") could not be started: " + e.Message,
                    "CredentialHelperNotFound", ErrorCategory.ObjectNotFound, program, e);
            }

            using (process)
            {
                if (process is null)
                {
                    throw new DockerPSException("The credential helper " + program + " could not be started.", "CredentialHelperNotFound", ErrorCategory.ObjectNotFound, program);
                }

                process.StandardInput.Write(input);
                process.StandardInput.Close();
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(30000))
                {
                    process.Kill();
                    throw new DockerPSException("The credential helper " + program + " did not answer within 30 seconds.", "CredentialHelperTimeout", ErrorCategory.OperationTimeout, program);
                }

                var text = output.Result.Trim();
                if (process.ExitCode == 0)
                {
                    return text;
                }

                var message = (text.Length > 0 ? text : error.Result.Trim());
                if (allowNotFound && message.IndexOf("credentials not found", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return null;
                }

                throw new DockerPSException("The credential helper " + program + " " + action + " failed: " + message,
                    "CredentialHelperFailed", ErrorCategory.InvalidResult, program);
            }
        }
    }
}
