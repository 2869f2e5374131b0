using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json.Nodes;
using PSDocker.Connection;
using PSDocker.Model;

namespace PSDocker.Commands.Contexts
{
    /// <summary>
    /// <para type="synopsis">Changes a docker context (docker context update).</para>
    /// <para type="description">Changes only what is given: the description, the engine, TLS verification or TLS files. Everything else in the context's meta.json, fields this module does not know included, stays as it was.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "DockerContext", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerContext))]
    public sealed class SetDockerContextCommand : ContextCmdlet
    {
        /// <summary>
        /// <para type="description">The context to change.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContextCompleter))]
        public string Name { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The new description; an empty string removes it.</para>
        /// </summary>
        [Parameter]
        [AllowEmptyString]
        public string? Description { get; set; }

        /// <summary>
        /// <para type="description">The engine the context names from now on (unix://, tcp://, npipe:// or ssh://).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DockerHost { get; set; }

        /// <summary>
        /// <para type="description">A CA certificate (PEM) to store in place of the one the context has.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TlsCaCert { get; set; }

        /// <summary>
        /// <para type="description">A client certificate (PEM) to store in place of the one the context has; goes with -TlsKey.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TlsCert { get; set; }

        /// <summary>
        /// <para type="description">The client certificate's private key (PEM); goes with -TlsCert.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TlsKey { get; set; }

        /// <summary>
        /// <para type="description">Whether the engine's TLS certificate is not verified (-SkipTlsVerify:$false verifies it again).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter SkipTlsVerify { get; set; }

        /// <summary>
        /// <para type="description">Write the changed context to the pipeline.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                RefuseDefault(Name);
                var stored = ReadStored(Name);
                var given = ReadTlsParameters(TlsCaCert, TlsCert, TlsKey);
                var host = DockerHost is null ? null : CheckHost(DockerHost);
                if (!ShouldProcess(Name, "Update context"))
                {
                    return;
                }

                if (Description != null)
                {
                    if (Description.Length == 0)
                    {
                        stored.Metadata.Remove("Description");
                    }
                    else
                    {
                        stored.Metadata["Description"] = Description;
                    }
                }

                if (host != null)
                {
                    stored.DockerEndpoint["Host"] = host;
                }

                if (MyInvocation.BoundParameters.ContainsKey(nameof(SkipTlsVerify)))
                {
                    stored.DockerEndpoint["SkipTLSVerify"] = SkipTlsVerify.IsPresent;
                }

                var tls = Overlay(stored.Tls, given);

                ContextStore.Write(Name, stored.Meta, tls);
                if (PassThru.IsPresent)
                {
                    WriteObject(Find(Name));
                }
            }
            catch (DockerPSException e)
            {
                WriteDockerError(e, e.Target ?? Name);
            }
        }
    }
}
