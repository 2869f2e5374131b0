using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker service rm: removes services (their tasks stop).</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerService", SupportsShouldProcess = true, DefaultParameterSetName = ByName, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerServiceCommand : DockerCmdlet
    {
        private const string ByName = "ByName";
        private const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">Names (or ids) of the services to remove. Wildcards select among existing services.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [Alias("ServiceName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ServiceCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Services from Get-DockerService (or tasks from Get-DockerTask: their services), each removed from the swarm it came from, or service names as strings.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>
        /// <para type="description">How many services are removed at once (confirmations and errors stay on the pipeline, in input order). The default is 8.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var targets = ParameterSetName == ByInputObject ? Targets.Services.FromPipeline(this, InputObject) : Targets.Services.Resolve(this, Name, byId: false);
            foreach (var target in targets)
            {
                var session = GetSession(target.Endpoint);
                if (!ShouldProcess(target.Display, "Remove service"))
                {
                    continue;
                }

                RunSideBySide(ThrottleLimit, "Service", session, target, ct => RemoveAsync(session, target, ct));
            }
        }

        private static async Task<Action?> RemoveAsync(DockerSession session, DockerTarget target, CancellationToken ct)
        {
            try
            {
                await BulkRunner.Engine(session, "Service", target.UserTarget, ct, () => session.Client.Swarm.RemoveServiceAsync(target.Reference, ct)).ConfigureAwait(false);
                return null;
            }
            catch (DockerPSException e) when (e.ErrorId == "ServiceNotFound")
            {
                throw new DockerPSException("No service '" + target.Reference + "' exists. Get-DockerService lists the services there are.", "ServiceNotFound", ErrorCategory.ObjectNotFound, target.UserTarget, e);
            }
        }
    }
}
