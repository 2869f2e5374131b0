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

        /// <summary>
        /// <para type="description">How many seconds to wait for the engine's answer before the answer is $false (5 by default; 0 waits for ever).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int TimeoutSec { get; set; } = 5;

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
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

            var requestTimeout = RequestTimeout();
            var limit = TimeoutSec > 0 ? System.TimeSpan.FromSeconds(TimeoutSec) : System.Threading.Timeout.InfiniteTimeSpan;
            using var within = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(StopToken);
            within.CancelAfter(limit);
            var clock = Stopwatch.StartNew();
            try
            {
                // Ctrl+C still stops at once (the token is linked to it); -TimeoutSec ends the wait with $false.
                var session = Await(_ => DockerSessionCache.GetAsync(endpoint, requestTimeout, within.Token));
                try
                {
                    Wait(_ => session.Client.System.PingAsync(within.Token));
                }
                catch (System.Exception e) when (!(e is PipelineStoppedException) && !(e is System.OperationCanceledException && within.IsCancellationRequested))
                {
                    throw Map(session, e, "DockerEngine", endpoint.Host);
                }

                clock.Stop();
                result.Success = true;
                result.ApiVersion = session.ApiVersion;
                result.EngineApiVersion = DockerSession.TryParseApiVersion(session.Engine.APIVersion, out var engineApi) ? engineApi : null;
                result.EngineVersion = session.Engine.Version;
            }
            catch (System.OperationCanceledException e) when (within.IsCancellationRequested && !StopToken.IsCancellationRequested)
            {
                clock.Stop();
                var timeout = DockerErrorMapper.Timeout(endpoint, limit, e, "Test-DockerConnection -TimeoutSec 30");
                result.Error = timeout.Message;
                result.ErrorId = timeout.ErrorId;
                WriteVerbose(timeout.Message);
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
