using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>
    /// -Wait of New- and Update-DockerService: polls the service until its tasks run (and a rolling update has
    /// ended), writing progress as docker service create/update without --detach does. An update that pauses or
    /// rolls back, or tasks that keep failing with no progress for a minute, end the wait with a typed error.
    /// </summary>
    /// <remarks>An update status that started when the update before this one did (previousUpdateStart) is not this one's.</remarks>
    internal static class ServiceConvergence
    {
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
        private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(60);

        public static void Wait(DockerCmdlet cmdlet, DockerSession session, string serviceId, string display, bool rollingUpdate, DateTime? previousUpdateStart = null)
        {
            var activity = (rollingUpdate ? "Updating service " : "Starting service ") + display;
            var lastProgress = DateTime.UtcNow;
            var lastRunning = -1L;
            var shown = false;
            try
            {
                while (true)
                {
                    var listed = cmdlet.Call(session, "Service", display, ct => session.Client.Swarm.ListServicesAsync(new ServiceListParameters
                    {
                        Status = true,
                        Filters = new Dictionary<string, IDictionary<string, bool>> { ["id"] = new Dictionary<string, bool> { [serviceId] = true } },
                    }, ct)).FirstOrDefault(s => s.ID == serviceId);
                    if (listed is null)
                    {
                        throw new DockerPSException("The service " + display + " was removed while waiting for it.", "ServiceNotFound", ErrorCategory.ObjectNotFound, display);
                    }

                    var tasks = cmdlet.Call(session, "Service", display, ct => session.Client.Tasks.ListAsync(new TasksListParameters
                    {
                        Filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [serviceId] = true } },
                    }, ct));
                    var desired = (long)(listed.ServiceStatus?.DesiredTasks ?? 0);
                    var current = Fingerprint(listed.Spec?.TaskTemplate);
                    var running = tasks.LongCount(t => t.DesiredState == TaskState.Running && t.Status?.State == TaskState.Running && Fingerprint(t.Spec) == current);
                    var update = listed.UpdateStatus;
                    var updateIsOurs = update?.StartedAt is DateTime started && started != previousUpdateStart;
                    var updateState = updateIsOurs ? update!.State ?? string.Empty : string.Empty;

                    if (rollingUpdate && updateState == "paused")
                    {
                        throw new DockerPSException("The update of service " + display + " paused: " + update!.Message + ". Get-DockerTask -Service " + display + " shows the failed tasks; Update-DockerService -Rollback goes back to the previous settings.", "ServiceUpdatePaused", ErrorCategory.InvalidResult, display);
                    }

                    if (rollingUpdate && (updateState == "rollback_started" || updateState == "rollback_completed" || updateState == "rollback_paused"))
                    {
                        throw new DockerPSException("The update of service " + display + " failed and was rolled back: " + update!.Message + ". The service runs its previous settings again; Get-DockerTask -Service " + display + " shows why the new tasks failed.", "ServiceUpdateRolledBack", ErrorCategory.InvalidResult, display);
                    }

                    // Converged: as many running tasks of the current settings as are wanted, and no update still rolling.
                    var updating = updateState == "updating";
                    if (!updating && running >= desired && (desired > 0 || listed.Spec?.Mode?.Replicated?.Replicas == 0))
                    {
                        return;
                    }

                    if (running != lastRunning)
                    {
                        lastRunning = running;
                        lastProgress = DateTime.UtcNow;
                    }

                    var failure = LastTaskError(tasks);
                    var status = running + "/" + desired + " tasks running" + (updateState.Length > 0 ? " (" + updateState + ")" : string.Empty) + (failure != null ? "; last task error: " + failure : string.Empty);
                    cmdlet.WriteProgress(new ProgressRecord(1, activity, status) { PercentComplete = desired > 0 ? (int)Math.Min(100, running * 100 / desired) : -1 });
                    shown = true;
                    if (failure != null && DateTime.UtcNow - lastProgress > Stalled)
                    {
                        throw new DockerPSException("Service " + display + " is not converging: " + running + " of " + desired + " tasks run, and its tasks fail with: " + failure + ". The service stays as it is; fix what the error names (Update-DockerService) or remove it (Remove-DockerService).", "ServiceNotConverging", ErrorCategory.OperationTimeout, display);
                    }

                    cmdlet.Wait(ct => System.Threading.Tasks.Task.Delay(Poll, ct));
                }
            }
            finally
            {
                if (shown)
                {
                    cmdlet.WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
        }

        /// <summary>The error of the newest task that failed, was rejected, or waits unscheduled (no suitable node), if any.</summary>
        private static string? LastTaskError(IEnumerable<TaskResponse> tasks) =>
            tasks
                .Where(t => (t.Status?.State == TaskState.Failed || t.Status?.State == TaskState.Rejected || (t.Status?.State == TaskState.Pending && t.DesiredState == TaskState.Running)) && !string.IsNullOrEmpty(t.Status?.Err))
                .OrderByDescending(t => t.Status?.Timestamp ?? DateTime.MinValue)
                .FirstOrDefault()?.Status?.Err;

        /// <summary>
        /// What tells a task of the current settings from one of earlier settings (the engine normalises the rest of
        /// the spec differently in tasks and services): image, command, environment, secrets, configs, mounts, networks, stop grace period, user, directory, host name, force count.
        /// </summary>
        private static string Fingerprint(TaskSpec? spec)
        {
            var c = spec?.ContainerSpec;
            return string.Join("\u0001", new[]
            {
                c?.Image ?? string.Empty,
                string.Join("\u0002", c?.Command ?? new List<string>()),
                string.Join("\u0002", c?.Args ?? new List<string>()),
                string.Join("\u0002", c?.Env ?? new List<string>()),
                string.Join("\u0002", (c?.Secrets ?? new List<SecretReference>()).Select(r => r.SecretID)),
                string.Join("\u0002", (c?.Configs ?? new List<SwarmConfigReference>()).Select(r => r.ConfigID)),
                string.Join("\u0002", (c?.Mounts ?? new List<Mount>()).Select(m => m.Type + ":" + m.Source + ":" + m.Target)),
                string.Join("\u0002", (spec?.Networks ?? new List<NetworkAttachmentConfig>()).Select(n => n.Target)),
                (c?.StopGracePeriod ?? TimeSpan.Zero).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c?.User ?? string.Empty,
                c?.Dir ?? string.Empty,
                c?.Hostname ?? string.Empty,
                (spec?.ForceUpdate ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
    }
}
