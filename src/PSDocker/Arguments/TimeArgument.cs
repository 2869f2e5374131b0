using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using PSDocker.Connection;

namespace PSDocker.Arguments
{
    /// <summary>
    /// -Since/-Until values as the docker CLI takes them: a DateTime, a TimeSpan or duration ('10m', '1h30m',
    /// '45s': that long ago), a timestamp string, or unix seconds.
    /// </summary>
    internal static class TimeArgument
    {
        private static readonly Regex Duration = new Regex("^(?:([0-9]+(?:\\.[0-9]+)?)(h|m|s|ms))+$", RegexOptions.CultureInvariant);
        private static readonly Regex Part = new Regex("([0-9]+(?:\\.[0-9]+)?)(h|ms|m|s)", RegexOptions.CultureInvariant);

        /// <summary>The engine's form: unix seconds with a fraction.</summary>
        public static string ToEngine(object? value, string parameter, DateTime now)
        {
            var moment = ToUtc(value, parameter, now);
            var seconds = (moment - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Ticks / (decimal)TimeSpan.TicksPerSecond;
            return seconds.ToString("0.000000000", CultureInfo.InvariantCulture);
        }

        public static DateTime ToUtc(object? value, string parameter, DateTime now)
        {
            try
            {
                return ToUtcUnchecked(value, parameter, now);
            }
            catch (Exception e) when (e is ArgumentOutOfRangeException || e is OverflowException)
            {
                // 99999999999999 seconds, '1e300', '99999999999h', a TimeSpan of 9999999 days: beyond what a date can hold.
                throw new DockerPSException(
                    "-" + parameter + " '" + ArgumentValue.Unwrap(value) + "' is out of range: use a date between the years 1 and 9999, or a shorter duration such as 10m or 24h.",
                    "InvalidTimeArgument", ErrorCategory.InvalidArgument, ArgumentValue.Unwrap(value), e);
            }
        }

        private static DateTime ToUtcUnchecked(object? value, string parameter, DateTime now)
        {
            value = ArgumentValue.Unwrap(value);
            switch (value)
            {
                case DateTime moment:
                    // Unspecified counts as local, as PowerShell's [datetime] casts produce.
                    return moment.ToUniversalTime();
                case DateTimeOffset offset:
                    return offset.UtcDateTime;
                case TimeSpan span:
                    return now.ToUniversalTime() - span.Duration();
                case short seconds:
                    // PowerShell reads 30s as the Int16 30 (the s suffix), so a short is the duration the user typed.
                    return now.ToUniversalTime() - TimeSpan.FromSeconds(Math.Abs((int)seconds));
                case int or long or double:
                    return new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            }

            var text = LanguagePrimitives.ConvertTo<string>(value).Trim();
            if (Duration.IsMatch(text))
            {
                var total = TimeSpan.Zero;
                foreach (Match m in Part.Matches(text))
                {
                    var amount = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    total += m.Groups[2].Value switch
                    {
                        "h" => TimeSpan.FromHours(amount),
                        "m" => TimeSpan.FromMinutes(amount),
                        "s" => TimeSpan.FromSeconds(amount),
                        _ => TimeSpan.FromMilliseconds(amount),
                    };
                }

                return now.ToUniversalTime() - total;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var unix))
            {
                return new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(unix);
            }

            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeLocal, out var parsed))
            {
                return parsed;
            }

            throw new DockerPSException(
                "-" + parameter + " '" + text + "' is neither a point in time nor a duration such as 10m or 1h30m.",
                "InvalidTimeArgument", ErrorCategory.InvalidArgument, text);
        }

        /// <summary>
        /// Splits the engine's "2026-11-23T03:07:55.123456789Z text" into the time and the text; fast, since it
        /// runs once per log line.
        /// </summary>
        public static bool TrySplitTimestamp(string line, out DateTime utc, out string text)
        {
            utc = default;
            text = line;
            var space = line.IndexOf(' ');
            if (space < 20 || line[4] != '-' || line[10] != 'T')
            {
                return false;
            }

            if (!TryDigits(line, 0, 4, out var year) || !TryDigits(line, 5, 2, out var month) || !TryDigits(line, 8, 2, out var day) ||
                !TryDigits(line, 11, 2, out var hour) || !TryDigits(line, 14, 2, out var minute) || !TryDigits(line, 17, 2, out var second))
            {
                return false;
            }

            long ticks = 0;
            var i = 19;
            if (i < space && line[i] == '.')
            {
                var scale = TimeSpan.TicksPerSecond / 10;
                for (i++; i < space && char.IsDigit(line[i]); i++)
                {
                    ticks += (line[i] - '0') * scale;
                    scale /= 10;
                }
            }

            try
            {
                utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }

            text = line.Substring(space + 1);
            return true;
        }

        private static bool TryDigits(string s, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var c = s[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = value * 10 + (c - '0');
            }

            return true;
        }
    }
}
