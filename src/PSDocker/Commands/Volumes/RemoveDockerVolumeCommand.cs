using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Volumes
{
    /// <summary>docker volume rm.</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerVolume", SupportsShouldProcess = true, DefaultParameterSetName = ByName, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerVolumeCommand : DockerCmdlet
    {
        private const string ByName = "ByName";
        private const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">Names of the volumes to remove. Wildcards select among existing volumes.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [Alias("VolumeName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.VolumeCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Volumes from Get-DockerVolume, each removed from the engine it came from, or volume names as strings. Objects of any other kind, such as a container with the same name, are refused with the error InputNotAVolume and nothing is removed for them.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>
        /// <para type="description">Remove the volume even when its driver fails to (docker volume rm --force). A volume in use is never removed.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// <para type="description">How many volumes are removed at once (the engine calls run side by side; confirmations and errors stay on the pipeline, in input order). 1 removes one after the other. The default is 8.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var targets = ParameterSetName == ByInputObject ? Targets.Volumes.FromPipeline(this, InputObject) : Targets.Volumes.Resolve(this, Name, byId: false);
            foreach (var target in targets)
            {
                var session = GetSession(target.Endpoint);
                if (!ShouldProcess(target.Display, Force.IsPresent ? "Remove volume (forced)" : "Remove volume"))
                {
                    continue;
                }

                RunSideBySide(ThrottleLimit, "Volume", session, target, ct => RemoveAsync(session, target.Reference, target.UserTarget, ct));
            }
        }

        private async Task<Action?> RemoveAsync(DockerSession session, string name, object target, CancellationToken ct)
        {
            try
            {
                // The library drops force; the query is ours.
                await BulkRunner.Engine(session, "Volume", target, ct, () => Force.IsPresent
                    ? session.Raw.DeleteAsync("volumes/" + Uri.EscapeDataString(name) + "?force=1", ct)
                    : session.Client.Volumes.RemoveAsync(name, null, ct)).ConfigureAwait(false);
                return null;
            }
            catch (DockerPSException e) when (e.ErrorId == "VolumeNotFound")
            {
                throw new DockerPSException(UserText.Format(VolumeMessages.VolumeNotFound, name), "VolumeNotFound", ErrorCategory.ObjectNotFound, target, e);
            }
            catch (DockerPSException e) when (e.ErrorId == "VolumeConflict" && e.Message.IndexOf("in use", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // Who uses it is asked on the pipeline thread, when this item's turn to be written comes.
                return () => throw new DockerPSException(UserText.Format(VolumeMessages.VolumeInUse, name, Users(session, name)), "VolumeInUse", ErrorCategory.InvalidOperation, target, e);
            }
        }

        /// <summary>The containers that mount the volume, by name, for the message.</summary>
        private string Users(DockerSession session, string name)
        {
            try
            {
                var containers = Call(session, "Container", name, ct => session.Client.Containers.ListContainersAsync(new ContainersListParameters
                {
                    All = true,
                    Filters = new Dictionary<string, IDictionary<string, bool>> { ["volume"] = new Dictionary<string, bool> { [name] = true } },
                }, ct));
                var names = containers
                    .Select(c => "'" + (ContainerMapper.PrimaryName(c.Names) ?? c.ID) + "' (" + Formats.DockerFormat.ShortId(c.ID) + ")")
                    .ToList();
                return names.Count == 0 ? CommonMessages.UnknownContainer : string.Join(", ", names);
            }
            catch (DockerPSException)
            {
                return CommonMessages.UnknownContainer;
            }
        }
    }
}
