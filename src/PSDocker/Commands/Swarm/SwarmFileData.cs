using System;
using System.IO;
using System.Management.Automation;
using System.Text.RegularExpressions;
using PSDocker.Connection;

namespace PSDocker.Commands.Swarm
{
    /// <summary>What New-DockerSecret and New-DockerConfig share: the name rule and reading -Path.</summary>
    internal static class SwarmFileData
    {
        // swarmkit's rule for secret and config names: 1-64 characters, alphanumerics with - _ . inside.
        private static readonly Regex NameRule = new Regex("^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant);

        /// <summary>The most a secret or a config may hold (swarmkit's limit, 500 KiB).</summary>
        public const int MaxBytes = 500 * 1024;

        public static void CheckName(string name, string kind)
        {
            if (name.Length > 64 || !NameRule.IsMatch(name))
            {
                throw new DockerPSException(
                    "'" + name + "' is not a valid " + kind + " name: use 1 to 64 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
                    kind == "secret" ? "InvalidSecretName" : "InvalidConfigName", ErrorCategory.InvalidArgument, name);
            }
        }

        public static byte[] Read(PSCmdlet cmdlet, string path, string kind)
        {
            var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(full))
            {
                throw new DockerPSException("The file '" + path + "' does not exist; -Path names the file whose bytes become the " + kind + ".", kind == "secret" ? "SecretFileNotFound" : "ConfigFileNotFound", ErrorCategory.ObjectNotFound, path);
            }

            try
            {
                var length = new FileInfo(full).Length;
                if (length > MaxBytes)
                {
                    throw new DockerPSException("The file '" + path + "' holds " + length + " bytes; a " + kind + " holds at most 500 KiB.", kind == "secret" ? "SecretTooLarge" : "ConfigTooLarge", ErrorCategory.LimitsExceeded, path);
                }

                return File.ReadAllBytes(full);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException("The file '" + path + "' could not be read: " + e.Message, kind == "secret" ? "SecretFileUnreadable" : "ConfigFileUnreadable", ErrorCategory.ReadError, path, e);
            }
        }
    }
}
