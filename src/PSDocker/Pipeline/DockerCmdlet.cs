using System;
using System.Linq;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;

namespace PSDocker.Pipeline
{
    /// <summary>
    /// The base of every PSDocker cmdlet: finds the engine (-DockerHost / -Context / environment), owns the
    /// session lookup, the stop token (StopProcessing cancels it and closes open streams) and the async
    /// bridge, and turns failures into ErrorRecords through <see cref="DockerErrorMapper"/>.
    /// </summary>
    public abstract class DockerCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly List<IDisposable> _openStreams = new List<IDisposable>();
        private bool _disposed;

        /// <summary>
        /// <para type="description">The engine to talk to, as the docker CLI's -H: unix:///path, tcp://host:port, npipe:////./pipe/name. Empty means: as the environment says (objects from the default engine carry an empty Context).</para>
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[]? DockerHost { get; set; }

        /// <summary>
        /// <para type="description">The docker context to use, as the docker CLI's --context.</para>
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        [ArgumentCompleter(typeof(Completers.ContextCompleter))]
        public string[]? Context { get; set; }

        /// <summary>
        /// One record: the cmdlet's work (<see cref="ProcessEngineRecord"/>), or, for Get- and Test- cmdlets given
        /// several engines, that work once per engine, side by side (<see cref="EngineFanOut"/>).
        /// </summary>
        protected sealed override void ProcessRecord()
        {
            var engines = EngineFanOut.Engines(Context, DockerHost);
            if (engines != null && (MyInvocation.MyCommand is CmdletInfo info) && (info.Verb == VerbsCommon.Get || info.Verb == VerbsDiagnostic.Test))
            {
                if (FansOutOnThreads)
                {
                    EngineFanOut.RunOnThreads(this, engines);
                }
                else
                {
                    EngineFanOut.Run(this, engines);
                }

                return;
            }

            ProcessEngineRecord();
        }

        /// <summary>The work of one record on one engine (what ProcessRecord is for other cmdlets).</summary>
        protected virtual void ProcessEngineRecord()
        {
        }

        /// <summary>One engine's work of a fan-out on threads, on that lane's thread (its endpoint and writes follow the lane).</summary>
        internal void ProcessEngineRecordInLane() => ProcessEngineRecord();

        /// <summary>Ends the work of this cmdlet's fan-out threads, as Ctrl+C would (their writes are no longer wanted).</summary>
        internal void StopWork() => StopProcessing();

        /// <summary>
        /// Whether several engines' <see cref="ProcessEngineRecord"/> may run side by side on this one cmdlet, each
        /// on its own thread (<see cref="EngineFanOut.RunOnThreads"/>): true unless the cmdlet keeps state across
        /// a record's work (then each engine gets its own copy of the command in a runspace, which costs more).
        /// </summary>
        internal virtual bool FansOutOnThreads => true;

        // The engine one fan-out thread works on, and the way back to the pipeline thread; null on the pipeline thread.
        private static readonly AsyncLocal<EngineLane?> CurrentLane = new AsyncLocal<EngineLane?>();

        /// <summary>The fan-out lane this code runs in, for this cmdlet; null on the pipeline thread.</summary>
        internal EngineLane? Lane => CurrentLane.Value is EngineLane lane && ReferenceEquals(lane.Owner, this) ? lane : null;

        /// <summary>Runs <paramref name="work"/> as the thread of <paramref name="lane"/> (a fan-out thread's whole life).</summary>
        internal static void EnterLane(EngineLane lane, Action work)
        {
            CurrentLane.Value = lane;
            try
            {
                work();
            }
            finally
            {
                CurrentLane.Value = null;
            }
        }

        /// <summary>
        /// Runs <paramref name="write"/> on the pipeline thread: now when this is it, else queued for it (in the
        /// order written) from a fan-out thread, which goes on without waiting.
        /// </summary>
        private void OnPipeline(Action write)
        {
            if (Lane is EngineLane lane)
            {
                lane.Post(write);
            }
            else
            {
                write();
            }
        }

        // The writes every cmdlet and helper makes through this class: safe from a fan-out thread too.

