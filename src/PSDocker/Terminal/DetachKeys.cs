using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text.Json;
using PSDocker.Connection;

namespace PSDocker.Terminal
{
    /// <summary>
    /// The key sequence that leaves an interactive session with the container still running: -DetachKeys, else
    /// detachKeys in the docker CLI's config.json, else Ctrl-P Ctrl-Q. Written as docker writes it:
    /// comma-separated keys, each one character or ctrl-a … ctrl-z, ctrl-@, ctrl-[, ctrl-\, ctrl-], ctrl-^, ctrl-_.
    /// </summary>
    internal static class DetachKeys
    {
        public const string Default = "ctrl-p,ctrl-q";

        /// <summary>The sequence to watch for, and its text (for the engine's detachKeys option).</summary>
        public static (byte[] Keys, string Text) Resolve(string? parameter)
        {
            if (parameter != null)
            {
                return (Parse(parameter, parameter), parameter);
            }

            var configFile = Path.Combine(ContextStore.ConfigDirectory, "config.json");
            var configured = ReadConfigured(configFile);
            return configured is null ? (Parse(Default, Default), Default) : (Parse(configured, configFile), configured);
        }

        /// <summary>docker's key list as bytes; an InvalidDetachKeys error naming <paramref name="source"/> otherwise.</summary>
        public static byte[] Parse(string text, object source)
        {
            var keys = new List<byte>();
            foreach (var part in text.Split(','))
            {
                var key = part.Trim();
                if (key.Length == 1 && key[0] < 0x80)
                {
                    keys.Add((byte)key[0]);
                    continue;
                }

                if (key.Length == 6 && key.StartsWith("ctrl-", StringComparison.OrdinalIgnoreCase))
                {
                    var c = char.ToLowerInvariant(key[5]);
                    if (c >= 'a' && c <= 'z')
                    {
                        keys.Add((byte)(c - 'a' + 1));
                        continue;
                    }

                    var at = "@[\\]^_".IndexOf(c);
                    if (at >= 0)
                    {
                        keys.Add((byte)(at == 0 ? 0 : 26 + at));
                        continue;
                    }
                }

                throw new DockerPSException(
                    "'" + text + "' is not a detach key sequence" + (ReferenceEquals(source, text) ? string.Empty : " (in " + source + ")") +
                    ": '" + key + "' is not a key. Write keys as docker does, comma-separated, each one character or ctrl-a … ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^, ctrl-_ (the default is 'ctrl-p,ctrl-q').",
                    "InvalidDetachKeys", ErrorCategory.InvalidArgument, source);
            }

            return keys.ToArray();
        }

        private static string? ReadConfigured(string configFile)
        {
            if (!File.Exists(configFile))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(configFile));
                return document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("detachKeys", out var keys) && keys.ValueKind == JsonValueKind.String &&
                    !string.IsNullOrEmpty(keys.GetString())
                    ? keys.GetString()
                    : null;
            }
            catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException("The docker configuration file " + configFile + " cannot be read: " + e.Message + " Fix or remove it.",
                    "DockerConfigFileInvalid", ErrorCategory.ReadError, configFile, e);
            }
        }
    }
}
