using System;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Registry;

namespace PSDocker.Commands.Registry
{
    /// <summary>
    /// docker login: checks the credentials with the engine, then stores them where and how the docker CLI does
    /// (a credHelpers entry, else credsStore, else base64 in config.json — with a warning that this is unencrypted).
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "DockerRegistry", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerRegistryLogin))]
    public sealed class ConnectDockerRegistryCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">The registry: host[:port] (default: Docker Hub).</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ServerAddress")]
        public string? Registry { get; set; }

        /// <summary>
        /// <para type="description">The user name and password (or access token). There is no plain-text password parameter.</para>
        /// </summary>
        [Parameter(Mandatory = true)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>host[:port] (a name, an IPv4 address or a [bracketed] IPv6 one), with an optional http(s):// and path, as docker login takes it.</summary>
        internal static bool IsRegistryAddress(string text) =>
            System.Text.RegularExpressions.Regex.IsMatch(text.Trim(),
                @"^(https?://)?([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[^\s]*)?$",
                System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            if (Registry != null && !IsRegistryAddress(Registry))
            {
                ThrowDockerError(new DockerPSException(
                    "'" + Registry + "' is not a registry address: use host[:port], such as registry.example.com, 127.0.0.1:5000 or https://registry.example.com (leave it out for Docker Hub).",
                    "InvalidRegistryAddress", ErrorCategory.InvalidArgument, Registry));
            }

            var key = RegistryCredentials.Key(Registry);
            var session = GetSession(out var endpoint);
            if (!ShouldProcess(key, "Log in as " + Credential.UserName + " and store the credentials"))
            {
                return;
            }

            var password = Credential.GetNetworkCredential().Password;
            try
            {
                Call(session, "Registry", key, ct => session.Client.System.AuthenticateAsync(new AuthConfig
                {
                    Username = Credential.UserName,
                    Password = password,
                    ServerAddress = key,
                }, ct));
            }
            catch (DockerPSException e) when (e.ErrorId.StartsWith("Docker", System.StringComparison.Ordinal))
            {
                ThrowDockerError(e);
                return;
            }
            catch (DockerPSException e)
            {
                // The engine answers 401 or 500 with the registry's words; classify them like a pull's.
                var mapped = ImagePuller.FromStreamError(e.Message, key, session.Endpoint);
                ThrowDockerError(mapped.ErrorId.StartsWith("Registry", System.StringComparison.Ordinal)
                    ? new DockerPSException(mapped.Message, mapped.ErrorId, mapped.Category, key, e)
                    : new DockerPSException(e.Message, "RegistryLoginFailed", ErrorCategory.AuthenticationError, key, e));
                return;
            }

            string storedIn;
            try
            {
                storedIn = RegistryCredentials.Store(key, Credential.UserName, password);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            if (string.Equals(storedIn, RegistryCredentials.ConfigFile, StringComparison.Ordinal))
            {
                WriteWarning("Your password is stored unencrypted in " + storedIn + ". Configure a credential helper (credsStore or credHelpers) to keep it encrypted.");
            }

            WriteObject(DockerEndpoint.Stamp(new DockerRegistryLogin { Registry = key, UserName = Credential.UserName, StoredIn = storedIn }, endpoint));
        }
    }
}
