using System;

namespace PSDocker.Model
{
    /// <summary>The result of <c>Test-DockerConnection -Detailed</c>.</summary>
    public sealed class DockerConnectionTest : DockerObject
    {
        /// <summary>True when the engine answered the ping.</summary>
        public bool Success { get; internal set; }

        /// <summary>Where the address came from: Parameter, Context, DOCKER_HOST, DOCKER_CONTEXT, config.json or Default.</summary>
        public string Source { get; internal set; } = string.Empty;

        /// <summary>Whether the connection uses TLS.</summary>
        public bool Tls { get; internal set; }

        /// <summary>Round trip of the ping (the first call also includes the one-time API version negotiation).</summary>
        public TimeSpan Latency { get; internal set; }

        /// <summary>The API version this module speaks with the engine: min(module's newest, engine's).</summary>
        public Version? ApiVersion { get; internal set; }

        /// <summary>The newest API version the engine offers.</summary>
        public Version? EngineApiVersion { get; internal set; }

        /// <summary>The engine's version, e.g. 20.10.24.</summary>
        public string? EngineVersion { get; internal set; }

        /// <summary>Why the connection failed, when it did.</summary>
        public string? Error { get; internal set; }

        /// <summary>The ErrorId the failure would have as an error, when it failed.</summary>
        public string? ErrorId { get; internal set; }
    }
}
