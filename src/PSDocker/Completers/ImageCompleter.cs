using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Docker.DotNet.Models;

namespace PSDocker.Completers
{
    /// <summary>Image references (repository:tag) of the engine the command line points at.</summary>
    internal sealed class ImageCompleter : DockerCompleter
    {
        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            var session = Session(fakeBoundParameters);
            var images = Ask(ct => session.Client.Images.ListImagesAsync(new ImagesListParameters(), ct));
            return images.SelectMany(i => (i.RepoTags ?? new List<string>())
                .Where(t => t != "<none>:<none>")
                .Select(t => (t, Formats.DockerFormat.ShortId(i.ID) + " " + Formats.DockerFormat.Size(i.Size))));
        }
    }
}
