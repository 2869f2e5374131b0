using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using PSDocker.Connection;

namespace PSDocker.Arguments
{
    /// <summary>
    /// Parses the friendly container options (-Environment @{…}, -Label, -RestartPolicy, -Memory, -Cpus) the
    /// way the docker CLI reads its flags. Every parser throws an InvalidArgument <see cref="DockerPSException"/>
    /// naming the bad value, so a bad option fails before any request is sent.
    /// </summary>
    internal static class ContainerOptions
    {
        private static readonly Regex EnvName = new Regex("^[^=\\s]+$", RegexOptions.CultureInvariant);

        /// <summary>KEY=value strings or a dictionary; a bare KEY takes the caller's own value, as docker run -e KEY does.</summary>
        public static List<string> Environment(object? value)
        {
            var result = new List<string>();
            foreach (var (key, item) in Pairs(value, "Environment", "InvalidEnvironment"))
            {
                if (!EnvName.IsMatch(key))
                {
                    throw ArgumentValue.Bad("InvalidEnvironment", "'" + key + "' is not a valid environment variable name.", key);
                }

                if (item is null)
                {
                    var inherited = System.Environment.GetEnvironmentVariable(key);
                    if (inherited != null)
                    {
                        result.Add(key + "=" + inherited);
                    }

                    continue;
                }

                result.Add(key + "=" + item);
            }

            return result;
        }

        /// <summary>KEY=value strings or a dictionary.</summary>
        public static Dictionary<string, string> Labels(object? value)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, item) in Pairs(value, "Label", "InvalidLabel"))
            {
                if (key.Length == 0)
                {
                    throw ArgumentValue.Bad("InvalidLabel", "A label needs a name.", value);
                }

                result[key] = item ?? string.Empty;
            }

            return result;
        }

        /// <summary>Flattens a dictionary or KEY=value strings into pairs; a string without '=' has a null value.</summary>
        internal static IEnumerable<(string Key, string? Value)> Pairs(object? value, string what, string errorId)
        {
            value = ArgumentValue.Unwrap(value);
            if (value is null)
            {
                yield break;
            }

            if (value is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = LanguagePrimitives.ConvertTo<string>(entry.Key);
                    var item = ArgumentValue.Unwrap(entry.Value);
                    yield return (key, item is null ? string.Empty : LanguagePrimitives.ConvertTo<string>(item));
                }

                yield break;
            }

            foreach (var item in ArgumentValue.Items(value))
            {
                if (item is IDictionary nested)
                {
                    foreach (var pair in Pairs(nested, what, errorId))
                    {
                        yield return pair;
                    }

                    continue;
                }

                var text = LanguagePrimitives.ConvertTo<string>(item);
                var equals = text.IndexOf('=');
                if (equals == 0)
                {
                    throw ArgumentValue.Bad(errorId, "'" + text + "' is not a valid " + what + " entry: use KEY=value.", text);
                }

                yield return equals < 0 ? (text, null) : (text.Substring(0, equals), text.Substring(equals + 1));
            }
        }

        /// <summary>no, always, unless-stopped, on-failure[:N].</summary>
        public static RestartPolicy RestartPolicy(string? text)
        {
            var value = (text ?? "no").Trim().ToLowerInvariant();
            var colon = value.IndexOf(':');
            var name = colon < 0 ? value : value.Substring(0, colon);
            var retries = 0L;
            if (colon >= 0 && (name != "on-failure" || !long.TryParse(value.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out retries)))
            {
                throw ArgumentValue.Bad("InvalidRestartPolicy", "'" + text + "' is not a restart policy: use no, always, unless-stopped or on-failure[:max-retries].", text);
            }

            RestartPolicyKind kind;
            switch (name)
            {
                case "no": kind = RestartPolicyKind.No; break;
                case "always": kind = RestartPolicyKind.Always; break;
                case "unless-stopped": kind = RestartPolicyKind.UnlessStopped; break;
                case "on-failure": kind = RestartPolicyKind.OnFailure; break;
                default:
                    throw ArgumentValue.Bad("InvalidRestartPolicy", "'" + text + "' is not a restart policy: use no, always, unless-stopped or on-failure[:max-retries].", text);
            }

            return new RestartPolicy { Name = kind, MaximumRetryCount = retries };
        }

        /// <summary>Bytes as a number, or docker's '512m' / '1g' / '300k' (binary units).</summary>
        public static long Memory(object? value)
        {
            try
            {
                return MemoryUnchecked(value);
            }
            catch (OverflowException e)
            {
                throw new Connection.DockerPSException("'" + ArgumentValue.Unwrap(value) + "' is too large a memory size: the most is 8 EiB (8192p). Use a size such as 512m or 4g.",
                    "InvalidMemory", System.Management.Automation.ErrorCategory.InvalidArgument, ArgumentValue.Unwrap(value), e);
            }
        }

        private static long MemoryUnchecked(object? value)
        {
            value = ArgumentValue.Unwrap(value);
            if (value is null)
            {
                return 0;
            }

            if (value is int || value is long || value is double || value is decimal || value is uint || value is ulong)
            {
                var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (number <= 0 || number != decimal.Truncate(number))
                {
                    throw ArgumentValue.Bad("InvalidMemory", "'" + value + "' is not a memory size in bytes.", value);
                }

                return (long)number;
            }

            var text = LanguagePrimitives.ConvertTo<string>(value).Trim();
            var match = Regex.Match(text, "^([0-9]+(?:\\.[0-9]+)?)\\s*([kmgtp]?)(?:i?b)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            if (!match.Success)
            {
                throw ArgumentValue.Bad("InvalidMemory", "'" + text + "' is not a memory size: use bytes or a number with k, m, g (e.g. 512m).", text);
            }

            var amount = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var power = "kmgtp".IndexOf(char.ToLowerInvariant(match.Groups[2].Value.FirstOrDefault()));
            var bytes = amount * (decimal)Math.Pow(1024, power + 1);
            if (bytes > long.MaxValue)
            {
                throw new OverflowException();
            }
            if (bytes <= 0)
            {
                throw ArgumentValue.Bad("InvalidMemory", "'" + text + "' is not a positive memory size.", text);
            }

            return (long)bytes;
        }

        /// <summary>CPUs as docker run --cpus: a positive number (the engine checks it against its own CPU count).</summary>
        public static long NanoCpus(double? cpus)
        {
            if (cpus is null)
            {
                return 0;
            }

            if (double.IsNaN(cpus.Value) || cpus.Value <= 0)
            {
                throw ArgumentValue.Bad("InvalidCpus", "'" + cpus.Value.ToString(CultureInfo.InvariantCulture) + "' is not a CPU count: use a positive number such as 0.5 or 2.", cpus.Value);
            }

            // Beyond this the nanosecond count overflows; below it, the engine says how many CPUs it has.
            if (cpus.Value > 1e6)
            {
                throw ArgumentValue.Bad("InvalidCpus", "-Cpus " + cpus.Value.ToString(CultureInfo.InvariantCulture) + " is more CPUs than any engine has: ask for at most the engine's own count, (Get-DockerInfo).Cpus.", cpus.Value);
            }

            return (long)Math.Round(cpus.Value * 1e9);
        }
    }
}
