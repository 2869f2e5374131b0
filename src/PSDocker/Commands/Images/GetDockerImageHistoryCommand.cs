using System.Linq;
using System.Management.Automation;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Images
{
    /// <summary>docker history: the layers of an image, newest first.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerImageHistory", DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerImageLayer))]
    public sealed class GetDockerImageHistoryCommand : ImageCmdlet
    {
        internal override void ProcessImage(DockerSession session, DockerTarget target)
        {
            var history = Call(session, "Image", target.UserTarget, ct => session.Client.Images.GetImageHistoryAsync(target.Reference, ct));
            foreach (var layer in history)
            {
                WriteObject(DockerEndpoint.Stamp(new DockerImageLayer
                {
                    Id = layer.ID,
                    Created = ContainerMapper.ToLocal(layer.Created),
                    CreatedBy = layer.CreatedBy,
                    Size = layer.Size,
                    Comment = string.IsNullOrEmpty(layer.Comment) ? null : layer.Comment,
                    Tags = (layer.Tags ?? new System.Collections.Generic.List<string>()).ToArray(),
                    Image = target.Reference,
                }, target.Endpoint));
            }
        }
    }
}
