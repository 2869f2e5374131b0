using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Docker.DotNet.Models;

namespace PSDocker.Completers
{
    /// <summary>Service names of the swarm the command line points at.</summary>
    internal sealed class ServiceCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            var session = Session(fakeBoundParameters);
            var services = Ask(ct => session.Client.Swarm.ListServicesAsync(new ServiceListParameters(), ct));
            return services.Select(s => (s.Spec?.Name ?? string.Empty, Api.SwarmMapper.ModeOf(s.Spec?.Mode) + " " + s.Spec?.TaskTemplate?.ContainerSpec?.Image));
        }
    }

    /// <summary>Node ids of the swarm the command line points at (the tooltip says host name, role and status).</summary>
    internal sealed class NodeCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            var session = Session(fakeBoundParameters);
            var nodes = Ask(ct => session.Client.Swarm.ListNodesAsync(ct));
            return nodes.Select(n => (n.ID ?? string.Empty, n.Description?.Hostname + " " + n.Spec?.Role + " " + n.Status?.State));
        }
    }

    /// <summary>Secret names of the swarm the command line points at.</summary>
    internal sealed class SecretCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            var session = Session(fakeBoundParameters);
            var secrets = Ask(ct => session.Client.Secrets.ListAsync(ct));
            return secrets.Select(s => (s.Spec?.Name ?? string.Empty, s.ID ?? string.Empty));
        }
    }

    /// <summary>Config names of the swarm the command line points at.</summary>
    internal sealed class ConfigCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            var session = Session(fakeBoundParameters);
            var configs = Ask(ct => session.Client.Configs.ListConfigsAsync(ct));
            return configs.Select(c => (c.Spec?.Name ?? string.Empty, c.ID ?? string.Empty));
        }
    }

    /// <summary>
    /// For parameters the swarm cmdlets share through a base class (-Name of Get-/Remove-DockerSecret, -Config,
    /// -Service): the names of the kind the command's noun says.
    /// </summary>
    internal sealed class SwarmNameCompleter : System.Management.Automation.IArgumentCompleter
    {
        public IEnumerable<System.Management.Automation.CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            DockerCompleter inner = commandName.EndsWith("DockerSecret", System.StringComparison.OrdinalIgnoreCase) ? new SecretCompleter()
                : commandName.EndsWith("DockerConfig", System.StringComparison.OrdinalIgnoreCase) ? new ConfigCompleter()
                : (DockerCompleter)new ServiceCompleter();
            return inner.CompleteArgument(commandName, parameterName, wordToComplete, commandAst, fakeBoundParameters);
        }
    }
}
