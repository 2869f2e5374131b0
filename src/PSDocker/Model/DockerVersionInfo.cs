using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>The output of <c>Get-DockerVersion</c>: the engine's version and the API versions in play.</summary>
    public sealed class DockerVersionInfo : DockerObject
    {
        /// <summary>The engine's version, e.g. 20.10.24+dfsg1.</summary>
        public string Version { get; internal set; } = string.Empty;

        /// <summary>The newest Engine API version the engine offers.</summary>
        public Version? ApiVersion { get; internal set; }

        /// <summary>The oldest Engine API version the engine accepts.</summary>
        public Version? MinApiVersion { get; internal set; }

        /// <summary>The API version this module uses with the engine: min(<see cref="ClientApiVersion"/>, <see cref="ApiVersion"/>), or DOCKER_API_VERSION when set.</summary>
        public Version NegotiatedApiVersion { get; internal set; } = new Version(0, 0);

        /// <summary>The newest API version this module can speak.</summary>
        public Version ClientApiVersion { get; internal set; } = new Version(0, 0);

        /// <summary>The engine's operating system, e.g. linux.</summary>
        public string Os { get; internal set; } = string.Empty;

        /// <summary>The engine's architecture, e.g. amd64.</summary>
        public string Arch { get; internal set; } = string.Empty;

        /// <summary>The engine host's kernel version.</summary>
        public string? KernelVersion { get; internal set; }

        /// <summary>The Go version the engine was built with.</summary>
        public string? GoVersion { get; internal set; }

        /// <summary>The engine's git commit.</summary>
        public string? GitCommit { get; internal set; }

        /// <summary>When the engine was built.</summary>
        public DateTime? BuildTime { get; internal set; }

        /// <summary>Whether the engine runs with experimental features.</summary>
        public bool Experimental { get; internal set; }

        /// <summary>Versions of the engine's components (Engine, containerd, runc, docker-init…), by name.</summary>
        public IReadOnlyDictionary<string, string> Components { get; internal set; } = new Dictionary<string, string>();

        /// <summary>This module's version.</summary>
        public Version ModuleVersion { get; internal set; } = new Version(0, 0);
    }
}
