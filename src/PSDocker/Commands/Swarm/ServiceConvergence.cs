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
    internal static class ServiceConvergence
    {
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
        private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(60);

        public static void Wait(DockerCmdlet cmdlet, DockerSession session, string serviceId, string display, bool rollingUpdate)
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

                    var running = (long)(listed.ServiceStatus?.RunningTasks ?? 0);
                    var desired = (long)(listed.ServiceStatus?.DesiredTasks ?? 0);
                    var update = listed.UpdateStatus;
                    var updateIsOurs = update?.StartedAt is DateTime started && listed.UpdatedAt is DateTime updated && started >= updated.AddSeconds(-1);
                    var updateState = updateIsOurs ? update!.State ?? string.Empty : string.Empty;

                    if (rollingUpdate && updateState == "paused")
                    {
                        throw new DockerPSException("The update of service " + display + " paused: " + update!.Message + ". Get-DockerTask -Service " + display + " shows the failed tasks; Update-DockerService -Rollback goes back to the previous settings.", "ServiceUpdatePaused", ErrorCategory.InvalidResult, display);
                    }

                    if (rollingUpdate && (updateState == "rollback_completed" || updateState == "rollback_paused"))
                    {
                        throw new DockerPSException("The update of service " + display + " failed and was rolled back: " + update!.Message + ". The service runs its previous settings again; Get-DockerTask -Service " + display + " shows why the new tasks failed.", "ServiceUpdateRolledBack", ErrorCategory.InvalidResult, display);
                    }

                    var updateDone = !rollingUpdate || updateState == "completed";
                    if (updateDone && running >= desired && (desired > 0 || listed.Spec?.Mode?.Replicated?.Replicas == 0))
                    {
                        return;
                    }

                    if (running != lastRunning)
                    {
                        lastRunning = running;
                        lastProgress = DateTime.UtcNow;
                    }

                    var failure = LastTaskError(cmdlet, session, serviceId, display);
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

        /// <summary>The error of the newest task that failed or was rejected, if any.</summary>
        private static string? LastTaskError(DockerCmdlet cmdlet, DockerSession session, string serviceId, string display)
        {
            var tasks = cmdlet.Call(session, "Service", display, ct => session.Client.Tasks.ListAsync(new TasksListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [serviceId] = true } },
            }, ct));
            var failed = tasks
                .Where(t => (t.Status?.State == TaskState.Failed || t.Status?.State == TaskState.Rejected) && !string.IsNullOrEmpty(t.Status?.Err))
                .OrderByDescending(t => t.Status?.Timestamp ?? DateTime.MinValue)
                .FirstOrDefault();
            return failed?.Status?.Err;
        }
    }
}
