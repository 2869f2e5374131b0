using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Formats;
using PSDocker.Model;
using PSDocker.Resources;

namespace PSDocker.Pipeline
{
    /// <summary>The selection rules of each kind of engine object (see <see cref="TargetResolver{T}"/>).</summary>
    internal static partial class Targets
    {
        public static readonly TargetResolver<DockerContainer> Containers = new TargetResolver<DockerContainer>(
            "Container",
            async (session, endpoint, ct) =>
                (await session.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct))
                    .Select(c => ContainerMapper.FromList(c, endpoint)).ToList(),
            c => c.Name.Length > 0 ? c.Name : c.Id,
            (c, endpoint, userTarget) => new DockerTarget(endpoint, c.Id, Describe(c.Name, c.Id), userTarget, c.Name),
            (value, byId, filtered, endpoint) => new DockerPSException(
                "No container with the " + (byId ? "id" : "name") + " '" + value + "' exists" + (filtered ? " that passes the filter." : ".") + " Get-DockerContainer -All lists the containers there are.",
                "ContainerNotFound", ErrorCategory.ObjectNotFound, value))
        {
            IdOf = c => c.Id,
            NamesOf = c => c.Names,
            TrimName = name => name.TrimStart('/'),
            ObjectIsTarget = true,
            KindWord = "container",
            WrongInputId = "InputNotAContainer",
            ListCmdlet = "Get-DockerContainer",
            Related =
            {
                Related<DockerContainerDetail>((cmdlet, c) => new DockerTarget(cmdlet.EndpointOf(c), c.Id, Describe(c.Name, c.Id), c, c.Name)),
                Related<DockerContainerExit>((cmdlet, c) => new DockerTarget(cmdlet.EndpointOf(c), c.ContainerReference, c.Container, c, c.Container)),
                Related<DockerContainerStatistic>((cmdlet, c) => new DockerTarget(cmdlet.EndpointOf(c), c.Id, Describe(c.Container, c.Id), c, c.Container)),
            },
        };

        public static readonly TargetResolver<DockerImage> Images = new TargetResolver<DockerImage>(
            "Image",
            async (session, endpoint, ct) =>
                (await session.Client.Images.ListImagesAsync(new ImagesListParameters(), ct))
                    .SelectMany(i => ImageMapper.FromList(i, endpoint)).ToList(),
            i => i.Name,
            (i, endpoint, userTarget) => new DockerTarget(endpoint, i.Name, i.Name, userTarget),
            (value, byId, filtered, endpoint) => byId
                ? new DockerPSException("No image with the id '" + value + "' exists. Get-DockerImage lists the images there are.", "ImageNotFound", ErrorCategory.ObjectNotFound, value)
                : new DockerPSException("No image named '" + value + "' exists on " + endpoint.Host + ". Get-DockerImage lists the images there are; Install-DockerImage pulls one.", "ImageNotFound", ErrorCategory.ObjectNotFound, value))
        {
            IdOf = i => i.Id,
            NormalizeId = id => id.StartsWith("sha256:", StringComparison.Ordinal) ? id : "sha256:" + id,
            MatchName = MatchImages,
            KindWord = "image",
            WrongInputId = "InputNotAnImage",
            ListCmdlet = "Get-DockerImage",
            Related =
            {
                Related<DockerImageDetail>((cmdlet, i) => new DockerTarget(cmdlet.EndpointOf(i), i.Name.Length > 0 ? i.Name : i.Id, i.Name.Length > 0 ? i.Name : i.Id, i.Name.Length > 0 ? i.Name : i.Id)),
            },
        };

        public static readonly TargetResolver<DockerVolume> Volumes = new TargetResolver<DockerVolume>(
            "Volume",
            async (session, endpoint, ct) =>
                ((await session.Client.Volumes.ListAsync(new VolumesListParameters(), ct)).Volumes ?? new List<VolumeResponse>())
                    .OrderBy(v => v.Name, StringComparer.Ordinal)
                    .Select(v => VolumeMapper.FromApi(v, endpoint)).ToList(),
            v => v.Name,
            (v, endpoint, userTarget) => new DockerTarget(endpoint, v.Name, v.Name, userTarget),
            (value, byId, filtered, endpoint) => new DockerPSException(
                UserText.Format(filtered ? VolumeMessages.VolumeNotFoundFiltered : VolumeMessages.VolumeNotFound, value),
                "VolumeNotFound", ErrorCategory.ObjectNotFound, value))
        {
            KindWord = "volume",
            WrongInputId = "InputNotAVolume",
            ListCmdlet = "Get-DockerVolume",
        };

        public static readonly TargetResolver<DockerNetwork> Networks = new TargetResolver<DockerNetwork>(
            "Network",
            async (session, endpoint, ct) =>
                (await session.Client.Networks.ListNetworksAsync(new NetworksListParameters(), ct))
                    .OrderBy(n => n.Name, StringComparer.Ordinal)
                    .Select(n => NetworkMapper.FromApi(n, endpoint)).ToList(),
            n => n.Name,
            (n, endpoint, userTarget) => new DockerTarget(endpoint, n.Id, n.Name, userTarget),
            (value, byId, filtered, endpoint) => new DockerPSException(
                UserText.Format(filtered ? NetworkMessages.NetworkNotFoundFiltered : NetworkMessages.NetworkNotFound, value),
                "NetworkNotFound", ErrorCategory.ObjectNotFound, value))
        {
            IdOf = n => n.Id,
            ExpandIdPatterns = false,
            KindWord = "network",
            WrongInputId = "InputNotANetwork",
            ListCmdlet = "Get-DockerNetwork",
        };

        private static KeyValuePair<Type, Func<DockerCmdlet, DockerObject, DockerTarget>> Related<TRelated>(Func<DockerCmdlet, TRelated, DockerTarget> toTarget)
            where TRelated : DockerObject =>
            new KeyValuePair<Type, Func<DockerCmdlet, DockerObject, DockerTarget>>(typeof(TRelated), (cmdlet, item) => toTarget(cmdlet, (TRelated)item));

        /// <summary>'name (0123456789ab)', or the short id alone when the object has no other name.</summary>
        internal static string Describe(string name, string id)
        {
            var shortId = DockerFormat.ShortId(id);
            return string.IsNullOrEmpty(name) || name == id ? shortId : name + " (" + shortId + ")";
        }

        /// <summary>
        /// Image rows a pattern selects: repository:tag when the pattern has a tag, else the repository. An exact
        /// name is read as the CLI reads it (Docker Hub's implicit docker.io/library/ prefix may be left out).
        /// </summary>
        private static IEnumerable<DockerImage> MatchImages(IEnumerable<DockerImage> images, string name)
        {
            var pattern = WildcardPattern.ContainsWildcardCharacters(name) ? name : WithoutHubPrefix(name);
            var wildcard = TargetResolver<DockerImage>.Pattern(pattern);
            var hasTag = pattern.LastIndexOf(':') > pattern.LastIndexOf('/');
            return images.Where(i => i.Repository.Length > 0 && wildcard.IsMatch(hasTag ? i.Name : i.Repository));
        }

        private static string WithoutHubPrefix(string name) =>
            name.StartsWith("docker.io/library/", StringComparison.Ordinal) ? name.Substring(18)
            : name.StartsWith("library/", StringComparison.Ordinal) ? name.Substring(8)
            : name.StartsWith("docker.io/", StringComparison.Ordinal) ? name.Substring(10) : name;
    }
}
