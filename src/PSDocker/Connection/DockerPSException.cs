using System;
using System.Management.Automation;

namespace PSDocker.Connection
{
    /// <summary>
    /// A failure that already knows how it should look to the user: the Engine layer throws it, the base
    /// cmdlet turns it into an ErrorRecord unchanged.
    /// </summary>
    public sealed class DockerPSException : Exception, IContainsErrorRecord
    {
        internal DockerPSException(string message, string errorId, ErrorCategory category, object? target, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            Target = target;
        }

        /// <summary>The ErrorId the ErrorRecord gets.</summary>
        public string ErrorId { get; }

        /// <summary>The category the ErrorRecord gets.</summary>
        public ErrorCategory Category { get; }

        /// <summary>What the user named.</summary>
        public object? Target { get; }

        /// <summary>The record PowerShell reports when this exception escapes a cmdlet.</summary>
        public ErrorRecord ErrorRecord => ToErrorRecord();

        internal ErrorRecord ToErrorRecord(object? targetOverride = null) =>
            new ErrorRecord(this, ErrorId, Category, targetOverride ?? Target);
    }
}
