using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>Reads one container back as docker ps shows it (for -PassThru and for what create/run return).</summary>
    internal static class ContainerLookup
    {
        public static DockerContainer Fetch(DockerCmdlet cmdlet, DockerSession session, DockerEndpoint endpoint, string reference, object userTarget)
        {
            // The list endpoint filters by id (prefix) only, so a name is first turned into an id.
            var id = cmdlet.Call(session, "Container", userTarget, ct => session.Client.Containers.InspectContainerAsync(reference, ct)).ID;
            var list = cmdlet.Call(session, "Container", userTarget, ct => session.Client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["id"] = new Dictionary<string, bool> { [id] = true } },
            }, ct));
            var found = list.FirstOrDefault(c => c.ID == id)
                ?? throw new DockerPSException("The container " + reference + " disappeared.", "ContainerNotFound", ErrorCategory.ObjectNotFound, userTarget);
            return ContainerMapper.FromList(found, endpoint);
        }
    }
}
