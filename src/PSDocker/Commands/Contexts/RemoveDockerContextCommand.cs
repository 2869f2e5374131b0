using System;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Resources;

namespace PSDocker.Commands.Contexts
{
    /// <summary>
    /// <para type="synopsis">Removes docker contexts (docker context rm).</para>
    /// <para type="description">Removes each context's metadata and TLS files from the docker CLI's store. The current context is kept unless -Force is given; then the default context becomes current, as with docker context rm -f.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "DockerContext", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerContextCommand : ContextCmdlet
    {
        /// <summary>
        /// <para type="description">Names of the contexts to remove (no wildcards: a context's TLS key goes with it).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContextCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Remove the current context too; the default context becomes current.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (var name in Name)
            {
                try
                {
                    RefuseDefault(name);
                    ReadStored(name);
                    // Current as the CLI sees it (DOCKER_CONTEXT, else config.json), as docker context rm checks it.
                    var isCurrent = string.Equals(ContextStore.CurrentName(), name, StringComparison.Ordinal);
                    if (isCurrent && !Force.IsPresent)
                    {
                        throw new DockerPSException(UserText.Format(ContextMessages.ContextInUse, name), "ContextInUse", ErrorCategory.InvalidOperation, name);
                    }

                    if (!ShouldProcess(name, isCurrent ? "Remove the current context (the default context becomes current)" : "Remove context"))
                    {
                        continue;
                    }

                    if (string.Equals(ContextStore.ReadCurrentContext(), name, StringComparison.Ordinal))
                    {
                        ContextStore.SetCurrent(ContextStore.DefaultContextName);
                    }

                    ContextStore.Remove(name);
                }
                catch (DockerPSException e)
                {
                    WriteDockerError(e, e.Target ?? name);
                }
            }
        }
    }
}
