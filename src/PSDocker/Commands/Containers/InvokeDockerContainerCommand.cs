using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Terminal;

namespace PSDocker.Commands.Containers
{
    /// <summary>
    /// docker run: pulls the image when missing, creates and starts the container, and streams its output like
    /// a native command: stdout lines to the output stream as they arrive, stderr lines to the error stream,
    /// $LASTEXITCODE set to the container's exit code.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "DockerContainer", SupportsShouldProcess = true)]
    [OutputType(typeof(string))]
    [OutputType(typeof(DockerContainer))]
    public sealed class InvokeDockerContainerCommand : ContainerCreateCmdlet
    {
        /// <summary>
        /// <para type="description">When to pull the image: missing (default), always, or never.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("missing", "always", "never")]
        public string Pull { get; set; } = "missing";

        /// <summary>
        /// <para type="description">Remove the container when it ends (docker run --rm). The engine removes it (HostConfig.AutoRemove), so it goes even when pwsh is killed or its terminal closes; Ctrl+C removes it at once.</para>
        /// </summary>
        [Parameter]
        [Alias("Rm")]
        public SwitchParameter Remove { get; set; }

        /// <summary>
        /// <para type="description">Start the container and return it at once instead of streaming its output (docker run -d).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Detach { get; set; }

        /// <summary>
        /// <para type="description">Pass Ctrl+C on to the container as SIGINT while its output is streamed (docker run --sig-proxy, on by default; -SigProxy:$false turns it off). Not with -Tty or -Detach.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter SigProxy { get; set; } = new SwitchParameter(true);

        /// <summary>
        /// <para type="description">The keys that leave an -Interactive -Tty session with the container still running (docker run --detach-keys), as docker writes them: 'ctrl-p,ctrl-q' (the default, else detachKeys in the docker CLI's config.json), 'ctrl-x', 'ctrl-a,q'.</para>
        /// </summary>
        [Parameter]
        public string? DetachKeys { get; set; }

        // The attached container while its command runs, for StopProcessing's SIGINT.
        private volatile string? _running;
        private DockerSession? _runningSession;

        // With -Interactive, what is piped in (other than images) is the container's standard input: one run at the end.
        private readonly List<string> _stdin = new List<string>();
        private bool _collecting;

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            if (WantsStdin && !Detach.IsPresent && MyInvocation.ExpectingInput && IsStandardInput(InputObject))
            {
                if (InputObject != null)
                {
                    _stdin.Add(LanguagePrimitives.ConvertTo<string>(ArgumentValue.Unwrap(InputObject)) ?? string.Empty);
                }

                InputObject = null;
                _collecting = true;
                return;
            }

