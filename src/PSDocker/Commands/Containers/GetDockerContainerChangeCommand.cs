using System.Collections.Generic;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker diff: the paths added, changed or deleted in each container's file system since it was created from its image.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerContainerChange", DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainerChange))]
    public sealed class GetDockerContainerChangeCommand : ContainerCmdlet
    {
        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            var changes = Call(session, "Container", target.UserTarget, ct => session.Client.Containers.InspectChangesAsync(target.Reference, ct));
            // A container without changes answers null rather than an empty list.
            foreach (var change in changes ?? new List<ContainerFileSystemChangeResponse>())
            {
                WriteObject(DockerEndpoint.Stamp(new DockerContainerChange
                {
                    Container = target.Name,
                    Kind = change.Kind == FileSystemChangeKind.Add ? DockerChangeKind.Added
                        : change.Kind == FileSystemChangeKind.Delete ? DockerChangeKind.Deleted
                        : DockerChangeKind.Changed,
                    Path = change.Path,
                }, target.Endpoint));
            }
        }
    }
}
