using System.Collections;
using System.Collections.Generic;
using PSDocker.Connection;

namespace PSDocker.Completers
{
    /// <summary>docker context names, read where the CLI keeps them ($DOCKER_CONFIG/contexts/meta), plus "default".</summary>
    internal sealed class ContextCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            yield return (ContextStore.DefaultContextName, "the DOCKER_HOST or default socket");
            foreach (var (_, context, _) in ContextStore.List())
            {
                // A broken context file is simply not offered.
                if (context != null)
                {
                    yield return (context.Name, context.Host);
                }
            }
        }
    }
}
