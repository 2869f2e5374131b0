using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PSDocker.Compose
{
    /// <summary>
    /// Whether a spec a deploy would send differs from the one the engine holds, so an unchanged service is left
    /// alone. The engine's copy has what was sent plus what it fills in itself (Isolation "default", a vip endpoint
    /// mode, one replica, …): a value the desired spec leaves out counts as the same when the engine's is empty or such
    /// a default; everything the desired spec says must be there as it is, and lists must match item for item.
    /// </summary>
    internal static class SpecComparison
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

        // What the engine fills in when a spec leaves a field out.
        private static readonly Dictionary<string, string> EngineDefaults = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Isolation"] = "\"default\"",
            ["Mode"] = "\"vip\"",
            ["Replicas"] = "1",
            ["Condition"] = "\"any\"",
            ["Runtime"] = "\"container\"",
        };

        /// <summary>The first path where <paramref name="desired"/> and <paramref name="existing"/> differ, or null when they do not.</summary>
        public static string? Difference(object desired, object? existing) =>
            Difference(JsonSerializer.SerializeToNode(desired, desired.GetType(), Options), existing is null ? null : JsonSerializer.SerializeToNode(existing, existing.GetType(), Options), "Spec");

        /// <summary>The same, for JSON texts.</summary>
        public static string? Difference(string desiredJson, string existingJson) =>
            Difference(JsonNode.Parse(desiredJson), JsonNode.Parse(existingJson), "Spec");

        private static string? Difference(JsonNode? desired, JsonNode? existing, string path)
        {
            if (desired is null)
            {
                return Ignorable(existing, path) ? null : path;
            }

            switch (desired)
            {
                case JsonObject wanted:
                    if (!(existing is JsonObject held))
                    {
                        return Empty(wanted) && Empty(existing) ? null : path;
                    }

                    foreach (var property in wanted)
                    {
                        held.TryGetPropertyValue(property.Key, out var other);
                        var difference = Difference(property.Value, other, path + "." + property.Key);
                        if (difference != null)
                        {
                            return difference;
                        }
                    }

                    foreach (var property in held.Where(p => !wanted.ContainsKey(p.Key)))
                    {
                        if (!Ignorable(property.Value, property.Key))
                        {
                            return path + "." + property.Key;
                        }
                    }

                    return null;
                case JsonArray wantedItems:
                    if (!(existing is JsonArray heldItems))
                    {
                        return wantedItems.Count == 0 && Empty(existing) ? null : path;
                    }

                    if (wantedItems.Count != heldItems.Count)
                    {
                        return path;
                    }

                    for (var i = 0; i < wantedItems.Count; i++)
                    {
                        var difference = Difference(wantedItems[i], heldItems[i], path + "[" + i + "]");
                        if (difference != null)
                        {
                            return difference;
                        }
                    }

                    return null;
                default:
                    if (existing is null)
                    {
                        return Empty(desired) ? null : path;
                    }

                    return desired.ToJsonString() == existing.ToJsonString() ? null : path;
            }
        }

        /// <summary>A value the engine holds that the desired spec leaves out: fine when empty or the engine's own default.</summary>
        private static bool Ignorable(JsonNode? value, string path)
        {
            var name = path.Substring(path.LastIndexOf('.') + 1);
            return Empty(value) || (value is JsonValue && EngineDefaults.TryGetValue(name, out var fallback) && value.ToJsonString() == fallback)
                || (value is JsonObject held && held.All(p => Ignorable(p.Value, p.Key)));
        }

        private static bool Empty(JsonNode? value)
        {
            switch (value)
            {
                case null:
                    return true;
                case JsonObject o:
                    return o.All(p => Empty(p.Value));
                case JsonArray a:
                    return a.Count == 0;
                default:
                    var text = value.ToJsonString();
                    return text == "\"\"" || text == "0" || text == "false" || text == "\"00:00:00\"";
            }
        }
    }
}
