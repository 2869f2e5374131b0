using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Networks
{
    /// <summary>docker network rm.</summary>
    [Cmdlet(VerbsCommon.Remove, "DockerNetwork", SupportsShouldProcess = true, DefaultParameterSetName = ByName, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveDockerNetworkCommand : DockerCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";
        private const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">Names of the networks to remove. Wildcards select among existing networks.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("NetworkName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.NetworkCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Ids of the networks to remove (a unique prefix is enough).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
        [Alias("NetworkId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Networks from Get-DockerNetwork; each is removed from the engine it came from.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DockerNetwork[] InputObject { get; set; } = Array.Empty<DockerNetwork>();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (var (endpoint, reference, display, target) in Targets())
            {
                var session = GetSession(endpoint);
                if (!ShouldProcess(display, "Remove network"))
                {
                    continue;
                }

                try
                {
                    Remove(session, reference, display, target);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, target);
                }
            }
        }

        private void Remove(DockerSession session, string reference, string display, object target)
        {
            try
            {
                Call(session, "Network", target, ct => session.Client.Networks.DeleteNetworkAsync(reference, ct));
            }
            catch (DockerPSException e) when (e.ErrorId == "NetworkNotFound")
            {
                throw new DockerPSException(UserText.Format(NetworkMessages.NetworkNotFound, display), "NetworkNotFound", ErrorCategory.ObjectNotFound, target, e);
            }
            catch (DockerPSException e) when (e.Message.IndexOf("active endpoints", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerPSException(UserText.Format(NetworkMessages.NetworkInUse, display, Attached(session, reference)), "NetworkInUse", ErrorCategory.InvalidOperation, target, e);
            }
            catch (DockerPSException e) when (e.Message.IndexOf("pre-defined", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerPSException(UserText.Format(NetworkMessages.NetworkPredefined, display), "NetworkPredefined", ErrorCategory.InvalidOperation, target, e);
            }
            catch (DockerPSException e) when (e.ErrorId == "NetworkPermissionDenied")
            {
                throw new DockerPSException(e.Message, "NetworkInvalidOperation", ErrorCategory.InvalidOperation, target, e);
            }
        }

        private string Attached(DockerSession session, string reference)
        {
            try
            {
                var network = Call(session, "Network", reference, ct => session.Client.Networks.InspectNetworkAsync(reference, ct));
                var names = (network.Containers ?? new Dictionary<string, EndpointResource>())
                    .Select(c => "'" + (string.IsNullOrEmpty(c.Value?.Name) ? Formats.DockerFormat.ShortId(c.Key) : c.Value!.Name) + "'")
                    .OrderBy(n => n, StringComparer.Ordinal)
                    .ToList();
                return names.Count == 0 ? CommonMessages.UnknownContainer : string.Join(", ", names);
            }
            catch (DockerPSException)
            {
                return CommonMessages.UnknownContainer;
            }
        }

        private IEnumerable<(DockerEndpoint Endpoint, string Reference, string Display, object Target)> Targets()
        {
            if (ParameterSetName == ByInputObject)
            {
                foreach (var network in InputObject)
                {
                    var endpoint = EndpointOf(network);

                    yield return (endpoint, network.Id, network.Name, network.Name);
                }

                yield break;
            }

            var recordEndpoint = ResolveEndpoint();
            var byId = ParameterSetName == ById;
            IList<NetworkResponse>? all = null;
            foreach (var value in byId ? Id : Name)
            {
                if (byId || !WildcardPattern.ContainsWildcardCharacters(value))
                {
                    yield return (recordEndpoint, value, value, value);
                    continue;
                }

                if (all is null)
                {
                    var session = GetSession(recordEndpoint);
                    try
                    {
                        all = Call(session, "Network", value, ct => session.Client.Networks.ListNetworksAsync(new NetworksListParameters(), ct));
                    }
                    catch (DockerPSException e)
                    {
                        ThrowDockerError(e);
                        yield break;
                    }
                }

                var pattern = new WildcardPattern(value, WildcardOptions.IgnoreCase);
                foreach (var match in all.Where(n => pattern.IsMatch(n.Name)).OrderBy(n => n.Name, StringComparer.Ordinal))
                {
                    yield return (recordEndpoint, match.ID, match.Name, match.Name);
                }
            }
        }
    }
}
