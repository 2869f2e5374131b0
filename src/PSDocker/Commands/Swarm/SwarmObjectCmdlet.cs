using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>
    /// Get- for a kind of swarm object (services, secrets, configs): -Name and -Id as every listing selects them
    /// (<see cref="TargetResolver{T}"/>), -Label on the object's labels; one listing request.
    /// </summary>
    public abstract class SwarmListCmdlet<T> : DockerCmdlet where T : DockerObject
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        /// <summary>
        /// <para type="description">Names of the objects to get; wildcards allowed. A name without wildcards that matches nothing is an error.</para>
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.SwarmNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>
        /// <para type="description">Ids of the objects to get: a unique prefix, or a wildcard pattern over the full id.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>
        /// <para type="description">Only objects with these labels: 'key' or 'key=value'; all must match.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Label { get; set; }

        internal abstract TargetResolver<T> Kind { get; }

        internal abstract IReadOnlyDictionary<string, string> LabelsOf(T item);

        /// <summary>The listing (a kind may ask the engine to filter it); by default all of the kind.</summary>
        internal virtual List<T> List(DockerSession session, DockerEndpoint endpoint) =>
            Call(session, Kind.Subject, endpoint.Host, ct => Kind.List(session, endpoint, ct));

        /// <summary>Whether the listing was narrowed by more than -Label (for the not-found message).</summary>
        internal virtual bool Filtered => false;

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            try
            {
                var all = List(session, endpoint);
                var kept = Label is null ? all : all.Where(item => Arguments.FilterArgument.HasLabels(LabelsOf(item), Label)).ToList();
                WriteObject(Name is null && Id is null ? kept : Kind.Select(this, kept, Name, Id, filtered: Label != null || Filtered, endpoint), enumerateCollection: true);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }

    /// <summary>
    /// Remove- for a kind of swarm object: -Name (wildcards expanded) or -InputObject (objects of the kind, or
    /// names), ShouldProcess per object, the removals side by side (-ThrottleLimit), one error per failure in input order.
    /// </summary>
    public abstract class SwarmRemoveCmdlet<T> : DockerCmdlet where T : DockerObject
    {
        private const string ByName = "ByName";
        private const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">Names (or ids) of the objects to remove. Wildcards select among existing ones.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.SwarmNameCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Objects of the kind from its Get- cmdlet, each removed from the swarm it came from, or names as strings.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>
        /// <para type="description">How many are removed at once (confirmations and errors stay on the pipeline, in input order). The default is 8.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        internal abstract TargetResolver<T> Kind { get; }

        /// <summary>The engine call that removes one.</summary>
        internal abstract Task RemoveAsync(DockerSession session, string reference, CancellationToken ct);

        /// <summary>The error for one the engine refuses because services use it (null: the engine's own error).</summary>
        internal virtual DockerPSException? InUse(DockerTarget target, DockerPSException error) => null;

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var targets = ParameterSetName == ByInputObject ? Kind.FromPipeline(this, InputObject) : Kind.Resolve(this, Name, byId: false);
            foreach (var target in targets)
            {
                var session = GetSession(target.Endpoint);
                if (!ShouldProcess(target.Display, "Remove " + Kind.KindWord))
                {
                    continue;
                }

                RunSideBySide(ThrottleLimit, Kind.Subject, session, target, ct => RemoveOneAsync(session, target, ct));
            }
        }

        private async Task<Action?> RemoveOneAsync(DockerSession session, DockerTarget target, CancellationToken ct)
        {
            try
            {
                await BulkRunner.Engine(session, Kind.Subject, target.UserTarget, ct, () => RemoveAsync(session, target.Reference, ct)).ConfigureAwait(false);
                return null;
            }
            catch (DockerPSException e) when (e.ErrorId == Kind.Subject + "NotFound")
            {
                throw Kind.Missing(target, e);
            }
            catch (DockerPSException e) when (e.Message.IndexOf("in use", StringComparison.OrdinalIgnoreCase) >= 0 && InUse(target, e) is DockerPSException inUse)
            {
                throw inUse;
            }
        }
    }
}
