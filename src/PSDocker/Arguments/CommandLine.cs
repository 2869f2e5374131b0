using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace PSDocker.Arguments
{
    /// <summary>Helpers for the command a container or exec runs.</summary>
    internal static class CommandLine
    {
        /// <summary>
        /// Without a syntax tree to place them (splatting, C#), flags the hidden catchers took go back after the
        /// program and the options before it. Use -- before the command to pass everything verbatim.
        /// </summary>
        public static List<string> Rejoin(string[]? command, IEnumerable<string> flags)
        {
            var result = (command ?? Array.Empty<string>()).ToList();
            var caught = flags.ToList();
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

        /// <summary>The short flags the hidden catcher switches (CommandFlagA…Z, CommandFlagLa…) took, in name order.</summary>
        public static IEnumerable<string> CaughtFlags(PSCmdlet cmdlet) =>
            cmdlet.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public)
                .Where(p => p.Name.Length > CommandLineRecovery.CatcherPrefix.Length && p.Name.Length <= CommandLineRecovery.CatcherPrefix.Length + 2 &&
                    p.Name.StartsWith(CommandLineRecovery.CatcherPrefix, StringComparison.Ordinal) &&
                    p.PropertyType == typeof(SwitchParameter) && ((SwitchParameter)p.GetValue(cmdlet)!).IsPresent)
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => "-" + p.Name.Substring(CommandLineRecovery.CatcherPrefix.Length).ToLowerInvariant());

        /// <summary>Puts back the defaults of parameters the binder set from tokens that were the command's.</summary>
        public static void Unset(PSCmdlet cmdlet, IEnumerable<string> parameters)
        {
            foreach (var name in parameters)
            {
                cmdlet.MyInvocation.BoundParameters.Remove(name);
                var property = cmdlet.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.IgnoreCase);
                if (property is null || !property.CanWrite)
                {
                    continue; // a hidden catcher: dynamic, nothing to put back
                }

                var type = property.PropertyType;
                property.SetValue(cmdlet, type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null);
            }
        }
    }
}
