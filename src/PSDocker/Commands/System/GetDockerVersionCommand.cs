using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.SystemCommands
{
    /// <summary>docker version: the engine's version and the API versions in play.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerVersion")]
    [OutputType(typeof(DockerVersionInfo))]
    public sealed class GetDockerVersionCommand : DockerCmdlet
    {
        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            // The session's one /version answer is all this needs.
            var session = GetSession(out var endpoint);
            var engine = session.Engine;
            var components = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (engine.Components != null)
            {
                foreach (var component in engine.Components)
                {
                    components[component.Name] = component.Version;
                }
            }

            WriteObject(DockerEndpoint.Stamp(new DockerVersionInfo
            {
                Version = engine.Version,
                ApiVersion = DockerSession.TryParseApiVersion(engine.APIVersion, out var api) ? api : null,
                MinApiVersion = DockerSession.TryParseApiVersion(engine.MinAPIVersion, out var min) ? min : null,
                NegotiatedApiVersion = session.ApiVersion,
                ClientApiVersion = DockerSession.ClientMaxApiVersion,
                Os = engine.Os,
                Arch = engine.Arch,
                KernelVersion = engine.KernelVersion,
                GoVersion = engine.GoVersion,
                GitCommit = engine.GitCommit,
                BuildTime = DateTime.TryParse(engine.BuildTime, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var built) ? built : (DateTime?)null,
                Experimental = engine.Experimental == true,
                Components = components,
                ModuleVersion = typeof(GetDockerVersionCommand).Assembly.GetName().Version ?? new Version(0, 0),
            }, endpoint));
        }
    }
}
