using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [Alias("NetworkName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.NetworkCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Ids of the networks to remove (a unique prefix is enough).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ById)]
        [Alias("NetworkId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Networks from Get-DockerNetwork, each removed from the engine it came from, or network names as strings. Objects of any other kind are refused with the error InputNotANetwork and nothing is removed for them.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>
        /// <para type="description">How many networks are removed at once (the engine calls run side by side; confirmations and errors stay on the pipeline, in input order). 1 removes one after the other. The default is 8.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var targets = ParameterSetName == ByInputObject
                ? Targets.Networks.FromPipeline(this, InputObject)
                : Targets.Networks.Resolve(this, ParameterSetName == ById ? Id : Name, ParameterSetName == ById);
            foreach (var target in targets)
            {
                var session = GetSession(target.Endpoint);
                if (!ShouldProcess(target.Display, "Remove network"))
                {
                    continue;
                }

                RunSideBySide(ThrottleLimit, "Network", session, target, ct => RemoveAsync(session, target.Reference, target.Display, target.UserTarget, ct));
            }
        }

        private async Task<Action?> RemoveAsync(DockerSession session, string reference, string display, object target, CancellationToken ct)
        {
            try
            {
                await BulkRunner.Engine(session, "Network", target, ct, () => session.Client.Networks.DeleteNetworkAsync(reference, ct)).ConfigureAwait(false);
                return null;
            }
            catch (DockerPSException e) when (e.ErrorId == "NetworkNotFound")
            {
                throw new DockerPSException(UserText.Format(NetworkMessages.NetworkNotFound, display), "NetworkNotFound", ErrorCategory.ObjectNotFound, target, e);
            }
            catch (DockerPSException e) when (e.Message.IndexOf("active endpoints", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // What is attached is asked on the pipeline thread, when this item's turn to be written comes.
                return () => throw new DockerPSException(UserText.Format(NetworkMessages.NetworkInUse, display, Attached(session, reference)), "NetworkInUse", ErrorCategory.InvalidOperation, target, e);
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
    }
}
