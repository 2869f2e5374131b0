using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using PSDocker.Connection;

namespace PSDocker.Pipeline
{
    /// <summary>
    /// A Get- cmdlet given several engines (-Context a, b or -DockerHost x, y): its work runs once per engine,
    /// side by side, on threads of this cmdlet (<see cref="RunOnThreads"/>), or for a cmdlet that keeps state
    /// across its work in runspaces of a pool the module keeps (<see cref="Run"/>); what each writes reaches
    /// this pipeline as it comes, on the pipeline thread. Every object carries its own engine; an engine that fails
    /// is one non-terminating error naming it, and the others still answer.
    /// </summary>
    internal static class EngineFanOut
    {
        private static readonly object PoolLock = new object();
        private static RunspacePool? _pool;
        private static string? _poolModule;

        /// <summary>The most engines asked at once.</summary>
        private const int MaxParallel = 16;

        // The command runs with the caller's parameters, one engine, and the caller's request timeout.
        private const string Script = "param($__command, $__parameters, $__timeout) if ($null -ne $__timeout) { $PSDockerRequestTimeoutSec = $__timeout }; & $__command @__parameters";

        /// <summary>The engines a record names, when it names more than one: (parameter, value) pairs.</summary>
        public static List<(string Parameter, string Value)>? Engines(string[]? contexts, string[]? hosts)
        {
            // Every call of every cmdlet asks: the usual one value (or none) of each is answered without a list.
            if ((contexts is null || contexts.Length < 2) && (hosts is null || hosts.Length < 2))
            {
                return null;
            }

            var engines = new List<(string, string)>();
            foreach (var context in (contexts ?? Array.Empty<string>()).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal))
            {
                engines.Add(("Context", context));
            }

            foreach (var host in (hosts ?? Array.Empty<string>()).Where(h => !string.IsNullOrEmpty(h)).Distinct(StringComparer.Ordinal))
            {
                engines.Add(("DockerHost", host));
            }

            // One context and one host together is one engine (what a piped object carries).
            var severalContexts = engines.Count(e => e.Item1 == "Context") > 1;
            var severalHosts = engines.Count(e => e.Item1 == "DockerHost") > 1;
            return severalContexts || severalHosts ? engines : null;
        }