        /// <inheritdoc cref="Cmdlet.WriteObject(object)"/>
        public new void WriteObject(object? sendToPipeline) => OnPipeline(() => base.WriteObject(sendToPipeline));

        /// <inheritdoc cref="Cmdlet.WriteObject(object, bool)"/>
        public new void WriteObject(object? sendToPipeline, bool enumerateCollection) => OnPipeline(() => base.WriteObject(sendToPipeline, enumerateCollection));

        /// <inheritdoc cref="Cmdlet.WriteError(ErrorRecord)"/>
        public new void WriteError(ErrorRecord errorRecord) => OnPipeline(() => base.WriteError(errorRecord));

        /// <inheritdoc cref="Cmdlet.WriteWarning(string)"/>
        public new void WriteWarning(string text) => OnPipeline(() => base.WriteWarning(text));

        /// <inheritdoc cref="Cmdlet.WriteVerbose(string)"/>
        public new void WriteVerbose(string text) => OnPipeline(() => base.WriteVerbose(text));

        /// <inheritdoc cref="Cmdlet.WriteDebug(string)"/>
        public new void WriteDebug(string text) => OnPipeline(() => base.WriteDebug(text));

        /// <inheritdoc cref="Cmdlet.WriteProgress(ProgressRecord)"/>
        public new void WriteProgress(ProgressRecord progressRecord) => OnPipeline(() => base.WriteProgress(progressRecord));

        /// <inheritdoc cref="Cmdlet.WriteInformation(object, string[])"/>
        public new void WriteInformation(object messageData, string[] tags) => OnPipeline(() => base.WriteInformation(messageData, tags));

        /// <inheritdoc cref="Cmdlet.WriteInformation(InformationRecord)"/>
        public new void WriteInformation(InformationRecord informationRecord) => OnPipeline(() => base.WriteInformation(informationRecord));

        /// <summary>
        /// Stops this record's work with <paramref name="errorRecord"/>. On a fan-out thread it ends that engine's
        /// work only (the fan-out writes it as that engine's non-terminating error, and the others go on).
        /// </summary>
        public new void ThrowTerminatingError(ErrorRecord errorRecord)
        {
            if (Lane != null)
            {
                throw new EngineLane.Ended(errorRecord);
            }

            base.ThrowTerminatingError(errorRecord);
        }

        private BulkRunner? _bulk;

        /// <summary>
        /// For verbs that act on many objects side by side: starts one item's engine work (at most
        /// <paramref name="parallelism"/> at once); what it writes reaches the pipeline in input order, the rest in EndProcessing.
        /// </summary>
        internal void RunSideBySide(int parallelism, string subject, DockerSession session, DockerTarget target, Func<CancellationToken, Task<Action?>> work)
        {
            _bulk ??= new BulkRunner(this, parallelism, subject);
            _bulk.Add(session, target, work);
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            _bulk?.Finish();
            base.EndProcessing();
        }

