using System;
using System.Collections.Generic;
using System.Linq;

namespace PSDocker.Model
{
    /// <summary>
    /// One process running in a container (<c>Get-DockerContainerProcess</c>, docker top). Every column the engine's
    /// ps printed (UID, PID, PPID, C, STIME, TTY, TIME, CMD for the default -ef) is also a property of the object;
    /// PID and PPID are numbers.
    /// </summary>
    public sealed class DockerContainerProcess : DockerObject
    {
        /// <summary>The container's name (or id, as named).</summary>
        public string Container { get; internal set; } = string.Empty;

        /// <summary>The column titles in the order ps printed them.</summary>
        public IReadOnlyList<string> Titles { get; internal set; } = Array.Empty<string>();

        /// <summary>The row's values by column title, as ps printed them.</summary>
        public IReadOnlyDictionary<string, string> Values { get; internal set; } = new Dictionary<string, string>();

        /// <inheritdoc/>
        public override string ToString() => string.Join(" ", Titles.Select(t => Values.TryGetValue(t, out var v) ? v : string.Empty));
    }
}
