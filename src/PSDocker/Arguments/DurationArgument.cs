using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PSDocker.Arguments
{
    /// <summary>
    /// Durations as docker run takes them (--health-interval 30s, --health-timeout 1m30s) and as the Engine API
    /// stores them (nanoseconds): Go's duration text (300ms, 1.5s, 1h2m3s, 10us), a TimeSpan, or a whole number of
    /// nanoseconds. PowerShell reads 30s as the Int16 30 (its short suffix), so an Int16 counts as seconds, as
    /// everywhere else in PSDocker.
    /// </summary>
    internal static class DurationArgument
    {
        private static readonly Regex Whole = new Regex(@"^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h)(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))*$", RegexOptions.CultureInvariant);
        private static readonly Regex Part = new Regex(@"([0-9]*\.?[0-9]*)(ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant);

        /// <summary>The duration in nanoseconds; throws InvalidDuration naming <paramref name="parameter"/>.</summary>
        public static long Nanoseconds(object? value, string parameter)
        {
            try
            {
                return NanosecondsUnchecked(value, parameter);
            }
            catch (OverflowException)
            {
                throw Bad(ArgumentValue.Unwrap(value) ?? string.Empty, parameter);
            }
        }

        private static long NanosecondsUnchecked(object? value, string parameter)
        {
            value = ArgumentValue.Unwrap(value);
            switch (value)
            {
                case null:
                    return 0;
                case TimeSpan span when span >= TimeSpan.Zero:
                    return span.Ticks * 100;
                case short seconds when seconds >= 0:
                    return seconds * 1_000_000_000L;
                case int or long or byte or ushort or uint or ulong:
                    var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    if (number < 0 || number > long.MaxValue)
                    {
                        throw Bad(value, parameter);
                    }

                    return (long)number;
            }

            var text = LanguagePrimitives(value).Trim();
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ns))
            {
                return ns;
            }

            if (!Whole.IsMatch(text))
            {
                throw Bad(text, parameter);
            }

            decimal total = 0;
            foreach (Match m in Part.Matches(text))
            {
                var amount = decimal.Parse(m.Groups[1].Value.Length == 0 ? "0" : m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                total += amount * m.Groups[2].Value switch
                {
                    "h" => 3_600_000_000_000m,
                    "m" => 60_000_000_000m,
                    "s" => 1_000_000_000m,
                    "ms" => 1_000_000m,
                    "ns" => 1m,
                    _ => 1_000m, // us, µs
                };
            }

            if (total > long.MaxValue)
            {
                throw Bad(text, parameter);
            }

            return (long)decimal.Truncate(total);
        }

        private static string LanguagePrimitives(object value) =>
            System.Management.Automation.LanguagePrimitives.ConvertTo<string>(value) ?? string.Empty;

        private static Connection.DockerPSException Bad(object value, string parameter) =>
            ArgumentValue.Bad("InvalidDuration",
                "-" + parameter + " '" + value + "' is not a duration: use docker's form (30s, 1m30s, 500ms), a TimeSpan, or nanoseconds.", value);
    }
}
