using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Arguments;
using PSDocker.Connection;

namespace PSDocker.Api
{
    /// <summary>What a prune acts on, in the order it removes them (containers first frees the rest).</summary>
    internal enum PruneKind
    {
        Container,
        Network,
        Volume,
        Image,
    }

    /// <summary>One object a prune would remove, found by <see cref="Pruner"/>.</summary>
    internal sealed class PruneCandidate
    {
        public PruneCandidate(PruneKind kind, string id, string name, long? size)
        {
            Kind = kind;
            Id = id;
            Name = name;
            Size = size;
        }

        public PruneKind Kind { get; }

        /// <summary>The id the removal names (a volume's name).</summary>
        public string Id { get; }

        /// <summary>The name people know it by (a short id when it has none).</summary>
        public string Name { get; }

        /// <summary>Bytes it takes, as /system/df measured it; null when unknown.</summary>
        public long? Size { get; }

        /// <summary>Images: the references to remove one by one, as the engine's prune does; none means by id.</summary>
        public IReadOnlyList<string> References { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Candidate containers that still use this object: it is unused only once they are gone, so it is
        /// removed only when they were.
        /// </summary>
        public IReadOnlyCollection<string> DependsOn { get; set; } = Array.Empty<string>();

        /// <summary>How ShouldProcess and messages name it.</summary>
        public string Display => Kind switch
        {
            PruneKind.Volume => Name,
            PruneKind.Image => Name == ShortId ? ShortId : Name + " (" + ShortId + ")",
            _ => Name == ShortId ? ShortId : Name + " (" + ShortId + ")",
        };

        public string ShortId => Formats.DockerFormat.ShortId(Id);
    }

    /// <summary>
    /// Finds what the engine's prune endpoints would remove, by the engine's own rules (moby 20.10
    /// daemon/prune.go, daemon/images/image_prune.go, volume/service.Prune), so each candidate can be
    /// confirmed and removed on its own: the prune endpoints have no dry run, and calling them would also
    /// take whatever appeared after the listing. Shared by every cmdlet that prunes.
    /// </summary>
    internal static class Pruner
    {
        // runconfig.IsPreDefinedNetwork: these are never pruned.
        private static readonly HashSet<string> PredefinedNetworks = new HashSet<string>(StringComparer.Ordinal) { "bridge", "host", "none", "default" };

        public static async Task<List<PruneCandidate>> FindAsync(DockerSession session, ICollection<PruneKind> kinds, PruneFilter filter, bool allImages, CancellationToken cancellationToken)
        {
            var client = session.Client;
            var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cancellationToken);
            var sizes = kinds.Contains(PruneKind.Container) || kinds.Contains(PruneKind.Volume) || kinds.Contains(PruneKind.Image)
                ? await SizesAsync(session, cancellationToken)
                : new Dictionary<(PruneKind, string), (long? Size, long? Shared)>();

            var result = new List<PruneCandidate>();
            var goingContainers = new HashSet<string>(StringComparer.Ordinal);
            if (kinds.Contains(PruneKind.Container))
            {
                foreach (var c in containers.OrderBy(c => c.Created))
                {
                    // !Container.IsRunning(): running, paused and restarting containers stay; one being removed is not ours to take.
                    if (c.State == "running" || c.State == "paused" || c.State == "restarting" || c.State == "removing")
                    {
                        continue;
                    }

                    if (!filter.MatchesLabels(c.Labels) ||
                        !await CreatedInRangeAsync(filter, c.Created, async ct => (await client.Containers.InspectContainerAsync(c.ID, ct)).Created, cancellationToken))
                    {
                        continue;
                    }

                    var name = ContainerMapper.PrimaryName(c.Names) ?? c.ID;
                    sizes.TryGetValue((PruneKind.Container, c.ID), out var size);
                    result.Add(new PruneCandidate(PruneKind.Container, c.ID, name, size.Size ?? 0));
                    goingContainers.Add(c.ID);
                }
            }

            if (kinds.Contains(PruneKind.Network))
            {
                await FindNetworksAsync(client, filter, result, cancellationToken);
            }

