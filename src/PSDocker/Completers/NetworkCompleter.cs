using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Docker.DotNet.Models;

namespace PSDocker.Completers
{
    /// <summary>Network names of the engine the command line points at.</summary>
    internal sealed class NetworkCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            var session = Session(fakeBoundParameters);
            var networks = Ask(ct => session.Client.Networks.ListNetworksAsync(new NetworksListParameters(), ct));
            return networks.Select(n => (n.Name, n.Driver + " " + n.Scope));
        }
    }

    /// <summary>Volume names of the engine the command line points at.</summary>
    internal sealed class VolumeCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            var session = Session(fakeBoundParameters);
            var volumes = Ask(ct => session.Client.Volumes.ListAsync(new VolumesListParameters(), ct));
            return (volumes.Volumes ?? new List<VolumeResponse>()).Select(v => (v.Name, v.Driver + " " + v.Mountpoint));
        }
    }
}
