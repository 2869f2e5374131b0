using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Docker.DotNet.Models;
using PSDocker.Api;

namespace PSDocker.Completers
{
    /// <summary>Container names (all states) of the engine the command line points at.</summary>
    internal sealed class ContainerNameCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            var session = Session(fakeBoundParameters);
            var containers = Ask(ct => session.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct));
            return containers.SelectMany(c => (c.Names ?? new List<string>())
                .Select(ContainerMapper.TrimName)
                .Where(n => n.IndexOf('/') < 0)
                .Select(n => (n, c.Image + " — " + c.Status)));
        }
    }

    /// <summary>Container ids (the 12-character form) of the engine the command line points at.</summary>
    internal sealed class ContainerIdCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            var session = Session(fakeBoundParameters);
            var containers = Ask(ct => session.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct));
            return containers.Select(c => (c.ID.Substring(0, System.Math.Min(12, c.ID.Length)),
                string.Join(",", (c.Names ?? new List<string>()).Select(ContainerMapper.TrimName)) + " — " + c.Image));
        }
    }
}
