using System;
using System.Collections.Generic;
using System.Linq;

namespace PSDocker.Commands.Containers
{
    /// <summary>Helpers for the command a container or exec runs.</summary>
    internal static class CommandLine
    {
        /// <summary>
        /// PowerShell takes the -c of "sh -c 'exit 3'" for an abbreviated parameter; the cmdlets catch it in a hidden
        /// parameter aliased c, and this puts it back after the program and the options before it. Use -- before the
        /// command to pass everything verbatim.
        /// </summary>
        public static List<string> Rejoin(string[]? command, string? shellArgument)
        {
            var result = (command ?? Array.Empty<string>()).ToList();
            if (shellArgument is null)
            {
                return result;
            }

            var insertAt = Math.Min(1, result.Count);
            while (insertAt < result.Count && result[insertAt].StartsWith("-", StringComparison.Ordinal))
            {
                insertAt++;
            }

            result.InsertRange(insertAt, new[] { "-c", shellArgument });
            return result;
        }
    }
}
