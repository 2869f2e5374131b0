using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker config rm: removes configs no service uses.</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerConfig", SupportsShouldProcess = true, DefaultParameterSetName = ByName, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerConfigCommand : DockerCmdlet
    {
        private const string ByName = "ByName";
        private const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">Names (or ids) of the configs to remove. Wildcards select among existing configs.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [Alias("ConfigName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ConfigCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Configs from Get-DockerConfig, or config names as strings.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>
        /// <para type="description">How many configs are removed at once (confirmations and errors stay on the pipeline, in input order). The default is 8.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var targets = ParameterSetName == ByInputObject ? Targets.Configs.FromPipeline(this, InputObject) : Targets.Configs.Resolve(this, Name, byId: false);
            foreach (var target in targets)
            {
                var session = GetSession(target.Endpoint);
                if (!ShouldProcess(target.Display, "Remove config"))
                {
                    continue;
                }

                RunSideBySide(ThrottleLimit, "Config", session, target, ct => RemoveAsync(session, target, ct));
            }
        }

        private static async Task<Action?> RemoveAsync(DockerSession session, DockerTarget target, CancellationToken ct)
        {
            try
            {
                await BulkRunner.Engine(session, "Config", target.UserTarget, ct, () => session.Client.Configs.RemoveConfigAsync(target.Reference, ct)).ConfigureAwait(false);
                return null;
            }
            catch (DockerPSException e) when (e.ErrorId == "ConfigNotFound")
            {
                throw new DockerPSException("No config '" + target.Reference + "' exists. Get-DockerConfig lists the configs there are.", "ConfigNotFound", ErrorCategory.ObjectNotFound, target.UserTarget, e);
            }
            catch (DockerPSException e) when (e.Message.IndexOf("in use", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerPSException(e.Message.TrimEnd('.') + ". Take it away from those services first (Update-DockerService -RemoveConfig), or remove them.", "ConfigInUse", ErrorCategory.InvalidOperation, target.UserTarget, e);
            }
        }
    }
}
