using System;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Resources;

namespace PSDocker.Commands.Contexts
{
    /// <summary>
    /// <para type="synopsis">Makes a docker context the current one (docker context use).</para>
    /// <para type="description">Writes currentContext into the docker CLI's config.json, so commands without -Context (here and in the docker CLI) use that context's engine; "default" removes it. DOCKER_HOST and DOCKER_CONTEXT, when set, still win: the cmdlet warns about that, as docker context use does.</para>
    /// </summary>
    [Cmdlet(VerbsOther.Use, "DockerContext", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerContext))]
    public sealed class UseDockerContextCommand : ContextCmdlet
    {
        /// <summary>
        /// <para type="description">The context to use from now on; "default" for DOCKER_HOST or the local engine.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContextCompleter))]
        public string Name { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">Write the context, now current, to the pipeline.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            try
            {
                var isDefault = string.Equals(Name, ContextStore.DefaultContextName, StringComparison.Ordinal);
                if (!isDefault)
                {
                    ReadStored(Name);
                }

                if (!ShouldProcess(Name, "Use context"))
                {
                    return;
                }

                ContextStore.SetCurrent(Name);
                WriteVerbose("Current context is now \"" + Name + "\".");
                var envHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
                var envContext = Environment.GetEnvironmentVariable("DOCKER_CONTEXT");
                if (!isDefault && !string.IsNullOrEmpty(envHost))
                {
                    WriteWarning(UserText.Format(ContextMessages.DockerHostOverrides, envHost, Name));
                }
                else if (!string.IsNullOrEmpty(envContext) && !string.Equals(envContext, Name, StringComparison.Ordinal))
                {
                    WriteWarning(UserText.Format(ContextMessages.DockerContextOverrides, envContext, Name));
                }

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
