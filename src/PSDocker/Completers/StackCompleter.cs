using System.Collections;
using System.Collections.Generic;
using System.Linq;
using PSDocker.Api;

namespace PSDocker.Completers
{
    /// <summary>Stack names of the engine (a swarm manager) the command line points at.</summary>
    internal sealed class StackCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            var session = Session(fakeBoundParameters);
            var services = Ask(ct => StackEngine.ServicesAsync(session, null, ct));
            return StackEngine.Group(services).Select(s => (s.Key, s.Value + (s.Value == 1 ? " service" : " services")));
        }
    }
}
