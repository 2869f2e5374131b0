using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker secret rm: removes secrets no service uses.</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerSecret", SupportsShouldProcess = true, DefaultParameterSetName = ByName, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerSecretCommand : DockerCmdlet
    {
        private const string ByName = "ByName";
        private const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">Names (or ids) of the secrets to remove. Wildcards select among existing secrets.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [Alias("SecretName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.SecretCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Secrets from Get-DockerSecret, or secret names as strings.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>
        /// <para type="description">How many secrets are removed at once (confirmations and errors stay on the pipeline, in input order). The default is 8.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var targets = ParameterSetName == ByInputObject ? Targets.Secrets.FromPipeline(this, InputObject) : Targets.Secrets.Resolve(this, Name, byId: false);
            foreach (var target in targets)
            {
                var session = GetSession(target.Endpoint);
                if (!ShouldProcess(target.Display, "Remove secret"))
                {
                    continue;
                }

                RunSideBySide(ThrottleLimit, "Secret", session, target, ct => RemoveAsync(session, target, ct));
            }
        }

        private static async Task<Action?> RemoveAsync(DockerSession session, DockerTarget target, CancellationToken ct)
        {
            try
            {
                await BulkRunner.Engine(session, "Secret", target.UserTarget, ct, () => session.Client.Secrets.DeleteAsync(target.Reference, ct)).ConfigureAwait(false);
                return null;
            }
            catch (DockerPSException e) when (e.ErrorId == "SecretNotFound")
            {
                throw new DockerPSException("No secret '" + target.Reference + "' exists. Get-DockerSecret lists the secrets there are.", "SecretNotFound", ErrorCategory.ObjectNotFound, target.UserTarget, e);
            }
            catch (DockerPSException e) when (e.Message.IndexOf("in use", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerPSException(e.Message.TrimEnd('.') + ". Take it away from those services first (Update-DockerService -RemoveSecret), or remove them.", "SecretInUse", ErrorCategory.InvalidOperation, target.UserTarget, e);
            }
        }
    }
}