        /// <summary>
        /// Runs <paramref name="cmdlet"/>'s work for one record once per engine, side by side, each on its own thread of
        /// this one cmdlet (no runspace, no second binding: what costs most in <see cref="Run"/>). What a thread
        /// writes is queued and written here, on the pipeline thread, in the order that engine wrote it; a
        /// terminating error of one engine is its non-terminating error and the others go on. Returns when all have ended.
        /// </summary>
        public static void RunOnThreads(DockerCmdlet cmdlet, List<(string Parameter, string Value)> engines)
        {
            var timeout = cmdlet.RequestTimeout(); // read here: a variable is the pipeline thread's to read
            var writes = new BlockingCollection<Action>();
            var remaining = engines.Count;
            var culture = Thread.CurrentThread.CurrentCulture;
            var uiCulture = Thread.CurrentThread.CurrentUICulture;
            foreach (var (parameter, value) in engines)
            {
                var lane = new EngineLane(cmdlet, parameter, value, timeout, writes);
                LaneThreads.Start(() =>
                {
                    Thread.CurrentThread.CurrentCulture = culture;
                    Thread.CurrentThread.CurrentUICulture = uiCulture;
                    DockerCmdlet.EnterLane(lane, () => RunLane(cmdlet, lane, () => remaining--));
                });
            }

            try
            {
                while (remaining > 0)
                {
                    writes.Take(cmdlet.StopToken)();
                }
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch
            {
                // A write failed (a stop downstream, Select-Object -First, a terminating error): the others' work ends too.
                cmdlet.StopWork();
                throw;
            }
        }

        private static void RunLane(DockerCmdlet cmdlet, EngineLane lane, Action ended)
        {
            ErrorRecord? failed = null;
            try
            {
                cmdlet.ProcessEngineRecordInLane();
            }
            catch (EngineLane.Ended e)
            {
                failed = e.Record;
            }
            catch (DockerPSException e)
            {
                failed = e.ToErrorRecord();
            }
            catch (Exception e) when (e is PipelineStoppedException || (e is OperationCanceledException && cmdlet.StopToken.IsCancellationRequested))
            {
                // Stopped: nothing more to say.
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                failed = new ErrorRecord(e, "DockerEngineFailed", ErrorCategory.NotSpecified, lane.Value);
            }

            lane.Post(() =>
            {
                if (failed != null && !cmdlet.StopToken.IsCancellationRequested)
                {
                    cmdlet.WriteError(failed);
                }

                ended(); // on the pipeline thread, as the count is read there
            });
        }

        /// <summary>Runs <paramref name="cmdlet"/>'s command once per engine and writes what they write; returns when all have ended.</summary>
        public static void Run(DockerCmdlet cmdlet, List<(string Parameter, string Value)> engines)
        {
            var command = cmdlet.MyInvocation.MyCommand;
            var pool = Pool(command.Module?.ModuleBase);
            var timeout = cmdlet.SessionState.PSVariable.GetValue(DockerCmdlet.RequestTimeoutVariable);
            var events = new BlockingCollection<Action>();
            var running = new List<PowerShell>();
            var remaining = engines.Count;
            try
            {
                foreach (var (parameter, value) in engines)
                {
                    var parameters = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (var bound in cmdlet.MyInvocation.BoundParameters)
                    {
                        if (!string.Equals(bound.Key, "Context", StringComparison.OrdinalIgnoreCase) && !string.Equals(bound.Key, "DockerHost", StringComparison.OrdinalIgnoreCase))
                        {
                            parameters[bound.Key] = bound.Value;
                        }
                    }

                    parameters[parameter] = new[] { value };
                    var ps = PowerShell.Create();
                    ps.RunspacePool = pool;
                    var qualified = command.Module?.Name + "\\" + command.Name;
                    if (timeout is null)
                    {
                        // The usual case: the command itself, nothing to parse.
                        ps.AddCommand(qualified).AddParameters(parameters);
                    }
                    else
                    {
                        ps.AddScript(Script).AddArgument(qualified).AddArgument(parameters).AddArgument(timeout);
                    }
                    running.Add(ps);

                    var output = new PSDataCollection<PSObject>();
                    output.DataAdded += (_, e) =>
                    {
                        var item = output[e.Index];
                        events.Add(() => cmdlet.WriteObject(item));
                    };
                    ps.Streams.Error.DataAdded += (_, e) =>
                    {
                        var record = ps.Streams.Error[e.Index];
                        events.Add(() => cmdlet.WriteError(record));
                    };
                    ps.Streams.Warning.DataAdded += (_, e) =>
                    {
                        var record = ps.Streams.Warning[e.Index];
                        events.Add(() => cmdlet.WriteWarning(record.Message));
                    };
                    ps.Streams.Verbose.DataAdded += (_, e) =>
                    {
                        var record = ps.Streams.Verbose[e.Index];
                        events.Add(() => cmdlet.WriteVerbose(record.Message));
                    };
                    var engine = value;
                    ps.BeginInvoke<PSObject, PSObject>(null, output, null, done =>
                    {
                        ErrorRecord? failed = null;
                        try
                        {
                            ps.EndInvoke(done);
                        }
                        catch (RuntimeException e)
                        {
                            // A terminating error of one engine (it cannot be reached, say) is that engine's error.
                            failed = e.ErrorRecord ?? new ErrorRecord(e, "DockerEngineFailed", ErrorCategory.NotSpecified, engine);
                        }
                        catch (Exception e) when (!(e is OutOfMemoryException))
                        {
                            failed = new ErrorRecord(e, "DockerEngineFailed", ErrorCategory.NotSpecified, engine);
                        }

                        events.Add(() =>
                        {
                            if (failed != null && !cmdlet.StopToken.IsCancellationRequested)
                            {
                                cmdlet.WriteError(failed);
                            }

                            remaining--;
                        });
                    }, null);
                }

                while (remaining > 0)
                {
                    Action next;
                    try
                    {
                        next = events.Take(cmdlet.StopToken);
                    }
                    catch (OperationCanceledException)
                    {
                        throw new PipelineStoppedException();
                    }

                    next();
                }
            }
            finally
            {
                foreach (var ps in running)
                {
                    if (ps.InvocationStateInfo.State == PSInvocationState.Running)
                    {
                        ps.BeginStop(stopped => ps.Dispose(), null);
                    }
                    else
                    {
                        ps.Dispose();
                    }
                }
            }
        }

        /// <summary>The module's runspace pool (made on first use, with the module imported from where it was loaded).</summary>
        private static RunspacePool Pool(string? moduleBase)
        {
            lock (PoolLock)
            {
                if (_pool != null && string.Equals(_poolModule, moduleBase, StringComparison.Ordinal))
                {
                    return _pool;
                }

                var state = InitialSessionState.CreateDefault2();
                if (moduleBase != null)
                {
                    state.ImportPSModule(new[] { Path.Combine(moduleBase, "PSDocker.psd1") });
                }

                var pool = RunspaceFactory.CreateRunspacePool(state);
                pool.SetMaxRunspaces(MaxParallel);
                pool.Open();
                _pool = pool;
                _poolModule = moduleBase;
                return pool;
            }
        }
    }
}