            if (kinds.Contains(PruneKind.Volume))
            {
                var users = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var c in containers)
                {
                    foreach (var mount in c.Mounts ?? new List<MountPoint>())
                    {
                        if (mount.Type == "volume" && !string.IsNullOrEmpty(mount.Name))
                        {
                            (users.TryGetValue(mount.Name!, out var list) ? list : users[mount.Name!] = new List<string>()).Add(c.ID);
                        }
                    }
                }

                var volumes = await client.Volumes.ListAsync(new VolumesListParameters(), cancellationToken);
                foreach (var v in (volumes.Volumes ?? new List<VolumeResponse>()).OrderBy(v => v.Name, StringComparer.Ordinal))
                {
                    // Local volumes without driver options only: others are not really local (nfs, tmpfs, binds).
                    if (v.Driver != "local" || (v.Options != null && v.Options.Count > 0) || !filter.MatchesLabels(v.Labels))
                    {
                        continue;
                    }

                    var usedBy = users.TryGetValue(v.Name, out var ids) ? ids : new List<string>();
                    if (usedBy.Any(id => !goingContainers.Contains(id)))
                    {
                        continue;
                    }

                    sizes.TryGetValue((PruneKind.Volume, v.Name), out var size);
                    result.Add(new PruneCandidate(PruneKind.Volume, v.Name, v.Name, size.Size) { DependsOn = usedBy.Distinct().ToArray() });
                }
            }

            if (kinds.Contains(PruneKind.Image))
            {
                await FindImagesAsync(client, containers, goingContainers, sizes, filter, allImages, result, cancellationToken);
            }

            return result;
        }

