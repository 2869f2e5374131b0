using System;
using System.Collections.Generic;

namespace PSDocker.Model
{
    /// <summary>
    /// A docker context as <c>docker context ls</c> and <c>docker context inspect</c> show it. Its DockerHost is
    /// the engine it names and its Context is its own name, so piping it to a cmdlet acts on that engine.
    /// </summary>
    public sealed class DockerContext : DockerObject
    {
        /// <summary>The context's name ("default" for DOCKER_HOST or the local engine).</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>Its description.</summary>
        public string Description { get; internal set; } = string.Empty;

        /// <summary>Whether commands without -Context use it now (docker context ls marks it with *).</summary>
        public bool Current { get; internal set; }

        /// <summary>Whether the engine's TLS certificate is not verified.</summary>
        public bool SkipTlsVerify { get; internal set; }

        /// <summary>The TLS files stored with the context (ca.pem, cert.pem, key.pem), as docker context inspect's TLSMaterial lists them.</summary>
        public IReadOnlyList<string> TlsMaterial { get; internal set; } = Array.Empty<string>();

        /// <summary>Why the context could not be read, as docker context ls's ERROR column; empty when it could.</summary>
        public string Error { get; internal set; } = string.Empty;

        /// <summary>The folder of its meta.json (empty for "default", which is not stored).</summary>
        public string MetadataPath { get; internal set; } = string.Empty;

        /// <summary>The folder of its TLS files (empty for "default").</summary>
        public string TlsPath { get; internal set; } = string.Empty;

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