        /// <summary>
        /// ShouldProcess at the High impact level, for one action of a cmdlet whose other actions are Medium (a forced
        /// leave or removal): -WhatIf and -Confirm work as always; otherwise it asks, as a High cmdlet would, unless
        /// $ConfirmPreference is above High (None) or -Confirm:$false was given.
        /// </summary>
        internal bool ShouldProcessHigh(string target, string action)
        {
            if (!ShouldProcess(target, action))
            {
                return false;
            }

            if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) || MyInvocation.BoundParameters.ContainsKey("WhatIf"))
            {
                return true; // -Confirm asked already, -Confirm:$false asks nothing
            }

            var preference = SessionState.PSVariable.GetValue("ConfirmPreference");
            var level = preference is ConfirmImpact impact ? impact
                : LanguagePrimitives.TryConvertTo(PSDocker.Arguments.ArgumentValue.Unwrap(preference), out ConfirmImpact converted) ? converted : ConfirmImpact.High;
            if (level == ConfirmImpact.None || level > ConfirmImpact.High)
            {
                return true;
            }

            return ShouldContinue("Are you sure you want to perform this action?\nPerforming the operation \"" + action + "\" on target \"" + target + "\".", "Confirm");
        }

        /// <summary>Cancelled when the pipeline is stopped (Ctrl+C).</summary>
        internal CancellationToken StopToken => _stopping.Token;

        /// <summary>Resolves where to connect from the parameters and the environment; terminating on bad input.</summary>
        internal DockerEndpoint ResolveEndpoint()
        {
            try
            {
                if (Lane is EngineLane lane)
                {
                    return EndpointResolver.Resolve(lane.DockerHost, lane.Context);
                }

                if (EngineFanOut.Engines(Context, DockerHost) != null)
                {
                    throw new DockerPSException(
                        MyInvocation.MyCommand.Name + " acts on one engine at a time, and -Context or -DockerHost names several. Give one; to act on objects of several engines, pipe them in (each acts where it came from).",
                        "SeveralEnginesNotSupported", ErrorCategory.InvalidArgument, string.Join(", ", (Context ?? Array.Empty<string>()).Concat(DockerHost ?? Array.Empty<string>())));
                }

                return EndpointResolver.Resolve(DockerHost?.FirstOrDefault(h => !string.IsNullOrEmpty(h)), Context?.FirstOrDefault(c => !string.IsNullOrEmpty(c)));
            }
            catch (DockerPSException e)
            {
                ThrowTerminatingError(e.ToErrorRecord());
                throw; // not reached
            }
        }

        /// <summary>
        /// The engine an object from the pipeline came from (its Context, else its DockerHost); objects that name
        /// none use this record's engine. Terminating on a bad host.
        /// </summary>
        internal DockerEndpoint EndpointOf(Model.DockerObject item)
        {
            if (string.IsNullOrEmpty(item.DockerHost) && string.IsNullOrEmpty(item.Context))
            {
                return ResolveEndpoint();
            }

            try
            {
                return EndpointResolver.Resolve(string.IsNullOrEmpty(item.Context) ? item.DockerHost : null, item.Context);
            }
            catch (DockerPSException e)
            {
                ThrowTerminatingError(e.ToErrorRecord());
                throw; // not reached
            }
        }

        /// <summary>
        /// The cached session for the endpoint this record names; connects (one /version) on first use.
        /// Sessions are shared by host, so <paramref name="endpoint"/> (not the session's) says how this
        /// record reached it: output objects are stamped from it.
        /// </summary>
        internal DockerSession GetSession(out DockerEndpoint endpoint)
        {
            endpoint = ResolveEndpoint();
            return GetSession(endpoint);
        }

        internal DockerSession GetSession(DockerEndpoint endpoint)
        {
            try
            {
                var timeout = RequestTimeout();
                return Await(ct => DockerSessionCache.GetAsync(endpoint, timeout, ct));
            }
            catch (DockerPSException e)
            {
                ThrowTerminatingError(e.ToErrorRecord());
                throw; // not reached
            }
        }

        /// <summary>The name of the preference variable that sets how long one request may wait for the engine.</summary>
        internal const string RequestTimeoutVariable = "PSDockerRequestTimeoutSec";

        /// <summary>
        /// $PSDockerRequestTimeoutSec as this pipeline sees it (seconds, or a TimeSpan; 0 or less waits for ever),
        /// else 30 s. Something else is the error InvalidRequestTimeout, before any request.
        /// </summary>
        internal TimeSpan RequestTimeout()
        {
            if (Lane is EngineLane lane)
            {
                return lane.RequestTimeout; // read on the pipeline thread before the lanes started
            }

            var value = PSDocker.Arguments.ArgumentValue.Unwrap(SessionState.PSVariable.GetValue(RequestTimeoutVariable));
            if (value is null)
            {
                return DockerSession.DefaultRequestTimeout;
            }

            if (value is TimeSpan span)
            {
                return span > TimeSpan.Zero ? span : System.Threading.Timeout.InfiniteTimeSpan;
            }

            // Text is read as the invariant number it says; other values convert as PowerShell converts them.
            var seconds = double.NaN;
            var isNumber = value is string text
                ? double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out seconds)
                : LanguagePrimitives.TryConvertTo(value, System.Globalization.CultureInfo.InvariantCulture, out seconds);
            if (isNumber && !double.IsNaN(seconds) && seconds < int.MaxValue)
            {
                return seconds > 0 ? TimeSpan.FromSeconds(seconds) : System.Threading.Timeout.InfiniteTimeSpan;
            }

            ThrowTerminatingError(new DockerPSException(
                "$" + RequestTimeoutVariable + " is '" + value + "', which is not a number of seconds. Set it to the seconds one request may wait for the engine ($" + RequestTimeoutVariable + " = 60; 0 waits for ever), or remove it for the default of 30.",
                "InvalidRequestTimeout", ErrorCategory.InvalidArgument, value).ToErrorRecord());
            throw new InvalidOperationException(); // not reached
        }

        /// <summary>
        /// Runs async work with awaits resuming on the pipeline thread (so it may write to any stream), and
        /// returns its result. Ctrl+C ends the wait at once.
        /// </summary>
        internal T Await<T>(Func<CancellationToken, Task<T>> work)
        {
            try
            {
                return PipelinePump.Run(() => work(StopToken), StopToken);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <inheritdoc cref="Await{T}(Func{CancellationToken, Task{T}})"/>
        internal void Await(Func<CancellationToken, Task> work)
        {
            try
            {
                PipelinePump.Run(() => work(StopToken), StopToken);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Blocks on one request that needs nothing of the pipeline thread until it ends (no writes inside):
        /// cheaper than <see cref="Await{T}"/>, and Ctrl+C still ends the wait at once.
        /// </summary>
        internal T Wait<T>(Func<CancellationToken, Task<T>> request)
        {
            var task = request(StopToken);
            try
            {
                task.Wait(StopToken);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                if (e.InnerException is OperationCanceledException && StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }

                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
            }

            return task.Result;
        }

        /// <inheritdoc cref="Wait{T}(Func{CancellationToken, Task{T}})"/>
        internal void Wait(Func<CancellationToken, Task> request) =>
            Wait(async ct => { await request(ct).ConfigureAwait(false); return true; });

        /// <summary>
        /// Runs a request against <paramref name="session"/>; failures become a <see cref="DockerPSException"/>
        /// with ids prefixed by <paramref name="subject"/> and the given target.
        /// </summary>
        internal T Call<T>(DockerSession session, string subject, object? target, Func<CancellationToken, Task<T>> request)
        {
            try
            {
                return Await(request);
            }
            catch (Exception e) when (!IsPipelineFlow(e) && !(e is OperationCanceledException && StopToken.IsCancellationRequested))
            {
                throw Map(session, e, subject, target);
            }
        }

        /// <summary>
        /// What the pipeline throws out of a write made inside a request (Ctrl+C, break, Select-Object -First,
        /// a terminating error downstream): not an engine failure, so it passes on unchanged.
        /// </summary>
        private static bool IsPipelineFlow(Exception e) => e is PipelineStoppedException || e is FlowControlException || e is RuntimeException;

        /// <inheritdoc cref="Call{T}(DockerSession, string, object?, Func{CancellationToken, Task{T}})"/>
        internal void Call(DockerSession session, string subject, object? target, Func<CancellationToken, Task> request)
        {
            Call(session, subject, target, async ct => { await request(ct); return true; });
        }

        /// <summary>Maps a failure of a request made on <paramref name="session"/>; a lost engine drops the session.</summary>
        internal static DockerPSException Map(DockerSession session, Exception error, string subject, object? target)
        {
            var mapped = DockerErrorMapper.ToException(error, session.Endpoint, session.Tls, subject, target, session.RequestTimeout);
            if (DockerErrorMapper.IsConnectionFailure(mapped))
            {
                DockerSessionCache.Invalidate(session);
            }

            return mapped;
        }

        /// <summary>
        /// Writes a file this cmdlet made as Get-Item shows it: the FileSystem provider's item carries what the
        /// file views read (mode, owner, size), which a bare FileInfo lacks.
        /// </summary>
        internal void WriteFile(System.IO.FileInfo file)
        {
            try
            {
                foreach (var item in SessionState.InvokeProvider.Item.Get(new[] { file.FullName }, true, true))
                {
                    WriteObject(item);
                }
            }
            catch (Exception e) when (e is ProviderNotFoundException || e is ItemNotFoundException || e is NotSupportedException)
            {
                WriteObject(file);
            }
        }

        /// <summary>A stream that StopProcessing must close, so a blocked read ends at once.</summary>
        internal void RegisterForStop(IDisposable stream)
        {
            lock (_openStreams)
            {
                if (_stopping.IsCancellationRequested)
                {
                    stream.Dispose();
                    return;
                }

                _openStreams.Add(stream);
            }
        }

        internal void UnregisterForStop(IDisposable stream)
        {
            lock (_openStreams)
            {
                _openStreams.Remove(stream);
            }
        }

        /// <summary>
        /// Reports a failure that concerns one item: non-terminating, so the pipeline goes on with the next.
        /// Failures of the engine connection itself (ids starting with "Docker") stop the pipeline instead.
        /// </summary>
        internal void WriteItemError(DockerPSException error, object? target)
        {
            if (error.ErrorId.StartsWith("Docker", StringComparison.Ordinal))
            {
                ThrowTerminatingError(error.ToErrorRecord());
            }

            WriteError(error.ToErrorRecord(target));
        }

        /// <summary>
        /// For cmdlets that make one thing per record (create, run): a failure stops a single invocation, but with
        /// pipeline input it is that record's error and the next record is still made.
        /// </summary>
        internal void FailRecord(DockerPSException error, object? target = null)
        {
            if (MyInvocation.ExpectingInput)
            {
                WriteItemError(error, target ?? error.Target);
            }
            else
            {
                ThrowTerminatingError(error.ToErrorRecord(target));
            }
        }

        /// <summary>
        /// A line a container's program wrote to standard error, written as pwsh 7 writes a native command's: to the
        /// error stream, so 2>&amp;1, 2>$null, 2>file and -ErrorVariable see it, but never stopping the command, whatever
        /// $ErrorActionPreference or -ErrorAction say (Stop and Inquire act as Continue for it; SilentlyContinue and
        /// Ignore still hide it). Only a non-zero exit code can stop, under $PSNativeCommandUseErrorActionPreference.
        /// </summary>
        internal void WriteStandardErrorLine(string line, object target) => OnPipeline(() => WriteStandardErrorLineHere(line, target));

        private void WriteStandardErrorLineHere(string line, object target)
        {
            var record = new DockerStandardErrorRecord(line, target);
            var runtime = CommandRuntime;
            var preference = RuntimeErrorAction?.GetValue(runtime);
            var stops = preference is ActionPreference action && (action == ActionPreference.Stop || action == ActionPreference.Inquire);
            if (stops)
            {
                RuntimeErrorAction!.SetValue(runtime, ActionPreference.Continue);
            }

            try
            {
                WriteError(record);
            }
            finally
            {
                if (stops)
                {
                    RuntimeErrorAction!.SetValue(runtime, preference);
                }
            }
        }

        // The runtime's effective error action (-ErrorAction, else $ErrorActionPreference): internal to PowerShell, the
        // same property in Windows PowerShell 5.1 and PowerShell 7. Without it a stderr line follows the preference.
        private static readonly System.Reflection.PropertyInfo? RuntimeErrorAction =
            typeof(PSCmdlet).Assembly.GetType("System.Management.Automation.MshCommandRuntime")?
                .GetProperty("ErrorAction", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);

        /// <summary>Writes a non-terminating error for one item; the pipeline goes on.</summary>
        internal void WriteDockerError(DockerPSException error, object? target = null) => WriteError(error.ToErrorRecord(target));

        /// <summary>Stops the pipeline with <paramref name="error"/>.</summary>
        internal void ThrowDockerError(DockerPSException error, object? target = null) => ThrowTerminatingError(error.ToErrorRecord(target));

        /// <inheritdoc/>
        protected override void StopProcessing()
        {
            _stopping.Cancel();
            lock (_openStreams)
            {
                foreach (var stream in _openStreams)
                {
                    try
                    {
                        stream.Dispose();
                    }
                    catch (Exception e) when (!(e is OutOfMemoryException))
                    {
                        // StopProcessing runs off the pipeline thread: nothing may be written from here,
                        // and a stream that fails to close is already as stopped as it will get.
                        GC.KeepAlive(e);
                    }
                }

                _openStreams.Clear();
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            lock (_openStreams)
            {
                foreach (var stream in _openStreams)
                {
                    stream.Dispose();
                }

                _openStreams.Clear();
            }

            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