        private static async Task FindNetworksAsync(Docker.DotNet.DockerClient client, PruneFilter filter, List<PruneCandidate> result, CancellationToken cancellationToken)
        {
            var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken);
            foreach (var n in networks.OrderBy(n => n.Name, StringComparer.Ordinal))
            {
                // Swarm networks are pruned by the swarm's managers; this prunes the engine's own, as localNetworksPrune does.
                if (PredefinedNetworks.Contains(n.Name) || n.ConfigOnly || n.Ingress || n.Scope == "swarm" ||
                    !filter.MatchesLabels(n.Labels) || !filter.CreatedInRange(ToUtc(n.Created)))
                {
                    continue;
                }

                // The list leaves endpoints out; the network itself says whether anything is attached.
                NetworkResponse detail;
                try
                {
                    detail = await client.Networks.InspectNetworkAsync(n.ID, cancellationToken);
                }
                catch (Docker.DotNet.DockerNetworkNotFoundException)
                {
                    continue; // removed meanwhile
                }

                if (detail.Containers != null && detail.Containers.Count > 0)
                {
                    continue;
                }

                result.Add(new PruneCandidate(PruneKind.Network, n.ID, n.Name, null));
            }
        }

        private static async Task FindImagesAsync(
            Docker.DotNet.DockerClient client,
            IList<ContainerListResponse> containers,
            HashSet<string> goingContainers,
            Dictionary<(PruneKind, string), (long? Size, long? Shared)> sizes,
            PruneFilter filter,
            bool allImages,
            List<PruneCandidate> result,
            CancellationToken cancellationToken)
        {
            // Without all, the list already holds what prune looks at: top-level images, and with dangling=true only
            // those without a tag (the engine's Heads() and untagged test).
            var parameters = new ImagesListParameters { All = false };
            if (!allImages)
            {
                parameters.Filters = new Dictionary<string, IDictionary<string, bool>> { ["dangling"] = new Dictionary<string, bool> { ["true"] = true } };
            }

            var images = await client.Images.ListImagesAsync(parameters, cancellationToken);
            var users = containers.Where(c => !string.IsNullOrEmpty(c.ImageID)).ToLookup(c => c.ImageID, c => c.ID, StringComparer.Ordinal);
            foreach (var image in images.OrderBy(i => i.Created))
            {
                // Deleting an image a container uses is refused (the engine's prune skips the conflict).
                var usedBy = users[image.ID].ToList();
                if (usedBy.Any(id => !goingContainers.Contains(id)) || !filter.MatchesLabels(image.Labels) ||
                    !await CreatedInRangeAsync(filter, image.Created, async ct => (await client.Images.InspectImageAsync(image.ID, ct)).Created ?? image.Created, cancellationToken))
                {
                    continue;
                }

                var tags = (image.RepoTags ?? new List<string>()).Where(t => t != "<none>:<none>").ToList();
                var digests = (image.RepoDigests ?? new List<string>()).Where(d => d != "<none>@<none>").ToList();
                sizes.TryGetValue((PruneKind.Image, image.ID), out var size);
                long? unique = size.Size is long total ? total - Math.Max(0, size.Shared ?? 0) : (long?)null;
                result.Add(new PruneCandidate(PruneKind.Image, image.ID, tags.FirstOrDefault() ?? Formats.DockerFormat.ShortId(image.ID), unique)
                {
                    References = tags.Concat(digests).ToArray(),
                    DependsOn = usedBy,
                });
            }
        }

        /// <summary>
        /// Until compares creation times to the nanosecond, but lists give whole seconds: an object created in
        /// the same second as Until is looked at closely before it is kept or taken.
        /// </summary>
        private static async Task<bool> CreatedInRangeAsync(PruneFilter filter, DateTime listed, Func<CancellationToken, Task<DateTime>> precise, CancellationToken cancellationToken)
        {
            if (filter.Until is null)
            {
                return true;
            }

            var created = ToUtc(listed);
            if (Math.Abs((created - filter.Until.Value).TotalSeconds) >= 1)
            {
                return filter.CreatedInRange(created);
            }

            DateTime? exact;
            try
            {
                exact = await precise(cancellationToken);
            }
            catch (Docker.DotNet.DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                exact = null; // gone meanwhile: its removal will say so
            }

            return filter.CreatedInRange(exact is DateTime value ? ToUtc(value) : created);
        }

        private static DateTime ToUtc(DateTime value) =>
            value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

        /// <summary>Sizes as docker system df gives them; a df that fails (one is already running) leaves them unknown.</summary>
        private static async Task<Dictionary<(PruneKind, string), (long? Size, long? Shared)>> SizesAsync(DockerSession session, CancellationToken cancellationToken)
        {
            var sizes = new Dictionary<(PruneKind, string), (long? Size, long? Shared)>();
            try
            {
                using var document = await session.Raw.GetJsonAsync("system/df?verbose=1", cancellationToken);
                var report = DiskUsageReader.Read(document.RootElement, session.Endpoint);
                foreach (var item in report.Items)
                {
                    var kind = item.Type switch
                    {
                        DiskUsageReader.Containers => PruneKind.Container,
                        DiskUsageReader.Volumes => PruneKind.Volume,
                        DiskUsageReader.Images => PruneKind.Image,
                        _ => (PruneKind?)null,
                    };
                    if (kind != null)
                    {
                        sizes[(kind.Value, item.Id)] = (item.Size, item.SharedSize);
                    }
                }
            }
            catch (Docker.DotNet.DockerApiException)
            {
                // Sizes are for the report only; the candidates do not depend on them.
            }
            catch (JsonException)
            {
            }

            return sizes;
        }

        /// <summary>Removes one candidate the way the engine's prune would: no force, images reference by reference.</summary>
        public static async Task RemoveAsync(DockerSession session, PruneCandidate candidate, CancellationToken cancellationToken)
        {
            var client = session.Client;
            switch (candidate.Kind)
            {
                case PruneKind.Container:
                    await client.Containers.RemoveContainerAsync(candidate.Id, new ContainerRemoveParameters(), cancellationToken);
                    break;
                case PruneKind.Network:
                    await client.Networks.DeleteNetworkAsync(candidate.Id, cancellationToken);
                    break;
                case PruneKind.Volume:
                    await client.Volumes.RemoveAsync(candidate.Id, null, cancellationToken);
                    break;
                case PruneKind.Image:
                    if (candidate.References.Count == 0)
                    {
                        await client.Images.DeleteImageAsync(candidate.Id, new ImageDeleteParameters { Force = false }, cancellationToken);
                    }
                    else
                    {
                        foreach (var reference in candidate.References)
                        {
                            await client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = false }, cancellationToken);
                        }
                    }

                    break;
            }
        }
    }
}
