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
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [Alias("Names", "ContainerName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerNameCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Ids of the containers (a unique prefix is enough).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ById)]
        [Alias("ContainerId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Containers from Get-DockerContainer (also its -Inspect view, Wait-DockerContainer's results and Get-DockerContainerStatistic's rows), each acted on in the engine it came from, or container names as strings. Objects of any other kind, such as a volume or a file, are refused with the error InputNotAContainer and nothing is done with them.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

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
        internal abstract void ProcessContainer(DockerSession session, DockerTarget target);

        /// <summary>The containers this record names, wildcards expanded (no match: nothing, as for Get-Process).</summary>
        internal IEnumerable<DockerTarget> ResolveTargets() => ParameterSetName == ByInputObject
            ? Targets.Containers.FromPipeline(this, InputObject)
            : Targets.Containers.Resolve(this, ParameterSetName == ById ? Id : Name, ParameterSetName == ById);

        /// <summary>The list view of one container, for -PassThru.</summary>
        internal DockerContainer FetchContainer(DockerSession session, DockerTarget target) =>
            ContainerLookup.Fetch(this, session, target.Endpoint, target.Reference, target.UserTarget);
    }
}
