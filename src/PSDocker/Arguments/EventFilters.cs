using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Resources;

namespace PSDocker.Arguments
{
    /// <summary>
    /// The filters /events understands. Engines before API 1.43 ignore keys they do not know, so a typo
    /// would silently follow every event: checked here instead.
    /// </summary>
    internal static class EventFilters
    {
        private static readonly string[] Keys =
            { "config", "container", "daemon", "event", "image", "label", "network", "node", "plugin", "scope", "secret", "service", "type", "volume" };

        private static readonly string[] Types =
            { "builder", "config", "container", "daemon", "image", "network", "node", "plugin", "secret", "service", "volume" };

        public static void Validate(IDictionary<string, IDictionary<string, bool>> filters, object? target)
        {
            foreach (var pair in filters)
            {
                if (!Keys.Contains(pair.Key, StringComparer.Ordinal))
                {
                    throw new DockerPSException(UserText.Format(SystemMessages.EventFilterUnknown, pair.Key, string.Join(", ", Keys)), "InvalidEventFilter", ErrorCategory.InvalidArgument, pair.Key);
                }

                if (pair.Key == "type")
                {
                    foreach (var type in pair.Value.Keys.Where(t => !Types.Contains(t, StringComparer.Ordinal)))
                    {
                        throw new DockerPSException(UserText.Format(SystemMessages.EventTypeUnknown, type, string.Join(", ", Types)), "InvalidEventFilter", ErrorCategory.InvalidArgument, type);
                    }
                }
            }
        }
    }
}
