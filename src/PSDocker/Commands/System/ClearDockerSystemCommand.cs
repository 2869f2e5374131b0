using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.SystemCommands
{
    /// <summary>
    /// docker system prune, and container/image/network/volume prune with -Type. The engine's prune endpoints
    /// have no dry run and would also take what appears after a listing, so the candidates are found here by
    /// the engine's rules (<see cref="Pruner"/>), confirmed one by one, and removed one by one: what -WhatIf
    /// lists is exactly what a real run removes.
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "DockerSystem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DockerPruneResult))]
    public sealed class ClearDockerSystemCommand : DockerCmdlet
    {
        private static readonly PruneKind[] DefaultKinds = { PruneKind.Container, PruneKind.Network, PruneKind.Image };

        /// <summary>
        /// <para type="description">What to prune: Container, Image, Network, Volume. The default is Container, Image and Network, as docker system prune; add Volume for its --volumes.</para>
        /// </summary>
        [Parameter(Position = 0)]
        [ValidateSet("Container", "Image", "Network", "Volume", IgnoreCase = true)]
        public string[]? Type { get; set; }

        /// <summary>
        /// <para type="description">Remove every image no container uses, not only dangling (untagged) ones (docker image prune --all).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter AllImages { get; set; }

        /// <summary>
        /// <para type="description">Which objects qualify, as docker system prune --filter: @{until='24h'; label='env=test'; 'label!'='keep'}. until takes a DateTime or a duration back from now; volumes take no until.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Filter { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var kinds = (Type ?? DefaultKinds.Select(k => k.ToString()).ToArray())
                .Select(t => (PruneKind)Enum.Parse(typeof(PruneKind), t, ignoreCase: true))
                .Distinct()
                .ToList();
            PruneFilter filter;
            try
            {
                filter = PruneFilter.Parse(Filter, DateTime.UtcNow);
                if (filter.Until != null && kinds.Contains(PruneKind.Volume))
                {
                    throw new DockerPSException(SystemMessages.PruneVolumesHaveNoUntil, "InvalidPruneFilter", ErrorCategory.InvalidArgument, Filter);
                }
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            var session = GetSession(out var endpoint);
            List<PruneCandidate> candidates;
            try
            {
                candidates = Call(session, "Prune", endpoint.Host, ct => Pruner.FindAsync(session, kinds, filter, AllImages.IsPresent, ct));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            WriteVerbose(UserText.Format(SystemMessages.PruneCandidates, candidates.Count, string.Join(", ", kinds)));
            var removed = new List<PruneCandidate>();
            var goneContainers = new HashSet<string>(StringComparer.Ordinal);
            var whatIf = false;
            foreach (var candidate in candidates.OrderBy(c => c.Kind))
            {
                // Unused only once the containers that use it are gone: kept when one of them stays.
                var staying = candidate.DependsOn.FirstOrDefault(id => !goneContainers.Contains(id));
                if (staying != null)
                {
                    WriteVerbose(UserText.Format(SystemMessages.PruneKeptForContainer, Describe(candidate), Formats.DockerFormat.ShortId(staying)));
                    continue;
                }

                var action = "Remove unused " + candidate.Kind.ToString().ToLowerInvariant();
                var description = UserText.Format(SystemMessages.PruneWhatIf, action, candidate.Display);
                if (!ShouldProcess(description, UserText.Format(SystemMessages.PruneConfirm, candidate.Display), action, out var reason))
                {
                    if (reason == ShouldProcessReason.WhatIf)
                    {
                        whatIf = true;
                        if (candidate.Kind == PruneKind.Container)
                        {
                            goneContainers.Add(candidate.Id);
                        }
                    }

                    continue;
                }

                try
                {
                    Call(session, candidate.Kind.ToString(), candidate.Display, ct => Pruner.RemoveAsync(session, candidate, ct));
                    removed.Add(candidate);
                    if (candidate.Kind == PruneKind.Container)
                    {
                        goneContainers.Add(candidate.Id);
                    }
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, candidate.Display);
                }
            }

            if (whatIf)
            {
                return;
            }

            WriteObject(DockerEndpoint.Stamp(new DockerPruneResult
            {
                Removed = removed.Select(c => new DockerPruneItem(c.Kind.ToString(), c.Id, c.Name, c.Size)).ToArray(),
                ContainersDeleted = removed.Where(c => c.Kind == PruneKind.Container).Select(c => c.Id).ToArray(),
                ImagesDeleted = removed.Where(c => c.Kind == PruneKind.Image).Select(c => c.Id).ToArray(),
                NetworksDeleted = removed.Where(c => c.Kind == PruneKind.Network).Select(c => c.Name).ToArray(),
                VolumesDeleted = removed.Where(c => c.Kind == PruneKind.Volume).Select(c => c.Name).ToArray(),
                SpaceReclaimed = removed.Sum(c => c.Size ?? 0),
            }, endpoint));
        }

        private static string Describe(PruneCandidate candidate) => candidate.Kind.ToString().ToLowerInvariant() + " " + candidate.Display;
    }
}
