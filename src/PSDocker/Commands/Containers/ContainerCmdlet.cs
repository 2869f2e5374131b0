using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>One container a cmdlet acts on: where it lives, how to name it to the API, how to name it to the user.</summary>
    internal sealed class ContainerTarget
    {
        public ContainerTarget(DockerEndpoint endpoint, string reference, string display, object userTarget, string? name = null)
        {
            Endpoint = endpoint;
            Reference = reference;
            Display = display;
            UserTarget = userTarget;
            Name = string.IsNullOrEmpty(name) ? reference : name!;
        }

        public DockerEndpoint Endpoint { get; }

        /// <summary>Id or name as the API takes it.</summary>
        public string Reference { get; }

        /// <summary>For ShouldProcess and messages.</summary>
        public string Display { get; }

        /// <summary>What the user named (the ErrorRecord's TargetObject).</summary>
        public object UserTarget { get; }

        /// <summary>The container's name when known, else the id or name the user gave: for the Container property of output objects.</summary>
        public string Name { get; }
    }

    /// <summary>
    /// The base of cmdlets that act on existing containers: -Name (wildcards), -Id, or container objects
    /// from the pipeline (each on the engine it came from). Per-container failures are non-terminating.
    /// </summary>
    public abstract class ContainerCmdlet : DockerCmdlet
    {
        internal const string ByName = "ByName";
        internal const string ById = "ById";
        internal const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">Names of the containers. Wildcards select among existing containers.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Names", "ContainerName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerNameCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Ids of the containers (a unique prefix is enough).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
        [Alias("ContainerId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Containers from Get-DockerContainer; each is acted on in the engine it came from.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public DockerContainer[] InputObject { get; set; } = Array.Empty<DockerContainer>();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (var target in ResolveTargets())
            {
                var session = GetSession(target.Endpoint);
                try
                {
                    ProcessContainer(session, target);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, e.Target ?? target.UserTarget);
                }
            }
        }

        /// <summary>Acts on one container. Throw <see cref="DockerPSException"/> (via <see cref="DockerCmdlet.Call{T}"/>) to report a per-item error.</summary>
        internal abstract void ProcessContainer(DockerSession session, ContainerTarget target);

        /// <summary>The containers this record names, wildcards expanded (no match: nothing, as for Get-Process).</summary>
        internal IEnumerable<ContainerTarget> ResolveTargets()
        {
            if (ParameterSetName == ByInputObject)
            {
                foreach (var container in InputObject)
                {
                    var endpoint = EndpointOf(container);
                    yield return new ContainerTarget(endpoint, container.Id, Describe(container.Name, container.Id), container, container.Name);
                }

                yield break;
            }

            var endpointForRecord = ResolveEndpoint();
            var values = ParameterSetName == ById ? Id : Name;
            IList<ContainerListResponse>? all = null;
            foreach (var raw in values)
            {
                var value = ParameterSetName == ById ? raw : raw.TrimStart('/');
                if (!WildcardPattern.ContainsWildcardCharacters(value))
                {
                    yield return new ContainerTarget(endpointForRecord, value, value, raw);
                    continue;
                }

                if (all is null)
                {
                    var session = GetSession(endpointForRecord);
                    all = Call(session, "Container", value, ct => session.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct));
                }

                var pattern = new WildcardPattern(value, WildcardOptions.IgnoreCase);
                foreach (var match in all)
                {
                    var names = (match.Names ?? new List<string>()).Select(ContainerMapper.TrimName).ToList();
                    var hit = ParameterSetName == ById ? pattern.IsMatch(match.ID) : names.Any(pattern.IsMatch);
                    if (hit)
                    {
                        var name = ContainerMapper.PrimaryName(match.Names) ?? match.ID;
                        yield return new ContainerTarget(endpointForRecord, match.ID, Describe(name, match.ID), name, name);
                    }
                }
            }
        }

        internal static string Describe(string name, string id)
        {
            var shortId = id.Length > 12 ? id.Substring(0, 12) : id;
            return string.IsNullOrEmpty(name) || name == id ? shortId : name + " (" + shortId + ")";
        }

        /// <summary>The list view of one container, for -PassThru.</summary>
        internal DockerContainer FetchContainer(DockerSession session, ContainerTarget target) =>
            ContainerLookup.Fetch(this, session, target.Endpoint, target.Reference, target.UserTarget);
    }
}
