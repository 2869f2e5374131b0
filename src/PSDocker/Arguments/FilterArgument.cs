using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using PSDocker.Connection;

namespace PSDocker.Arguments
{
    /// <summary>
    /// -Filter hashtables as the engine's filters take them, @{label='a=b'; dangling=$true}; a value may be an
    /// array. Also the JSON form the engine reads from the query string, for requests made without the library.
    /// </summary>
    internal static class FilterArgument
    {
        /// <summary>The filter keys of API 1.41, as docker ps, images, volume ls and network ls take them.</summary>
        public static readonly string[] ContainerKeys = { "ancestor", "before", "expose", "exited", "health", "id", "isolation", "is-task", "label", "name", "network", "publish", "since", "status", "volume" };
        public static readonly string[] ImageKeys = { "before", "dangling", "label", "reference", "since" };
        public static readonly string[] VolumeKeys = { "dangling", "driver", "label", "name" };
        public static readonly string[] NetworkKeys = { "dangling", "driver", "id", "label", "name", "scope", "type" };

        /// <summary>
        /// -Filter with its keys checked against those the cmdlet's engine list takes, before any request: a key
        /// in another case is sent as the engine spells it (@{Label=...} works); an unknown key is the terminating
        /// error InvalidFilter, its target the key, its message the keys there are.
        /// </summary>
        public static Hashtable? Check(Pipeline.DockerCmdlet cmdlet, Hashtable? filter, string[] keys)
        {
            if (filter is null || filter.Count == 0)
            {
                return filter;
            }

            var checkedFilter = new Hashtable(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in filter)
            {
                var key = LanguagePrimitives.ConvertTo<string>(entry.Key) ?? string.Empty;
                var known = Array.Find(keys, k => string.Equals(k, key.Trim(), StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    var name = cmdlet.MyInvocation?.MyCommand?.Name ?? "This command";
                    cmdlet.ThrowDockerError(new DockerPSException(
                        "'" + key + "' is not a filter " + name + " takes. Use one of: " + string.Join(", ", keys) + ", for example -Filter @{ " + (Array.IndexOf(keys, "label") >= 0 ? "label = 'app=web'" : keys[0] + " = '...'") + " }.",
                        "InvalidFilter", ErrorCategory.InvalidArgument, key));
                }

                checkedFilter[known!] = entry.Value;
            }

            return checkedFilter;
        }

        public static Dictionary<string, IDictionary<string, bool>> ToFilters(Hashtable? filter)
        {
            var result = new Dictionary<string, IDictionary<string, bool>>(StringComparer.Ordinal);
            if (filter is null)
            {
                return result;
            }

            foreach (DictionaryEntry entry in filter)
            {
                var key = LanguagePrimitives.ConvertTo<string>(entry.Key);
                foreach (var value in LanguagePrimitives.GetEnumerable(ArgumentValue.Unwrap(entry.Value)) ?? new[] { entry.Value })
                {
                    Add(result, key, ToText(value));
                }
            }

            return result;
        }

        /// <summary>-Filter plus the -Driver and -Label shortcuts of the list cmdlets, as one engine filter set.</summary>
        public static Dictionary<string, IDictionary<string, bool>> ToFilters(Hashtable? filter, string? driver, string[]? labels)
        {
            var filters = ToFilters(filter);
            if (driver != null)
            {
                Add(filters, "driver", driver);
            }

            foreach (var label in labels ?? Array.Empty<string>())
            {
                Add(filters, "label", label);
            }

            return filters;
        }

        /// <summary>
        /// The engine's label filter, for kinds it does not filter itself: every 'key' must be there, every
        /// 'key=value' there with that value.
        /// </summary>
        public static bool HasLabels(IReadOnlyDictionary<string, string> labels, IEnumerable<string> wanted) =>
            wanted.All(label =>
            {
                var equals = label.IndexOf('=');
                return equals < 0 ? labels.ContainsKey(label) : labels.TryGetValue(label.Substring(0, equals), out var value) && value == label.Substring(equals + 1);
            });

        public static void Add(IDictionary<string, IDictionary<string, bool>> filters, string key, string value)
        {
            if (!filters.TryGetValue(key, out var values))
            {
                values = new Dictionary<string, bool>(StringComparer.Ordinal);
                filters[key] = values;
            }

            values[value] = true;
        }

        /// <summary>null when there is nothing to filter, so the query string stays empty.</summary>
        public static IDictionary<string, IDictionary<string, bool>>? NullIfEmpty(Dictionary<string, IDictionary<string, bool>> filters) =>
            filters.Count == 0 ? null : filters;

        /// <summary>The engine's query form: {"key":{"value":true}}.</summary>
        public static string ToJson(IDictionary<string, IDictionary<string, bool>> filters)
        {
            using var buffer = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var pair in filters)
                {
                    writer.WriteStartObject(pair.Key);
                    foreach (var value in pair.Value)
                    {
                        writer.WriteBoolean(value.Key, value.Value);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static string ToText(object? value)
        {
            value = ArgumentValue.Unwrap(value);
            return value is bool b ? (b ? "true" : "false") : LanguagePrimitives.ConvertTo<string>(value) ?? string.Empty;
        }
    }
}
