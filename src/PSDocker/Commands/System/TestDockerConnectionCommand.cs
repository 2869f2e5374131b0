using System.Diagnostics;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.SystemCommands
{
    /// <summary>docker version's reachability half: does the engine answer? $true/$false, or details with -Detailed.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "DockerConnection")]
    [OutputType(typeof(bool))]
    [OutputType(typeof(DockerConnectionTest))]
    public sealed class TestDockerConnectionCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Return a DockerConnectionTest with latency, endpoint and API version instead of $true/$false.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            // A malformed host is bad input, not an unreachable engine: that stays an error.
            var endpoint = ResolveEndpoint();
            var result = new DockerConnectionTest
            {
                DockerHost = endpoint.Host,
                Context = endpoint.Context,
                Source = Describe(endpoint.Source),
                Tls = endpoint.Tls != null,
            };

            var clock = Stopwatch.StartNew();
            try
            {
                var session = Await(ct => DockerSessionCache.GetAsync(endpoint, ct));
                try
                {
                    Wait(ct => session.Client.System.PingAsync(ct));
                }
                catch (System.Exception e) when (!(e is PipelineStoppedException))
                {
                    throw Map(session, e, "DockerEngine", endpoint.Host);
                }

                clock.Stop();
                result.Success = true;
                result.ApiVersion = session.ApiVersion;
                result.EngineApiVersion = DockerSession.TryParseApiVersion(session.Engine.APIVersion, out var engineApi) ? engineApi : null;
                result.EngineVersion = session.Engine.Version;
            }
            catch (DockerPSException e)
            {
                clock.Stop();
                result.Error = e.Message;
                result.ErrorId = e.ErrorId;
                WriteVerbose(e.Message);
            }

            result.Latency = clock.Elapsed;
            if (Detailed.IsPresent)
            {
                WriteObject(result);
            }
            else
            {
                WriteObject(result.Success);
            }
        }

        private static string Describe(EndpointSource source)
        {
            switch (source)
            {
                case EndpointSource.Parameter: return "Parameter";
                case EndpointSource.ContextParameter: return "Context";
                case EndpointSource.DockerHostVariable: return "DOCKER_HOST";
                case EndpointSource.DockerContextVariable: return "DOCKER_CONTEXT";
                case EndpointSource.ConfigCurrentContext: return "config.json";
                default: return "Default";
            }
        }
    }
}
