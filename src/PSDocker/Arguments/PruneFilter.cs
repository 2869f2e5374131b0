using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Resources;

namespace PSDocker.Arguments
{
    /// <summary>
    /// The filters the engine's prune endpoints accept (until, label, label!), read and matched the way the
    /// engine does (moby daemon/prune.go matchLabels and filters.Args.MatchKVList), so that candidates listed
    /// here are the ones the engine's own prune would pick.
    /// </summary>
    internal sealed class PruneFilter
    {
        private static readonly string[] Known = { "until", "label", "label!" };

        private PruneFilter(DateTime? until, IReadOnlyList<string> labels, IReadOnlyList<string> notLabels)
        {
            Until = until;
            Labels = labels;
            NotLabels = notLabels;
        }

        /// <summary>Objects created after this (UTC) are kept.</summary>
        public DateTime? Until { get; }

        /// <summary>label= values: each must match (key, or key=value).</summary>
        public IReadOnlyList<string> Labels { get; }

        /// <summary>label!= values: an object is kept when all of them match.</summary>
        public IReadOnlyList<string> NotLabels { get; }

        public static readonly PruneFilter None = new PruneFilter(null, Array.Empty<string>(), Array.Empty<string>());

        /// <summary>Reads -Filter; unknown keys, two until values or an unreadable time are InvalidArgument errors.</summary>
        public static PruneFilter Parse(Hashtable? filter, DateTime now)
        {
            if (filter is null || filter.Count == 0)
            {
                return None;
            }

            DateTime? until = null;
            var labels = new List<string>();
            var notLabels = new List<string>();
            foreach (DictionaryEntry entry in filter)
            {
                var key = LanguagePrimitives.ConvertTo<string>(entry.Key)?.Trim() ?? string.Empty;
                var values = (LanguagePrimitives.GetEnumerable(ArgumentValue.Unwrap(entry.Value)) ?? new[] { entry.Value })
                    .Cast<object?>().Select(ArgumentValue.Unwrap).ToList();
                switch (key.ToLowerInvariant())
                {
                    case "until":
                        if (values.Count != 1 || until != null)
                        {
                            throw Invalid(SystemMessages.PruneFilterOneUntil, filter);
                        }

                        until = TimeArgument.ToUtc(values[0], "Filter until", now);
                        break;
                    case "label":
                        labels.AddRange(values.Select(Text));
                        break;
                    case "label!":
                        notLabels.AddRange(values.Select(Text));
                        break;
                    default:
                        throw Invalid(UserText.Format(SystemMessages.PruneFilterUnknown, key, string.Join(", ", Known)), key);
                }
            }

            if (labels.Concat(notLabels).Any(l => l.Length == 0 || l[0] == '='))
            {
                throw Invalid(SystemMessages.PruneFilterLabelNeedsKey, filter);
            }

            return new PruneFilter(until, labels, notLabels);
        }

        /// <summary>moby's matchLabels: every label= matches, and not every label!= matches.</summary>
        public bool MatchesLabels(IDictionary<string, string>? labels)
        {
            if (!MatchKVList(Labels, labels))
            {
                return false;
            }

            return NotLabels.Count == 0 || !MatchKVList(NotLabels, labels);
        }

        /// <summary>Created at or before Until (the engine keeps what was created after it).</summary>
        public bool CreatedInRange(DateTime createdUtc) => Until is null || createdUtc <= Until.Value;

        /// <summary>filters.Args.MatchKVList: no values matches all; otherwise every value must match, and no labels match nothing.</summary>
        private static bool MatchKVList(IReadOnlyList<string> values, IDictionary<string, string>? labels)
        {
            if (values.Count == 0)
            {
                return true;
            }

            if (labels is null || labels.Count == 0)
            {
                return false;
            }

            foreach (var value in values)
            {
                var equals = value.IndexOf('=');
                var key = equals < 0 ? value : value.Substring(0, equals);
                if (!labels.TryGetValue(key, out var actual))
                {
                    return false;
                }

                if (equals >= 0 && value.Substring(equals + 1) != actual)
                {
                    return false;
                }
            }

            return true;
        }

        private static string Text(object? value) => LanguagePrimitives.ConvertTo<string>(value)?.Trim() ?? string.Empty;

        private static DockerPSException Invalid(string message, object target) =>
            new DockerPSException(message, "InvalidPruneFilter", ErrorCategory.InvalidArgument, target);
    }
}
