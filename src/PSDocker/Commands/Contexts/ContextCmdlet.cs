using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Resources;

namespace PSDocker.Commands.Contexts
{
    /// <summary>
    /// The base of the context cmdlets: they read and write the docker CLI's context store
    /// ($DOCKER_CONFIG/contexts) and config.json, and talk to no engine.
    /// </summary>
    public abstract class ContextCmdlet : PSCmdlet
    {
        /// <summary>The object for a stored context.</summary>
        internal static DockerContext ToObject(StoredContext context, string current) => new DockerContext
        {
            Name = context.Name,
            Context = context.Name,
            Description = context.Description,
            DockerHost = context.Host.Length == 0 ? EndpointResolver.DefaultHost : context.Host,
            SkipTlsVerify = context.SkipTlsVerify,
            TlsMaterial = ContextStore.TlsFileNames.Where(context.Tls.ContainsKey).Concat(context.Tls.Keys.Except(ContextStore.TlsFileNames).OrderBy(n => n, StringComparer.Ordinal)).ToArray(),
            Current = string.Equals(context.Name, current, StringComparison.Ordinal),
            MetadataPath = ContextStore.MetaFolder(context.Name),
            TlsPath = ContextStore.TlsFolder(context.Name),
        };

        /// <summary>The default context, as the CLI shows it: DOCKER_HOST, else the local engine.</summary>
        internal static DockerContext DefaultContext(string current)
        {
            return new DockerContext
            {
                Name = ContextStore.DefaultContextName,
                Context = ContextStore.DefaultContextName,
                Description = ContextStore.DefaultDescription,
                DockerHost = EndpointResolver.EnvironmentHost,
                Current = string.Equals(current, ContextStore.DefaultContextName, StringComparison.Ordinal),
            };
        }

        /// <summary>A stored context; DockerContextNotFound (with what to do here, not about -Context) when there is none.</summary>
        internal static StoredContext ReadStored(string name)
        {
            try
            {
                return ContextStore.Read(name);
            }
            catch (DockerPSException e) when (e.ErrorId == "DockerContextNotFound")
            {
                throw new DockerPSException(UserText.Format(ContextMessages.NotFound, name, Path.Combine(ContextStore.ConfigDirectory, "contexts")), "DockerContextNotFound", ErrorCategory.ObjectNotFound, name, e);
            }
        }

        /// <summary>A context as an object, "default" included; DockerContextNotFound when there is none by that name.</summary>
        internal static DockerContext Find(string name)
        {
            var current = ContextStore.CurrentName();
            return string.Equals(name, ContextStore.DefaultContextName, StringComparison.Ordinal)
                ? DefaultContext(current)
                : ToObject(ReadStored(name), current);
        }

        /// <summary>A host a context may hold, as the CLI accepts it (ssh:// included); InvalidContextHost otherwise.</summary>
        internal static string CheckHost(string host)
        {
            var text = host.Trim();
            if (text.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase))
            {
                var rest = text.Substring("ssh://".Length);
                if (rest.Length > 0 && rest.IndexOfAny(new[] { ' ', '/', '\\' }) < 0 && !rest.EndsWith("@", StringComparison.Ordinal))
                {
                    return text;
                }
            }
            else
            {
                try
                {
                    EndpointResolver.ParseHost(text, null, EndpointSource.Parameter);
                    return text;
                }
                catch (DockerPSException)
                {
                    // Reported below, as a context's host.
                }
            }

            throw new DockerPSException(UserText.Format(ContextMessages.HostInvalid, host), "InvalidContextHost", ErrorCategory.InvalidArgument, host);
        }

        /// <summary>The bytes of a PEM file given to <paramref name="parameter"/>; TlsFileNotFound or TlsFileInvalid.</summary>
        internal byte[] ReadPem(string path, string parameter)
        {
            string resolved;
            try
            {
                resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is PSArgumentException)
            {
                throw new DockerPSException(UserText.Format(ContextMessages.TlsFileNotFound, path, parameter), "TlsFileNotFound", ErrorCategory.ObjectNotFound, path, e);
            }

            if (!File.Exists(resolved))
            {
                throw new DockerPSException(UserText.Format(ContextMessages.TlsFileNotFound, path, parameter), "TlsFileNotFound", ErrorCategory.ObjectNotFound, path);
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(resolved);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException(UserText.Format(ContextMessages.TlsFileInvalid, path, parameter, e.Message), "TlsFileInvalid", ErrorCategory.ReadError, path, e);
            }

            if (Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024)).IndexOf("-----BEGIN ", StringComparison.Ordinal) < 0)
            {
                throw new DockerPSException(UserText.Format(ContextMessages.TlsFileInvalid, path, parameter, "no -----BEGIN line"), "TlsFileInvalid", ErrorCategory.InvalidData, path);
            }

            return bytes;
        }

        /// <summary>The TLS files the -Tls* parameters name, by their names in the store.</summary>
        internal Dictionary<string, byte[]> ReadTlsParameters(string? ca, string? cert, string? key)
        {
            if ((cert is null) != (key is null))
            {
                throw new DockerPSException(ContextMessages.TlsCertWithoutKey, "TlsCertWithoutKey", ErrorCategory.InvalidArgument, cert ?? key);
            }

            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            if (ca != null)
            {
                files["ca.pem"] = ReadPem(ca, "-TlsCaCert");
            }

            if (cert != null)
            {
                files["cert.pem"] = ReadPem(cert, "-TlsCert");
                files["key.pem"] = ReadPem(key!, "-TlsKey");
            }

            return files;
        }

        /// <summary>The TLS files a context has, with the ones given in their place (a name given replaces the one stored).</summary>
        internal static Dictionary<string, byte[]> Overlay(IReadOnlyDictionary<string, byte[]> stored, IReadOnlyDictionary<string, byte[]> given)
        {
            var merged = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in stored.Concat(given))
            {
                merged[entry.Key] = entry.Value;
            }

            return merged;
        }

        /// <summary>Refuses "default" for a change (ContextNotChangeable).</summary>
        internal static void RefuseDefault(string name)
        {
            if (string.Equals(name, ContextStore.DefaultContextName, StringComparison.Ordinal))
            {
                throw new DockerPSException(ContextMessages.DefaultNotChangeable, "ContextNotChangeable", ErrorCategory.InvalidOperation, name);
            }
        }

        internal void WriteDockerError(DockerPSException error, object? target = null) => WriteError(error.ToErrorRecord(target));

        internal void ThrowDockerError(DockerPSException error) => ThrowTerminatingError(error.ToErrorRecord());
    }
}
