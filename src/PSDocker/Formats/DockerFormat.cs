using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PSDocker.Formats
{
    /// <summary>Helpers the format views use to read like the docker CLI's tables.</summary>
    public static class DockerFormat
    {
        /// <summary>docker's "5 minutes ago" for a point in time.</summary>
        public static string Ago(DateTime when)
        {
            var span = DateTime.Now - (when.Kind == DateTimeKind.Utc ? when.ToLocalTime() : when);
            return Duration(span) + " ago";
        }

        /// <summary>docker's human duration: "Less than a second", "3 seconds", "About a minute", "5 hours", "2 weeks".</summary>
        public static string Duration(TimeSpan span)
        {
            var seconds = (long)Math.Max(0, span.TotalSeconds);
            if (seconds < 1) return "Less than a second";
            if (seconds == 1) return "1 second";
            if (seconds < 60) return seconds + " seconds";
            var minutes = seconds / 60;
            if (minutes == 1) return "About a minute";
            if (minutes < 60) return minutes + " minutes";
            var hours = (long)Math.Round(span.TotalHours);
            if (hours == 1) return "About an hour";
            if (hours < 48) return hours + " hours";
            if (hours < 24 * 7 * 2) return (hours / 24) + " days";
            if (hours < 24 * 30 * 2) return (hours / 24 / 7) + " weeks";
            if (hours < 24 * 365 * 2) return (hours / 24 / 30) + " months";
            return (hours / 24 / 365) + " years";
        }

        /// <summary>docker's decimal sizes: 1.99MB, 512kB, 3.4GB.</summary>
        public static string Size(long? bytes)
        {
            if (bytes is null)
            {
                return string.Empty;
            }

            string[] units = { "B", "kB", "MB", "GB", "TB", "PB" };
            double value = bytes.Value;
            var unit = 0;
            while (value >= 1000 && unit < units.Length - 1)
            {
                value /= 1000;
                unit++;
            }

            return value.ToString(value < 10 ? "0.##" : value < 100 ? "0.#" : "0", CultureInfo.InvariantCulture) + units[unit];
        }

        /// <summary>docker's binary sizes for memory: 1.5GiB, 300MiB.</summary>
        public static string BinarySize(long? bytes)
        {
            if (bytes is null)
            {
                return string.Empty;
            }

            string[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
            double value = bytes.Value;
            var unit = 0;
            while (value >= 1024 && unit < units.Length - 1)
            {
                value /= 1024;
                unit++;
            }

            return value.ToString("0.##", CultureInfo.InvariantCulture) + units[unit];
        }

        /// <summary>
        /// Memory as docker stats shows it (go-units BytesSize): binary units, up to four significant digits, e.g.
        /// 524KiB, 1.953MiB, 23.54GiB.
        /// </summary>
        public static string MemorySize(long bytes) => Units(bytes, 1024, new[] { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" }, 4);

        /// <summary>
        /// Transferred bytes as docker stats shows them (go-units HumanSizeWithPrecision, 3): decimal units, up to
        /// three significant digits, e.g. 0B, 656B, 1.23kB, 45.2MB.
        /// </summary>
        public static string TransferSize(long bytes) => Units(bytes, 1000, new[] { "B", "kB", "MB", "GB", "TB", "PB", "EB" }, 3);

        /// <summary>docker stats' percentage: two decimals and a percent sign, e.g. 0.00%, 56.37%.</summary>
        public static string Percent(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "%";

        /// <summary>Two sizes joined as docker stats joins them: "1.2kB / 656B".</summary>
        public static string Pair(string left, string right) => left + " / " + right;

        private static string Units(double size, double unitBase, string[] units, int digits)
        {
            var unit = 0;
            while (size >= unitBase && unit < units.Length - 1)
            {
                size /= unitBase;
                unit++;
            }

            // Go's %.Ng: N significant digits, trailing zeros dropped.
            var text = size.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace("E", "e");
            return text + units[unit];
        }

        /// <summary>The first 12 characters of an id, without a sha256: prefix.</summary>
        public static string ShortId(string? id)
        {
            if (string.IsNullOrEmpty(id))
            {
                return string.Empty;
            }

            var bare = id!.StartsWith("sha256:", StringComparison.Ordinal) ? id.Substring(7) : id;
            return bare.Length > 12 ? bare.Substring(0, 12) : bare;
        }

        /// <summary>docker ps's quoted, truncated command: "sh -c 'sleep…".</summary>
        public static string Command(string? command, int width = 20)
        {
            var text = command ?? string.Empty;
            if (text.Length > width)
            {
                text = text.Substring(0, width - 1) + "…";
            }

            return "\"" + text + "\"";
        }

        /// <summary>docker system df's RECLAIMABLE: "1.2MB (50%)", the share in whole percent rounded down; the size alone when the total is 0.</summary>
        public static string Reclaimable(long reclaimable, long total) =>
            total > 0
                ? Size(reclaimable) + " (" + (reclaimable * 100 / total).ToString(CultureInfo.InvariantCulture) + "%)"
                : Size(reclaimable);

        /// <summary>A point in time as docker events prints it: local time with its offset, to the tick.</summary>
        public static string Timestamp(DateTime when) =>
            (when.Kind == DateTimeKind.Utc ? when.ToLocalTime() : when).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

        /// <summary>docker events' attribute list: "(image=busybox, name=web)", keys in order.</summary>
        public static string Attributes(IEnumerable<KeyValuePair<string, string>>? attributes)
        {
            var pairs = (attributes ?? Enumerable.Empty<KeyValuePair<string, string>>())
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value)
                .ToList();
            return pairs.Count == 0 ? string.Empty : "(" + string.Join(", ", pairs) + ")";
        }

        /// <summary>An event's actor: object ids (64 hex digits, maybe sha256:) shortened to 12, names and references as they are.</summary>
        public static string Actor(string? id)
        {
            if (string.IsNullOrEmpty(id))
            {
                return string.Empty;
            }

            var bare = id!.StartsWith("sha256:", StringComparison.Ordinal) ? id.Substring(7) : id;
            return bare.Length == 64 && bare.All(Uri.IsHexDigit) ? bare.Substring(0, 12) : id;
        }
    }
}
