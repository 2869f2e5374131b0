using System;
using System.Collections.Generic;
using System.Linq;

namespace PSDocker.Arguments
{
    /// <summary>Helpers for the command a container or exec runs.</summary>
    internal static class CommandLine
    {
        /// <summary>
        /// PowerShell takes the -c of "sh -c 'exit 3'" for an abbreviated parameter; the cmdlets catch it in a hidden
        /// parameter aliased c, and this puts it back after the program and the options before it. Use -- before the
        /// command to pass everything verbatim.
        /// </summary>
        public static List<string> Rejoin(string[]? command, string? shellArgument, IEnumerable<string>? flags = null)
        {
            var result = (command ?? Array.Empty<string>()).ToList();
            var caught = (flags ?? Array.Empty<string>()).ToList();
            if (shellArgument != null)
            {
                caught.Add("-c");
                caught.Add(shellArgument);
            }

            if (caught.Count == 0)
            {
                return result;
            }

            var insertAt = Math.Min(1, result.Count);
            while (insertAt < result.Count && result[insertAt].StartsWith("-", StringComparison.Ordinal))
            {
                insertAt++;
            }

            result.InsertRange(insertAt, caught);
            return result;
        }

        /// <summary>
        /// The single-letter flags a command line may carry that PowerShell would otherwise bind, silently, to one
        /// of the run/exec cmdlets' own parameters by prefix (-h Hostname, -l Label, -t Tty, -u User).
        /// </summary>
        public static IEnumerable<string> CaughtFlags(params (bool Present, string Flag)[] flags) =>
            flags.Where(f => f.Present).Select(f => f.Flag);
    }
}
