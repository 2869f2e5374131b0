using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Api
{
    /// <summary>
    /// Reads the engine's /system/df answer in both of its shapes: before API 1.52 it lists the objects
    /// (LayersSize, Images, Containers, Volumes, BuildCache) and the client adds them up, as the docker CLI's
    /// formatter does; from 1.52 on it sends the totals itself (ImageUsage, ContainerUsage, …), with the
    /// objects only when asked for verbose output.
    /// </summary>
    internal sealed class DiskUsageReader
    {
        public const string Images = "Image";
        public const string Containers = "Container";
        public const string Volumes = "Volume";
        public const string BuildCache = "BuildCache";

        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public List<DockerDiskUsage> Totals { get; } = new List<DockerDiskUsage>();

        public List<DockerDiskUsageItem> Items { get; } = new List<DockerDiskUsageItem>();

        public static DiskUsageReader Read(JsonElement root, DockerEndpoint endpoint)
        {
            var report = new DiskUsageReader();
            var legacy = root.TryGetProperty("LayersSize", out _) || root.TryGetProperty("Images", out _) ||
                         root.TryGetProperty("Containers", out _) || root.TryGetProperty("Volumes", out _);
            report.ReadImages(Section(root, legacy ? "Images" : "ImageUsage"), root, legacy, endpoint);
            report.ReadContainers(Section(root, legacy ? "Containers" : "ContainerUsage"), legacy, endpoint);
            report.ReadVolumes(Section(root, legacy ? "Volumes" : "VolumeUsage"), legacy, endpoint);
            report.ReadBuildCache(Section(root, legacy ? "BuildCache" : "BuildCacheUsage"), legacy, endpoint);
            return report;
        }

        private static JsonElement? Section(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value;
        }

        private static IEnumerable<JsonElement> List(JsonElement? section, bool legacy)
        {
            if (section is null)
            {
                return Enumerable.Empty<JsonElement>();
            }

            var list = legacy ? section.Value : section.Value.TryGetProperty("Items", out var items) ? items : default;
            return list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : Enumerable.Empty<JsonElement>();
        }

        private void ReadImages(JsonElement? section, JsonElement root, bool legacy, DockerEndpoint endpoint)
        {
            long active = 0, used = 0, count = 0;
            foreach (var image in List(section, legacy))
            {
                count++;
                var containers = Long(image, "Containers") ?? 0;
                var size = Long(image, "VirtualSize") ?? Long(image, "Size") ?? -1;
                var shared = Long(image, "SharedSize") ?? -1;
                if (containers > 0)
                {
                    active++;
                    if (size != -1 && shared != -1)
                    {
                        used += size - shared;
                    }
                }

                var tags = Strings(image, "RepoTags").Where(t => t != "<none>:<none>").ToList();
                Items.Add(DockerEndpoint.Stamp(new DockerDiskUsageItem
                {
                    Type = Images,
                    Id = String(image, "Id") ?? string.Empty,
                    Name = tags.FirstOrDefault() ?? "<none>",
                    Size = size < 0 ? (long?)null : size,
                    SharedSize = shared < 0 ? (long?)null : shared,
                    UsedBy = containers < 0 ? (long?)null : containers,
                    InUse = containers > 0,
                    Created = Unix(image, "Created"),
                }, endpoint));
            }

            var total = Long(root, "LayersSize") ?? 0;
            AddTotal(legacy, section, Images, "Images", count, active, total, total - used, endpoint);
        }

        private void ReadContainers(JsonElement? section, bool legacy, DockerEndpoint endpoint)
        {
            long active = 0, size = 0, reclaimable = 0, count = 0;
            foreach (var container in List(section, legacy))
            {
                count++;
                var state = String(container, "State") ?? string.Empty;
                var isActive = state.Contains("running") || state.Contains("paused") || state.Contains("restarting");
                var rw = Long(container, "SizeRw") ?? 0;
                active += isActive ? 1 : 0;
                size += rw;
                reclaimable += isActive ? 0 : rw;
                Items.Add(DockerEndpoint.Stamp(new DockerDiskUsageItem
                {
                    Type = Containers,
                    Id = String(container, "Id") ?? string.Empty,
                    Name = ContainerMapper.PrimaryName(Strings(container, "Names")) ?? string.Empty,
                    Size = rw,
                    InUse = isActive,
                    Created = Unix(container, "Created"),
                    Status = state,
                }, endpoint));
            }

            AddTotal(legacy, section, Containers, "Containers", count, active, size, reclaimable, endpoint);
        }

        private void ReadVolumes(JsonElement? section, bool legacy, DockerEndpoint endpoint)
        {
            long active = 0, size = 0, reclaimable = 0, count = 0;
            foreach (var volume in List(section, legacy))
            {
                count++;
                var usage = volume.TryGetProperty("UsageData", out var data) && data.ValueKind == JsonValueKind.Object ? data : default;
                var refs = usage.ValueKind == JsonValueKind.Object ? Long(usage, "RefCount") ?? -1 : -1;
                var bytes = usage.ValueKind == JsonValueKind.Object ? Long(usage, "Size") ?? -1 : -1;
                active += refs > 0 ? 1 : 0;
                if (bytes != -1)
                {
                    size += bytes;
                    reclaimable += refs == 0 ? bytes : 0;
                }

                var name = String(volume, "Name") ?? string.Empty;
                Items.Add(DockerEndpoint.Stamp(new DockerDiskUsageItem
                {
                    Type = Volumes,
                    Id = name,
                    Name = name,
                    Size = bytes < 0 ? (long?)null : bytes,
                    UsedBy = refs < 0 ? (long?)null : refs,
                    InUse = refs > 0,
                    Created = ContainerMapper.ParseTime(String(volume, "CreatedAt")),
                    Status = String(volume, "Driver"),
                }, endpoint));
            }

            AddTotal(legacy, section, Volumes, "Local Volumes", count, active, size, reclaimable, endpoint);
        }

        private void ReadBuildCache(JsonElement? section, bool legacy, DockerEndpoint endpoint)
        {
            long active = 0, size = 0, inUse = 0, count = 0;
            foreach (var record in List(section, legacy))
            {
                count++;
                var used = Bool(record, "InUse");
                var shared = Bool(record, "Shared");
                var bytes = Long(record, "Size") ?? 0;
                active += used ? 1 : 0;
                size += shared ? 0 : bytes;
                inUse += used && !shared ? bytes : 0;
                Items.Add(DockerEndpoint.Stamp(new DockerDiskUsageItem
                {
                    Type = BuildCache,
                    Id = String(record, "ID") ?? string.Empty,
                    Name = String(record, "Description") ?? string.Empty,
                    Size = bytes,
                    UsedBy = Long(record, "UsageCount"),
                    InUse = used,
                    Created = ContainerMapper.ParseTime(String(record, "CreatedAt")),
                    Status = String(record, "Type"),
                }, endpoint));
            }

            // The engine leaves BuildCache out when no builder answered; docker system df still shows the line.
            AddTotal(legacy, section, BuildCache, "Build Cache", count, active, size, size - inUse, endpoint);
        }

        private void Add(string kind, string type, long count, long active, long size, long reclaimable, DockerEndpoint endpoint) =>
            Totals.Add(DockerEndpoint.Stamp(new DockerDiskUsage
            {
                Kind = kind,
                Type = type,
                TotalCount = count,
                Active = active,
                Size = size,
                Reclaimable = Math.Max(0, reclaimable),
            }, endpoint));

        /// <summary>The totals line of one kind: counted from the objects on old engines, as reported on new ones.</summary>
        private void AddTotal(bool legacy, JsonElement? section, string kind, string type, long count, long active, long size, long reclaimable, DockerEndpoint endpoint)
        {
            if (legacy)
            {
                Add(kind, type, count, active, size, reclaimable, endpoint);
            }
            else if (section != null)
            {
                AddReported(kind, type, section.Value, endpoint);
            }
        }

        private void AddReported(string kind, string type, JsonElement usage, DockerEndpoint endpoint) =>
            Add(kind, type, Long(usage, "TotalCount") ?? 0, Long(usage, "ActiveCount") ?? 0, Long(usage, "TotalSize") ?? 0, Long(usage, "Reclaimable") ?? 0, endpoint);

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static long? Long(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : (long?)null;

        private static bool Bool(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

        private static IEnumerable<string> Strings(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString() ?? string.Empty)
                : Enumerable.Empty<string>();

        private static DateTime? Unix(JsonElement element, string name) =>
            Long(element, name) is long seconds && seconds > 0 ? Epoch.AddSeconds(seconds).ToLocalTime() : (DateTime?)null;
    }
}