            Run(stdin: null);
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_collecting)
            {
                Run(_stdin);
            }
        }

        /// <summary>With -Interactive, anything piped in but an image (or a container, whose image it names) is a line of standard input.</summary>
        private static bool IsStandardInput(object? item)
        {
            var value = ArgumentValue.Unwrap(item);
            return !(value is DockerImage) && !(value is DockerImageDetail) && !(value is DockerContainer) && !(value is DockerContainerDetail);
        }

        private void Run(List<string>? stdin)
        {
            CreateContainerParameters request;
            (byte[] Keys, string Text) detachKeys = (Array.Empty<byte>(), string.Empty);
            var interactive = WantsStdin && !Detach.IsPresent;
            ITerminal? terminal = null;
            try
            {
                request = BuildCreateParameters();

                // --rm is the engine's (HostConfig.AutoRemove), as docker run's: the container goes when it ends, even
                // when this pwsh is killed or its terminal closed.
                request.HostConfig!.AutoRemove = Remove.IsPresent || request.HostConfig.AutoRemove;
                if (Detach.IsPresent)
                {
                    if (Attach != null)
                    {
                        throw ArgumentValue.Bad(
                            "AttachConflictsWithDetach",
                            "-Attach and -Detach cannot go together (docker: conflicting options): a detached container has no streams here. Leave out -Attach, or -Detach to see the streams.",
                            Attach);
                    }

                    request.AttachStdin = false;
                    request.AttachStdout = false;
                    request.AttachStderr = false;
                    request.StdinOnce = false;
                }

                if (interactive)
                {
                    detachKeys = Terminal.DetachKeys.Resolve(DetachKeys);
                    if (stdin is null)
                    {
                        terminal = Terminals.Current();
                    }

                    if (request.Tty && (terminal is null || !terminal.InputIsTerminal))
                    {
                        throw NotATerminal(Image);
                    }
                }
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
                return;
            }

            var session = GetSession(out var endpoint);
            if (!ShouldProcess(Name ?? Image, "Run " + Describe(request)))
            {
                return;
            }

            // -Interactive without -Tty at a terminal: the line discipline a shell gives its child from here on, not
            // only once the input pump runs. While a cmdlet runs, .NET keeps the terminal without echo, line editing
            // or CR-to-NL, so a line typed while the container is made and started (the first call in a new pwsh
            // takes a while) would arrive unechoed and ended by a CR that the output, split at LF, never shows.
            using var lineMode = interactive && !request.Tty && terminal != null && terminal.InputIsTerminal ? terminal.EnterLineMode() : null;
            CreateAndRun(session, endpoint, request, interactive, stdin, terminal, detachKeys);
        }

        private void CreateAndRun(DockerSession session, DockerEndpoint endpoint, CreateContainerParameters request, bool interactive, List<string>? stdin, ITerminal? terminal, (byte[] Keys, string Text) detachKeys)
        {
            string id;
            try
            {
                if (string.Equals(Pull, "always", System.StringComparison.OrdinalIgnoreCase))
                {
                    ImagePuller.Pull(this, session, Image, Platform);
                }

                id = CreateContainer(session, request, pullIfMissing: string.Equals(Pull, "missing", System.StringComparison.OrdinalIgnoreCase));
            }
            catch (DockerPSException e)
            {
                // docker run exits 125 when the container cannot be made.
                SetExitCode(125);
                FailRecord(e);
                return;
            }

            var target = Name ?? id.Substring(0, Math.Min(12, id.Length));
            if (Detach.IsPresent)
            {
                try
                {
                    Call(session, "Container", target, ct => session.Client.Containers.StartContainerAsync(id, null, ct));
                }
                catch (DockerPSException e)
                {
                    // Nothing half-done: a container that cannot start is not left behind.
                    RemoveQuietly(session, id);
                    FailRecord(StartFailure(e));
                    return;
                }

                WriteObject(ContainerLookup.Fetch(this, session, endpoint, id, target));
                return;
            }

            long exitCode = 0;
            var started = false;
            var end = SessionEnd.Ended;
            var autoRemove = request.HostConfig!.AutoRemove == true;
            try
            {
                exitCode = Call(session, "Container", target, async ct =>
                {
                    using var stream = await session.Client.Containers.AttachContainerAsync(id,
                        new ContainerAttachParameters
                        {
                            Stream = true,
                            Stdin = interactive,
                            Stdout = request.AttachStdout,
                            Stderr = request.AttachStderr,
                            DetachKeys = interactive ? detachKeys.Text : null,
                        }, ct);
                    RegisterForStop(stream);
                    using var waitStop = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(ct);
                    try
                    {
                        // Asked before the start, as docker run does, so neither the exit nor the removal can be missed.
                        var exited = await ContainerWait.BeginAsync(session, id, autoRemove, waitStop.Token);
                        await session.Client.Containers.StartContainerAsync(id, null, ct);
                        started = true;
                        var attached = new AttachedStream(stream);
                        if (interactive && request.Tty)
                        {
                            end = await TerminalSession.RunAsync(attached, terminal!, new SessionOptions
                            {
                                RawMode = true,
                                DetachKeys = detachKeys.Keys,
                                Resize = (size, token) => session.Client.Containers.ResizeContainerTtyAsync(id, new ContainerResizeParameters { Height = size.Rows, Width = size.Columns }, token),
                                Hangup = autoRemove ? () => HangUp(session, id) : (Action?)null,
                            }, ct);
                        }
                        else
                        {
                            if (SigProxy.IsPresent && !request.Tty)
                            {
                                _runningSession = session;
                                _running = id;
                            }

                            using var inputOver = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(ct);
                            var feeding = !interactive ? Task.CompletedTask
                                : stdin != null ? WriteLinesAsync(attached, stdin, inputOver.Token)
                                : TerminalSession.CopyInputAsync(attached, terminal!, inputOver.Token);
                            await OutputPump.CopyLinesAsync(stream, WriteObject, line => WriteStandardErrorLine(line, target), ct);
                            inputOver.Cancel(); // the container has ended: what is still being typed is not for it
                            await Quietly(feeding);
                        }

                        if (end == SessionEnd.Detached)
                        {
                            waitStop.Cancel();
                            await Quietly(exited);
                            return 0L;
                        }

                        return await exited;
                    }
                    finally
                    {
                        _running = null;
                        UnregisterForStop(stream);
                    }
                });
            }
            catch (DockerPSException e)
            {
                if (!started || Remove.IsPresent)
                {
                    RemoveQuietly(session, id);
                }

                FailRecord(started ? e : StartFailure(e));
                return;
            }
            catch (PipelineStoppedException)
            {
                if (Remove.IsPresent || !started)
                {
                    RemoveQuietly(session, id);
                }

                throw;
            }

            if (end == SessionEnd.Detached)
            {
                // As docker run -it after the detach keys: the container goes on, and the way back in is said once.
                SetExitCode(0);
                WriteInformation(new HostInformationMessage { Message = "Detached from " + target + "; it is still running. Enter-DockerContainer " + target + " -Attach goes back in." }, new[] { "PSHOST" });
                return;
            }

            ReportExitCode(this, exitCode, "Container " + target);
        }

        /// <summary>"the input device is not a TTY", as docker run -it says when its input is a pipe or a file.</summary>
        /// <summary>
        /// The terminal of a -Remove session went away (its window closed, pwsh told to end): the container is
        /// killed, so it ends and the engine removes it. A shell at a TTY never sees the attach connection close,
        /// and as the container's PID 1 it ignores SIGHUP and SIGTERM, so it would otherwise run on (as under
        /// docker run -it --rm, whose container outlives a closed terminal).
        /// </summary>
        private static void HangUp(DockerSession session, string id)
        {
            try
            {
                using var soon = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(5));
                session.Client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "SIGKILL" }, soon.Token).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                // pwsh is ending: there is no one left to tell.
                GC.KeepAlive(e);
            }
        }

        internal static DockerPSException NotATerminal(object? target) => new DockerPSException(
            "The input device is not a TTY: -Interactive -Tty needs a terminal, and this input is redirected or piped. Drop -Tty to send piped input (Get-Content script.sh | Invoke-DockerContainer image -Interactive sh), or run it at a terminal.",
            "InputNotATerminal", ErrorCategory.InvalidOperation, target);

        /// <summary>Lines piped in, as the container's standard input; its end is the input's end (EOF).</summary>
        internal static Task WriteLinesAsync(IAttachedStream stream, List<string> lines, System.Threading.CancellationToken cancellationToken)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));

            // Written off the pipeline thread while output is read, so neither side can block the other.
            return Task.Run(async () =>
            {
                await stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
                stream.CloseWrite();
            }, cancellationToken);
        }

        private static async Task Quietly(Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException || e is System.IO.IOException || e is ObjectDisposedException || e is Docker.DotNet.DockerApiException || e is System.Net.Http.HttpRequestException)
            {
                // Input that could not all be sent, or a wait given up: the output side and the exit code tell the story.
                GC.KeepAlive(e);
            }
        }

        /// <inheritdoc/>
        protected override void StopProcessing()
        {
            // docker run's sig-proxy: Ctrl+C reaches the container as SIGINT; the container decides what it means.
            var id = _running;
            var session = _runningSession;
            if (id != null && session != null)
            {
                try
                {
                    using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(5));
                    session.Client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "SIGINT" }, timeout.Token).Wait(TimeSpan.FromSeconds(5));
                }
                catch (Exception e) when (e is AggregateException || e is OperationCanceledException || e is ObjectDisposedException)
                {
                    // The container may have ended already; stopping goes on regardless.
                }
            }

            base.StopProcessing();
        }

        private void SetExitCode(int code) => SessionState.PSVariable.Set("global:LASTEXITCODE", code);

        /// <summary>
        /// A container that could not start, as docker run reports it: 127 and ContainerCommandNotFound when its
        /// program does not exist, 126 and ContainerCommandNotExecutable when it cannot be run, else 125.
        /// </summary>
        private DockerPSException StartFailure(DockerPSException e)
        {
            var message = e.Message;
            if (message.IndexOf("executable file not found", StringComparison.OrdinalIgnoreCase) >= 0 ||
                (message.IndexOf("exec:", StringComparison.OrdinalIgnoreCase) >= 0 && message.IndexOf("no such file or directory", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                SetExitCode(127);
                return new DockerPSException("The container's program was not found: " + message + " Check the command, or the image's PATH.",
                    "ContainerCommandNotFound", ErrorCategory.ObjectNotFound, e.Target, e);
            }

            if (message.IndexOf("permission denied", StringComparison.OrdinalIgnoreCase) >= 0 && message.IndexOf("exec", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                SetExitCode(126);
                return new DockerPSException("The container's program cannot be run: " + message + " Check that it is an executable file.",
                    "ContainerCommandNotExecutable", ErrorCategory.PermissionDenied, e.Target, e);
            }

            SetExitCode(125);
            if (e.ErrorId == "ContainerEngineError")
            {
                // The runtime refused what the container was made with (a user or group its image lacks, a ulimit the
                // kernel does not know): docker run's exit 125. The container was removed again.
                return new DockerPSException("The container could not start, so it was removed again: " + e.Message.TrimEnd('.') + ". Check the parameters this names (such as -User, -GroupAdd, -Ulimit or -SecurityOpt).",
                    "ContainerStartFailed", ErrorCategory.InvalidOperation, (object?)Name ?? Image, e);
            }

            return e;
        }

        /// <summary>Sets $LASTEXITCODE and, like a native command under $PSNativeCommandUseErrorActionPreference, reports a non-zero code as an error.</summary>
        internal static void ReportExitCode(PSCmdlet cmdlet, long exitCode, string what)
        {
            cmdlet.SessionState.PSVariable.Set("global:LASTEXITCODE", (int)exitCode);
            if (exitCode != 0 && LanguagePrimitives.IsTrue(cmdlet.SessionState.PSVariable.GetValue("PSNativeCommandUseErrorActionPreference")))
            {
                cmdlet.WriteError(new ErrorRecord(
                    new InvalidOperationException(what + " ended with non-zero exit code: " + exitCode + "."),
                    "ProgramExitedWithNonZeroCode", ErrorCategory.NotSpecified, what));
            }
        }
    }
}
