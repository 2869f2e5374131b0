using System;
using System.Collections.Generic;
using System.Management.Automation;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>The nodes Update- and Remove-DockerNode act on: -Id (ids, unique prefixes, host names; patterns expanded) or -InputObject.</summary>
    public abstract class NodeTargetCmdlet : DockerCmdlet
    {
        private const string ById = "ById";
        private const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">Ids (or unique id prefixes, or host names) of the nodes to act on.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById)]
        [Alias("NodeId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.NodeCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Nodes from Get-DockerNode (or tasks from Get-DockerTask: their nodes), or node ids as strings.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>The nodes this record names.</summary>
        internal IEnumerable<DockerTarget> NodeTargets() =>
            ParameterSetName == ByInputObject ? Targets.Nodes.FromPipeline(this, InputObject, nameParameter: "Id") : Targets.Nodes.Resolve(this, Id, byId: true);
    }
}
