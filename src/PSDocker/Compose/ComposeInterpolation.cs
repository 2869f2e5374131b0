using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using PSDocker.Connection;

namespace PSDocker.Compose
{
    /// <summary>
    /// Variable substitution in compose values, with the docker CLI's rules (cli/compose/template): $VAR, ${VAR},
    /// ${VAR:-default} (unset or empty), ${VAR-default} (unset), ${VAR:?message} (unset or empty is an error),
    /// ${VAR?message} (unset is an error), and $$ for a literal $. As there, the unbraced form also takes the
    /// default and error suffixes, and a $ followed by anything else is an invalid template.
    /// </summary>
    internal static class ComposeInterpolation
    {
        private const string Substitution = "[_a-z][_a-z0-9]*(?::?[-?][^}]*)?";

        private static readonly Regex Pattern = new Regex(
            @"\$(?i:(?<escaped>\$)|(?<named>" + Substitution + @")|\{(?<braced>" + Substitution + @")\}|(?<invalid>))",
            RegexOptions.CultureInvariant);

        /// <summary>The value with its variables replaced from <paramref name="lookup"/> (null: not set).</summary>
        public static string Substitute(string template, Func<string, string?> lookup, ComposeSource where, string key)
        {
            if (template.IndexOf('$') < 0)
            {
                return template;
            }

            return Pattern.Replace(template, match =>
            {
                if (match.Groups["escaped"].Success)
                {
                    return "$";
                }

                var substitution = match.Groups["named"].Success ? match.Groups["named"].Value : match.Groups["braced"].Success ? match.Groups["braced"].Value : string.Empty;
                if (substitution.Length == 0)
                {
                    throw new DockerPSException(
                        where + ": the value of '" + key + "' is not a valid template: \"" + template + "\". Write $$ for a literal $, or $NAME / ${NAME} for a variable.",
                        "ComposeInvalidTemplate", ErrorCategory.InvalidData, where.File);
                }

                if (Split(substitution, ":-", out var name, out var rest))
                {
                    var value = lookup(name);
                    return string.IsNullOrEmpty(value) ? rest : value!;
                }

                if (Split(substitution, "-", out name, out rest))
                {
                    return lookup(name) ?? rest;
                }

                if (Split(substitution, ":?", out name, out rest))
                {
                    var value = lookup(name);
                    return string.IsNullOrEmpty(value) ? throw Required(name, rest, where, key) : value!;
                }

                if (Split(substitution, "?", out name, out rest))
                {
                    return lookup(name) ?? throw Required(name, rest, where, key);
                }

                return lookup(substitution) ?? string.Empty;
            });
        }

        // The docker CLI tries the forms in this order, each if its separator occurs anywhere in the substitution.
        private static bool Split(string substitution, string separator, out string name, out string rest)
        {
            var at = substitution.IndexOf(separator, StringComparison.Ordinal);
            if (at < 0)
            {
                name = substitution;
                rest = string.Empty;
                return false;
            }

            name = substitution.Substring(0, at);
            rest = substitution.Substring(at + separator.Length);
            return true;
        }

        private static DockerPSException Required(string name, string message, ComposeSource where, string key) =>
            new DockerPSException(
                where + ": '" + key + "' needs the variable " + name + ", which is not set" + (message.Length > 0 ? ": " + message.TrimEnd('.') + "." : ".") +
                " Set it in the environment ($env:" + name + " = '…') or in the .env file next to the first compose file.",
                "ComposeVariableRequired", ErrorCategory.InvalidData, name);

        /// <summary>
        /// Reads KEY=value lines as the docker CLI reads an env_file (pkg/kvfile): blank lines and lines starting
        /// with # are skipped, leading white space is dropped, the value is everything after the first '=' as written
        /// (no quotes removed); a line with a name alone takes the value from <paramref name="lookup"/> and is skipped
        /// when that has none.
        /// </summary>
        public static List<KeyValuePair<string, string>> ReadEnvFile(string path, Func<string, string?> lookup, ComposeSource? where)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path, new UTF8Encoding(false));
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new DockerPSException(
                    (where.HasValue ? where + ": " : string.Empty) + "the env file '" + path + "' does not exist. Paths are relative to the folder of the first compose file.",
                    "ComposeFileNotFound", ErrorCategory.ObjectNotFound, path, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException("The env file '" + path + "' cannot be read: " + e.Message, "ComposeFileUnreadable", ErrorCategory.ReadError, path, e);
            }

            var result = new List<KeyValuePair<string, string>>();
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimStart();
                if (i == 0)
                {
                    line = line.TrimStart('\uFEFF');
                }

                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var equals = line.IndexOf('=');
                var name = equals < 0 ? line : line.Substring(0, equals);
                if (name.Length == 0 || name.IndexOf(' ') >= 0 || name.IndexOf('\t') >= 0)
                {
                    throw new DockerPSException(
                        path + " line " + (i + 1) + ": '" + line + "' is not a KEY=value line" + (name.Length == 0 ? " (no variable name)." : " (the name has white space)."),
                        "ComposeInvalidEnvFile", ErrorCategory.InvalidData, path);
                }

                if (equals >= 0)
                {
                    result.Add(new KeyValuePair<string, string>(name, line.Substring(equals + 1)));
                }
                else if (lookup(name) is string value)
                {
                    result.Add(new KeyValuePair<string, string>(name, value));
                }
            }

            return result;
        }
    }
}
