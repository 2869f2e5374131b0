using System.Management.Automation;
using System.Text.RegularExpressions;
using PSDocker.Connection;
using PSDocker.Resources;

namespace PSDocker.Arguments
{
    /// <summary>
    /// Volume and network driver names: a built-in name or a plugin reference (vendor/name:tag). Only names
    /// no driver could have are refused here; whether a plugin is installed is for the engine to say.
    /// </summary>
    internal static class DriverNames
    {
        private static readonly Regex Plausible = new Regex("^[a-z0-9][a-z0-9_.-]*(/[a-z0-9][a-z0-9_.-]*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$", RegexOptions.CultureInvariant);

        public static void Validate(string driver, string parameter, string errorId)
        {
            if (!Plausible.IsMatch(driver))
            {
                throw new DockerPSException(UserText.Format(CommonMessages.InvalidDriverName, parameter, driver), errorId, ErrorCategory.InvalidArgument, driver);
            }
        }
    }
}
