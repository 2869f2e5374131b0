using System;
using System.Collections.Generic;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Networks
{
    /// <summary>
    /// The base of Connect- and Disconnect-DockerNetwork: one network, containers named or piped (each on the
    /// engine it came from); a failure for one container does not stop the others.
    /// </summary>
    public abstract class NetworkAttachmentCmdlet : DockerCmdlet
    {
        internal const string ByContainer = "ByContainer";
        internal const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">The network, by name or id.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.NetworkCompleter))]
        public string Network { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">Names or ids of the containers.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByContainer)]
        [Alias("ContainerName", "ContainerId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerNameCompleter))]
        public string[] Container { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Containers from Get-DockerContainer (also its -Inspect view), each handled on the engine it came from, or container names as strings. Objects of any other kind are refused with the error InputNotAContainer and nothing is done with them.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        private readonly Dictionary<string, string> _networkIds = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            foreach (var (endpoint, reference, display) in Targets())
            {
                var session = GetSession(endpoint);
                var networkId = NetworkId(session, endpoint);
                try
                {
                    Process(session, networkId, reference, display);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, e.Target ?? display);
                }
            }
        }

        /// <summary>Acts on one container; throw <see cref="DockerPSException"/> to report a per-container error.</summary>
        internal abstract void Process(DockerSession session, string networkId, string container, string display);

        /// <summary>
        /// The network's id on this engine, looked up once. A missing network stops the command: the engine
        /// would accept connecting a stopped container to a network that does not exist and fail its next start.
        /// </summary>
        private string NetworkId(DockerSession session, DockerEndpoint endpoint)
        {
            if (_networkIds.TryGetValue(endpoint.CacheKey, out var id))
            {
                return id;
            }

            try
            {
                id = Call(session, "Network", Network, ct => session.Client.Networks.InspectNetworkAsync(Network, ct)).ID;
            }
            catch (DockerPSException e) when (e.ErrorId == "NetworkNotFound")
            {
                ThrowDockerError(new DockerPSException(UserText.Format(NetworkMessages.NetworkNotFound, Network), "NetworkNotFound", ErrorCategory.ObjectNotFound, Network, e));
                throw; // not reached
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e, Network);
                throw; // not reached
            }

            _networkIds[endpoint.CacheKey] = id;
            return id;
        }

        /// <summary>
        /// Which of the two was missing: the engine answers 404 for an unknown container and an unknown network
        /// alike, and only its words tell them apart.
        /// </summary>
        internal DockerPSException Refine(DockerPSException e, string container)
        {
            if (e.ErrorId == "NetworkNotFound" && e.Message.StartsWith("No such container", StringComparison.OrdinalIgnoreCase))
            {
                return new DockerPSException(UserText.Format(NetworkMessages.NetworkContainerNotFound, container), "ContainerNotFound", ErrorCategory.ObjectNotFound, container, e);
            }

            if (e.ErrorId == "NetworkNotFound")
            {
                return new DockerPSException(UserText.Format(NetworkMessages.NetworkNotFound, Network), "NetworkNotFound", ErrorCategory.ObjectNotFound, Network, e);
            }

            if (e.ErrorId == "NetworkPermissionDenied")
            {
                // 403 is how the engine refuses a request on its merits (e.g. an endpoint that already exists).
                return new DockerPSException(e.Message, "NetworkInvalidOperation", ErrorCategory.InvalidOperation, container, e);
            }

            return new DockerPSException(e.Message, e.ErrorId, e.Category, container, e);
        }

        private IEnumerable<(DockerEndpoint Endpoint, string Reference, string Display)> Targets()
        {
            if (ParameterSetName == ByInputObject)
            {
                var here = ResolveEndpoint();
                foreach (var target in PSDocker.Pipeline.Targets.Containers.FromPipeline(this, InputObject, name => new[] { new DockerTarget(here, name.TrimStart('/'), name, name) }, nameParameter: "Container"))
                {
                    yield return (target.Endpoint, target.Reference, target.UserTarget as string ?? (target.Name != target.Reference ? target.Name : Formats.DockerFormat.ShortId(target.Reference)));
                }

                yield break;
            }

            var recordEndpoint = ResolveEndpoint();
            foreach (var name in Container)
            {
                yield return (recordEndpoint, name.TrimStart('/'), name);
            }
        }
    }
}
