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
        protected override void ProcessEngineRecord()
        {
            foreach (var target in ResolveTargets())
            {
                var session = GetSession(target.Endpoint);
                try
                {
                    if (Parallelism > 0)
                    {
                        var work = Prepare(session, target);
                        if (work != null)
                        {
                            RunSideBySide(Parallelism, "Container", session, target, work);
                        }

                        continue;
                    }

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

        /// <summary>
        /// How many engine calls a verb that acts in bulk runs at once (its -ThrottleLimit); 0, the default, acts on
        /// one container after the other through <see cref="ProcessContainer"/>.
        /// </summary>
        internal virtual int Parallelism => 0;

        /// <summary>
        /// For verbs with <see cref="Parallelism"/>: asks ShouldProcess on the pipeline thread and returns the engine
        /// work for one container (null when the answer was no). The work runs off the pipeline thread, so it
        /// writes nothing: the action it returns runs on the pipeline thread, in input order, to write what there
        /// is to write, and what it throws is that item's error.
        /// </summary>
        internal virtual Func<CancellationToken, Task<Action?>>? Prepare(DockerSession session, DockerTarget target) => null;

        /// <summary>
        /// The usual bulk work: ShouldProcess for <paramref name="action"/>, then <paramref name="request"/> (its
        /// result, when not null, is a verbose line), then with -PassThru the container as it is now.
        /// </summary>
        internal Func<CancellationToken, Task<Action?>>? Bulk(DockerSession session, DockerTarget target, string action, bool passThru, Func<CancellationToken, Task<string?>> request)
        {
            if (!ShouldProcess(target.Display, action))
            {
                return null;
            }

            return async ct =>
            {
                var note = await request(ct).ConfigureAwait(false);
                return () =>
                {
                    if (note != null)
                    {
                        WriteVerbose(note);
                    }

                    if (passThru)
                    {
                        WriteObject(FetchContainer(session, target));
                    }
                };
            };
        }

        /// <summary>One engine call of bulk work, its failure mapped as <see cref="DockerCmdlet.Call{T}"/> maps it.</summary>
        internal static Task Engine(DockerSession session, DockerTarget target, CancellationToken ct, Func<Task> call) =>
            BulkRunner.Engine(session, "Container", target.UserTarget, ct, call);

        /// <summary>For <see cref="ProcessContainer"/> of a bulk verb: the same work, at once, on the pipeline thread.</summary>
        internal void RunNow(Func<CancellationToken, Task<Action?>>? work)
        {
            if (work != null)
            {
                Wait(work)?.Invoke();
            }
        }

        /// <summary>The containers this record names, wildcards expanded (no match: nothing, as for Get-Process).</summary>
        internal IEnumerable<DockerTarget> ResolveTargets() => ParameterSetName == ByInputObject
            ? Targets.Containers.FromPipeline(this, InputObject)
            : Targets.Containers.Resolve(this, ParameterSetName == ById ? Id : Name, ParameterSetName == ById);

        /// <summary>The list view of one container, for -PassThru.</summary>
        internal DockerContainer FetchContainer(DockerSession session, DockerTarget target) =>
            ContainerLookup.Fetch(this, session, target.Endpoint, target.Reference, target.UserTarget);
    }
}
