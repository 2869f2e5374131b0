using System.Collections.Generic;
using System.Management.Automation;
using PSDocker.Connection;

namespace PSDocker.Arguments
{
    /// <summary>
    /// What every argument parser needs of a PowerShell value: the object under a PSObject, the items of a
    /// collection or a single value, and the InvalidArgument error that names the bad value.
    /// </summary>
    internal static class ArgumentValue
    {
        internal static DockerPSException Bad(string id, string message, object? target) =>
            new DockerPSException(message, id, ErrorCategory.InvalidArgument, target);

        internal static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

        internal static IEnumerable<object?> Items(object value)
        {
            var enumerable = LanguagePrimitives.GetEnumerable(value);
            if (enumerable is null)
            {
                yield return value;
                yield break;
            }

            foreach (var item in enumerable)
            {
                yield return Unwrap(item);
            }
        }
    }
}
