using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>One event from the engine's event stream (Get-DockerEvent, docker events).</summary>
    public sealed class DockerEvent : DockerObject
    {
        /// <summary>What kind of object the event concerns: container, image, volume, network, daemon, plugin, service, node, secret, config.</summary>
        public string Type { get; internal set; } = string.Empty;

        /// <summary>What happened: create, start, die, destroy, pull, mount, connect, …</summary>
        public string Action { get; internal set; } = string.Empty;

        /// <summary>The id of the object the event concerns (a volume's name, an image's reference).</summary>
        public string ActorId { get; internal set; } = string.Empty;

        /// <summary>The object's attributes at the time: name, image, labels, exitCode, …</summary>
        public IReadOnlyDictionary<string, string> Attributes { get; internal set; } = new Dictionary<string, string>();

        /// <summary>When the event happened, in local time (to the engine's nanosecond, as far as DateTime holds it).</summary>
        public DateTime Time { get; internal set; }

        /// <summary>local (this engine) or swarm.</summary>
        public string Scope { get; internal set; } = string.Empty;

        /// <inheritdoc/>
        public override string ToString() => Type + " " + Action + " " + ActorId;
    }
}
