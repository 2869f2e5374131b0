using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Swarm
{
    /// <summary>
    /// docker stack rm: removes what carries the stack's namespace label, in the CLI's order — services, secrets,
    /// configs, then networks (which the swarm frees once the services' tasks are gone).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "DockerStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerStackCommand : DockerCmdlet
    {
        // How long a network may stay in use by the removed services' tasks before its removal is an error.
        private static readonly TimeSpan NetworkGrace = TimeSpan.FromSeconds(30);

        /// <summary>
        /// <para type="description">Names of the stacks to remove. Wildcards select among the stacks Get-DockerStack lists.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("StackName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.StackCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var endpoint = ResolveEndpoint();
            var session = GetSession(endpoint);
            List<DockerTarget> targets;
            try
            {
                foreach (var name in Name)
                {
                    StackEngine.ValidName(name);
                }

                targets = StackEngine.Targets.Resolve(this, Name, byId: false).ToList();
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            foreach (var target in targets)
            {
                try
                {
                    Remove(session, endpoint, target.Reference, target.UserTarget);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, target.UserTarget);
                }
            }
        }

        private void Remove(DockerSession session, DockerEndpoint endpoint, string stack, object userTarget)
        {
            var services = Call(session, "Service", stack, ct => StackEngine.ServicesAsync(session, stack, ct));
            var networks = Call(session, "Network", stack, ct => StackEngine.NetworksAsync(session, stack, ct));
            var secrets = Call(session, "Secret", stack, ct => StackEngine.SecretsAsync(session, stack, ct));
            var configs = Call(session, "Config", stack, ct => StackEngine.ConfigsAsync(session, stack, ct));
            if (services.Count + networks.Count + secrets.Count + configs.Count == 0)
            {
                throw new DockerPSException(UserText.Format(StackMessages.StackNotFound, stack), "StackNotFound", ErrorCategory.ObjectNotFound, userTarget);
            }

            if (!ShouldProcess(stack, "Remove stack (" + Count(services.Count, "service") + ", " + Count(secrets.Count, "secret") + ", " + Count(configs.Count, "config") + ", " + Count(networks.Count, "network") + ")"))
            {
                return;
            }

            try
            {
                foreach (var service in services.OrderBy(s => s.Spec?.Name ?? s.ID, StringComparer.Ordinal))
                {
                    var name = service.Spec?.Name ?? service.ID;
                    Progress(stack, "Removing service " + name);
                    Each(() => Call(session, "Service", name, ct => session.Client.Swarm.RemoveServiceAsync(service.ID, ct)), name);
                }

                foreach (var secret in secrets)
                {
                    var name = secret.Spec?.Name ?? secret.ID;
                    Progress(stack, "Removing secret " + name);
                    Each(() => Call(session, "Secret", name, ct => session.Client.Secrets.DeleteAsync(secret.ID, ct)), name);
                }

                foreach (var config in configs)
                {
                    var name = config.Spec?.Name ?? config.ID;
                    Progress(stack, "Removing config " + name);
                    Each(() => Call(session, "Config", name, ct => session.Client.Configs.RemoveConfigAsync(config.ID, ct)), name);
                }

                foreach (var network in networks)
                {
                    Progress(stack, "Removing network " + network.Name);
                    Each(() => RemoveNetwork(session, network.ID, network.Name), network.Name);
                }
            }
            finally
            {
                if (_progressShown)
                {
                    WriteProgress(new ProgressRecord(ProgressId, "Removing stack " + stack, "Done") { RecordType = ProgressRecordType.Completed });
                    _progressShown = false;
                }
            }
        }

        private const int ProgressId = 0x57AC;
        private bool _progressShown;

        private void Progress(string stack, string what)
        {
            _progressShown = true;
            WriteProgress(new ProgressRecord(ProgressId, "Removing stack " + stack, what));
        }

        private static string Count(int count, string what) => count + " " + what + (count == 1 ? string.Empty : "s");

        private void Each(Action remove, string name)
        {
            try
            {
                remove();
            }
            catch (DockerPSException e) when (e.ErrorId.EndsWith("NotFound", StringComparison.Ordinal))
            {
                // Gone already (another remover, or the swarm): what was asked is done.
                WriteVerbose(name + ": " + e.Message);
            }
            catch (DockerPSException e) when (!e.ErrorId.StartsWith("Docker", StringComparison.Ordinal))
            {
                WriteItemError(e, name);
            }
        }

        /// <summary>The swarm keeps a network while tasks of removed services still use it: wait that out, within a grace period.</summary>
        private void RemoveNetwork(DockerSession session, string id, string name)
        {
            var deadline = DateTime.UtcNow + NetworkGrace;
            while (true)
            {
                try
                {
                    Call(session, "Network", name, ct => session.Client.Networks.DeleteNetworkAsync(id, ct));
                    return;
                }
                catch (DockerPSException e) when (DateTime.UtcNow < deadline && (e.Message.IndexOf("in use", StringComparison.OrdinalIgnoreCase) >= 0 || e.Message.IndexOf("active endpoints", StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    Await(async ct => await System.Threading.Tasks.Task.Delay(250, ct).ConfigureAwait(false));
                }
            }
        }
    }
}
