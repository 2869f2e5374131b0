using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Resources;

namespace PSDocker.Commands.Contexts
{
    /// <summary>
    /// <para type="synopsis">Creates a docker context (docker context create).</para>
    /// <para type="description">Stores a context where the docker CLI keeps them, so docker context ls sees it and docker --context uses it. Without -DockerHost or -From the new context copies the current one, as docker context create does.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DockerContext", SupportsShouldProcess = true, DefaultParameterSetName = ByHost)]
    [OutputType(typeof(DockerContext))]
    public sealed class NewDockerContextCommand : ContextCmdlet
    {
        private const string ByHost = "ByHost";
        private const string ByFrom = "From";

        /// <summary>
        /// <para type="description">The new context's name: a letter or digit, then letters, digits and _ . + - ("default" is taken).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The engine the context names: unix:///path, tcp://host:port, npipe:////./pipe/name or ssh://user@host[:port] (docker context create --docker host=...).</para>
        /// </summary>
        [Parameter(Position = 1, ParameterSetName = ByHost)]
        [ValidateNotNullOrEmpty]
        public string? DockerHost { get; set; }

        /// <summary>
        /// <para type="description">A description, shown by Get-DockerContext and docker context ls.</para>
        /// </summary>
        [Parameter]
        public string? Description { get; set; }

        /// <summary>
        /// <para type="description">The CA certificate (PEM) that signed the engine's certificate (--docker ca=...). Stored with the context.</para>
        /// </summary>
        [Parameter(ParameterSetName = ByHost)]
        [ValidateNotNullOrEmpty]
        public string? TlsCaCert { get; set; }

        /// <summary>
        /// <para type="description">The client certificate (PEM) to present to the engine (--docker cert=...); goes with -TlsKey.</para>
        /// </summary>
        [Parameter(ParameterSetName = ByHost)]
        [ValidateNotNullOrEmpty]
        public string? TlsCert { get; set; }

        /// <summary>
        /// <para type="description">The client certificate's private key (PEM) (--docker key=...); goes with -TlsCert. Stored readable by you only.</para>
        /// </summary>
        [Parameter(ParameterSetName = ByHost)]
        [ValidateNotNullOrEmpty]
        public string? TlsKey { get; set; }

        /// <summary>
        /// <para type="description">Do not verify the engine's TLS certificate (--docker skip-tls-verify=true).</para>
        /// </summary>
        [Parameter(ParameterSetName = ByHost)]
        public SwitchParameter SkipTlsVerify { get; set; }

        /// <summary>
        /// <para type="description">An existing context whose engine and TLS files the new one copies (docker context create --from); "default" copies DOCKER_HOST and DOCKER_CERT_PATH.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByFrom)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContextCompleter))]
        public string From { get; set; } = string.Empty;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                ContextStore.ValidateName(Name);
                if (ContextStore.Exists(Name))
                {
                    throw new DockerPSException(UserText.Format(ContextMessages.ContextExists, Name), "ContextExists", ErrorCategory.ResourceExists, Name);
                }

                string host;
                bool skip;
                IReadOnlyDictionary<string, byte[]> tls;
                if (ParameterSetName == ByFrom || DockerHost is null)
                {
                    // --from, or (as docker context create with no --docker) the current context.
                    (host, skip, tls) = EndpointOf(ParameterSetName == ByFrom ? From : ContextStore.CurrentName());
                    if (ParameterSetName == ByHost && (TlsCaCert != null || TlsCert != null || TlsKey != null || SkipTlsVerify.IsPresent))
                    {
                        tls = Overlay(tls, ReadTlsParameters(TlsCaCert, TlsCert, TlsKey));
                        skip = skip || SkipTlsVerify.IsPresent;
                    }
                }
                else
                {
                    host = CheckHost(DockerHost);
                    tls = ReadTlsParameters(TlsCaCert, TlsCert, TlsKey);
                    skip = SkipTlsVerify.IsPresent;
                }

                if (!ShouldProcess(Name + " (" + host + ")", "Create context"))
                {
                    return;
                }

                ContextStore.Write(Name, ContextStore.NewMeta(Name, Description, host, skip), tls);
                WriteObject(Find(Name));
            }
            catch (DockerPSException e)
            {
                WriteDockerError(e, e.Target ?? Name);
            }
        }

        /// <summary>The engine, TLS verification and TLS files of a context to copy.</summary>
        private static (string Host, bool Skip, IReadOnlyDictionary<string, byte[]> Tls) EndpointOf(string name)
        {
            if (!string.Equals(name, ContextStore.DefaultContextName, StringComparison.Ordinal))
            {
                var stored = ReadStored(name);
                return (stored.Host, stored.SkipTlsVerify, stored.Tls);
            }

            var host = EndpointResolver.EnvironmentHost;
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var tls = EndpointResolver.TlsFromEnvironment();
            if (tls != null)
            {
                foreach (var (file, stored) in new[] { (tls.CaFile, "ca.pem"), (tls.CertFile, "cert.pem"), (tls.KeyFile, "key.pem") })
                {
                    if (file != null && File.Exists(file))
                    {
                        files[stored] = File.ReadAllBytes(file);
                    }
                }
            }

            return (host, tls != null && !tls.Verify, files);
        }
    }
}
