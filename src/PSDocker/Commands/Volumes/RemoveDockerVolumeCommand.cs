using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VolumeName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.VolumeCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Volumes from Get-DockerVolume; each is removed from the engine it came from.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DockerVolume[] InputObject { get; set; } = Array.Empty<DockerVolume>();

        /// <summary>
        /// <para type="description">Remove the volume even when its driver fails to (docker volume rm --force). A volume in use is never removed.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (var (endpoint, name, target) in Targets())
            {
                var session = GetSession(endpoint);
                if (!ShouldProcess(name, Force.IsPresent ? "Remove volume (forced)" : "Remove volume"))
                {
                    continue;
                }

                try
                {
                    Remove(session, name, target);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, target);
                }
            }
        }

        private void Remove(DockerSession session, string name, object target)
        {
            try
            {
                // The library drops force; the query is ours.
                Call(session, "Volume", target, ct => Force.IsPresent
                    ? session.Raw.DeleteAsync("volumes/" + Uri.EscapeDataString(name) + "?force=1", ct)
                    : session.Client.Volumes.RemoveAsync(name, null, ct));
            }
            catch (DockerPSException e) when (e.ErrorId == "VolumeNotFound")
            {
                throw new DockerPSException(UserText.Format(VolumeMessages.VolumeNotFound, name), "VolumeNotFound", ErrorCategory.ObjectNotFound, target, e);
            }
            catch (DockerPSException e) when (e.ErrorId == "VolumeConflict" && e.Message.IndexOf("in use", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerPSException(UserText.Format(VolumeMessages.VolumeInUse, name, Users(session, name)), "VolumeInUse", ErrorCategory.InvalidOperation, target, e);
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

        private IEnumerable<(DockerEndpoint Endpoint, string Name, object Target)> Targets()
        {
            if (ParameterSetName == ByInputObject)
            {
                foreach (var volume in InputObject)
                {
                    var endpoint = EndpointOf(volume);

                    yield return (endpoint, volume.Name, volume.Name);
                }

                yield break;
            }

            var recordEndpoint = ResolveEndpoint();
            List<string>? all = null;
            foreach (var name in Name)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(name))
                {
                    yield return (recordEndpoint, name, name);
                    continue;
                }

                if (all is null)
                {
                    var session = GetSession(recordEndpoint);
                    VolumesListResponse list;
                    try
                    {
                        list = Call(session, "Volume", name, ct => session.Client.Volumes.ListAsync(new VolumesListParameters(), ct));
                    }
                    catch (DockerPSException e)
                    {
                        ThrowDockerError(e);
                        yield break;
                    }

                    all = (list.Volumes ?? new List<VolumeResponse>()).Select(v => v.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                }

                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                foreach (var match in all.Where(pattern.IsMatch))
                {
                    yield return (recordEndpoint, match, match);
                }
            }
        }
    }
}
