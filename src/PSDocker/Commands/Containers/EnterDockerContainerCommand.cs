using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
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
    /// docker exec -it (a shell, or the command given, in a running container) and, with -Attach, docker attach:
    /// at a terminal the session is the container's terminal until its process ends or the detach keys are
    /// typed; lines piped in are its standard input instead (no TTY), and its output comes back as strings.
    /// $LASTEXITCODE is the exit code of the process (exec) or of the container (attach).
    /// </summary>
    [Cmdlet(VerbsCommon.Enter, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ExecSet)]
    [OutputType(typeof(string))]
    public sealed class EnterDockerContainerCommand : ExecCmdlet
    {
        private const string ExecSet = "Exec";
        private const string AttachSet = "Attach";

        private readonly List<string> _stdin = new List<string>();
        private bool _collecting;

        /// <summary>
        /// <para type="description">The command to run, with its arguments. Without one: /bin/bash, else /bin/sh, whichever the container has. Once it has started, every token is the command's except the full name of one of this cmdlet's parameters; after -- every token is.</para>
        /// </summary>
        [Parameter(Position = 1, ValueFromRemainingArguments = true, ParameterSetName = ExecSet)]
        public string[] Command { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">The user (name or uid[:gid]) to run as.</para>
        /// </summary>
        [Parameter(ParameterSetName = ExecSet)]
        public string? User { get; set; }

        /// <summary>
        /// <para type="description">The working directory for the command.</para>
        /// </summary>
        [Parameter(ParameterSetName = ExecSet)]
        [Alias("WorkDir")]
        public string? WorkingDirectory { get; set; }

        /// <summary>
        /// <para type="description">Extra environment variables: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter(ParameterSetName = ExecSet)]
        [Alias("Env")]
        public object? Environment { get; set; }

        /// <summary>
        /// <para type="description">Run with extended privileges.</para>
        /// </summary>
        [Parameter(ParameterSetName = ExecSet)]
        public SwitchParameter Privileged { get; set; }

        /// <summary>
        /// <para type="description">Attach to the container's own process (its main command) instead of starting a new one (docker attach). Leaving with the detach keys keeps it running; ending its process stops the container.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = AttachSet)]
        public SwitchParameter Attach { get; set; }

        /// <summary>
        /// <para type="description">The keys that leave the session with the container still running (docker --detach-keys), as docker writes them: 'ctrl-p,ctrl-q' (the default, else detachKeys in the docker CLI's config.json), 'ctrl-x', 'ctrl-a,q'.</para>
        /// </summary>
        [Parameter]
        public string? DetachKeys { get; set; }

        internal override string[] CommandTokens { get => Command; set => Command = value; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var item = PipedItem;
            var piped = PipedContainer;
            ReadCommandLine(piped);

            if (piped is null && MyInvocation.ExpectingInput)
            {
                // Anything piped in but a container is a line of standard input: one session at the end.
                if (item != null)
                {
                    _stdin.Add(LanguagePrimitives.ConvertTo<string>(item) ?? string.Empty);
                }

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

        private void Run(List<string>? stdin)
        {
            (byte[] Keys, string Text) detachKeys;
            List<string> environment;
            ITerminal? terminal = null;
            try
            {
                if (string.IsNullOrEmpty(Container))
                {
                    throw new DockerPSException(
                        "No container: name one (Enter-DockerContainer web) or pipe one in (Get-DockerContainer web | Enter-DockerContainer).",
                        "ContainerRequired", ErrorCategory.InvalidArgument, null);
                }

                if (Attach.IsPresent && Command.Length > 0)
                {
                    throw new DockerPSException(
                        "-Attach joins the container's own process, so there is no command to give ('" + string.Join(" ", Command) + "'). Leave out -Attach to run it, or the command to attach.",
                        "AttachTakesNoCommand", ErrorCategory.InvalidArgument, Container);
                }

                detachKeys = Terminal.DetachKeys.Resolve(DetachKeys);
                environment = ContainerOptions.Environment(Environment);
                if (stdin is null)
                {
                    terminal = Terminals.Current();
                    if (!terminal.InputIsTerminal)
                    {
                        throw new DockerPSException(
                            "The input device is not a TTY: Enter-DockerContainer needs a terminal, and this input is redirected or piped. Pipe the lines to send ('exit' | Enter-DockerContainer " + Container + "), or use Invoke-DockerContainerCommand " + Container + " <command>.",
                            "InputNotATerminal", ErrorCategory.InvalidOperation, Container);
                    }
                }
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            var session = GetSession(out _);
            var inspected = Call(session, "Container", Container, ct => session.Client.Containers.InspectContainerAsync(Container, ct));
            if (inspected.State?.Running != true)
            {
                ThrowDockerError(new DockerPSException(
                    "The container " + Container + " is not running, so there is nothing to " + (Attach.IsPresent ? "attach to" : "enter") + ". Start it first: Start-DockerContainer " + Container + ".",
                    "ContainerNotRunning", ErrorCategory.InvalidOperation, Container));
                return;
            }

            var id = inspected.ID;
            try
            {
                if (Attach.IsPresent)
                {
                    if (!ShouldProcess(Container, "Attach"))
                    {
                        return;
                    }

                    AttachTo(session, id, inspected.Config?.Tty == true, stdin, terminal, detachKeys);
                    return;
                }

                var command = Command.Length > 0 ? Command.ToList() : new List<string> { FindShell(session, id) };
                if (!ShouldProcess(Container, "Run '" + string.Join(" ", command) + "'" + (stdin is null ? " at this terminal" : string.Empty)))
                {
                    return;
                }

                var tty = stdin is null;
                var exec = Call(session, "Container", Container, ct => session.Client.Exec.CreateContainerExecAsync(id, new ContainerExecCreateParameters
                {
                    Cmd = command,
                    User = User ?? string.Empty,
                    WorkingDir = WorkingDirectory ?? string.Empty,
                    Env = environment,
                    Privileged = Privileged.IsPresent,
                    TTY = tty,
                    AttachStdin = true,
                    AttachStdout = true,
                    AttachStderr = true,
                    DetachKeys = detachKeys.Text,
                }, ct));

                var end = SessionEnd.Ended;
                var exitCode = Call(session, "Container", Container, async ct =>
                {
                    using var stream = await session.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { TTY = tty }, ct);
                    RegisterForStop(stream);
                    try
                    {
                        end = await Exchange(new AttachedStream(stream), stream, terminal, stdin, detachKeys.Keys, tty,
                            (size, token) => session.Client.Exec.ResizeExecTtyAsync(exec.ID, new ContainerResizeParameters { Height = size.Rows, Width = size.Columns }, token), ct);
                    }
                    finally
                    {
                        UnregisterForStop(stream);
                    }

                    return end == SessionEnd.Detached ? 0L : await InvokeDockerContainerCommandCommand.ExitCodeAsync(session, exec.ID, ct);
                });

                Finish(end, exitCode, "Command '" + string.Join(" ", command) + "' in " + Container);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }

        /// <summary>docker attach: the container's own process, its exit code from a wait asked for before the stream.</summary>
        private void AttachTo(DockerSession session, string id, bool tty, List<string>? stdin, ITerminal? terminal, (byte[] Keys, string Text) detachKeys)
        {
            var end = SessionEnd.Ended;
            var exitCode = Call(session, "Container", Container, async ct =>
            {
                using var waitStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var exited = await ContainerWait.BeginAsync(session, id, untilRemoved: false, waitStop.Token);
                using var stream = await session.Client.Containers.AttachContainerAsync(id, new ContainerAttachParameters
                {
                    Stream = true,
                    Stdin = true,
                    Stdout = true,
                    Stderr = true,
                    DetachKeys = detachKeys.Text,
                }, ct);
                RegisterForStop(stream);
                try
                {
                    end = await Exchange(new AttachedStream(stream), stream, terminal, stdin, detachKeys.Keys, tty && terminal != null,
                        (size, token) => session.Client.Containers.ResizeContainerTtyAsync(id, new ContainerResizeParameters { Height = size.Rows, Width = size.Columns }, token), ct);
                }
                finally
                {
                    UnregisterForStop(stream);
                }

                if (end == SessionEnd.Detached)
                {
                    waitStop.Cancel();
                    return 0L;
                }

                return await exited;
            });

            Finish(end, exitCode, "Container " + Container);
        }

        /// <summary>
        /// At a terminal, a terminal session (raw when there is a TTY); with lines piped in, they are written and
        /// closed while output comes back as strings.
        /// </summary>
        private async Task<SessionEnd> Exchange(IAttachedStream attached, Docker.DotNet.MultiplexedStream stream, ITerminal? terminal, List<string>? stdin, byte[] detachKeys, bool tty,
            Func<TerminalSize, CancellationToken, Task> resize, CancellationToken ct)
        {
            if (terminal != null)
            {
                return await TerminalSession.RunAsync(attached, terminal, new SessionOptions
                {
                    RawMode = tty,
                    DetachKeys = detachKeys,
                    Resize = tty ? resize : null,
                }, ct);
            }

            var feeding = InvokeDockerContainerCommand.WriteLinesAsync(attached, stdin ?? new List<string>(), ct);
            await OutputPump.CopyLinesAsync(stream, WriteObject, line => WriteStandardErrorLine(line, Container), ct);
            try
            {
                await feeding;
            }
            catch (Exception e) when (e is System.IO.IOException || e is ObjectDisposedException || e is OperationCanceledException)
            {
                // The process ended before it read all its input, as a native command may.
                GC.KeepAlive(e);
            }

            return SessionEnd.Ended;
        }

        private void Finish(SessionEnd end, long exitCode, string what)
        {
            if (end == SessionEnd.Detached)
            {
                SessionState.PSVariable.Set("global:LASTEXITCODE", 0);
                WriteInformation(new HostInformationMessage { Message = "Detached from " + Container + "; it is still running." }, new[] { "PSHOST" });
                return;
            }

            InvokeDockerContainerCommand.ReportExitCode(this, exitCode, what);
        }

        /// <summary>The shell to enter with: /bin/bash, else /bin/sh; ShellNotFound when the container has neither.</summary>
        private string FindShell(DockerSession session, string id)
        {
            foreach (var shell in new[] { "/bin/bash", "/bin/sh" })
            {
                try
                {
                    Call(session, "Container", Container, ct => session.Client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = shell }, true, ct));
                    return shell;
                }
                catch (DockerPSException e) when (e.Category == ErrorCategory.ObjectNotFound)
                {
                    // Not in this container: try the next.
                }
            }

            throw new DockerPSException(
                "The container " + Container + " has neither /bin/bash nor /bin/sh. Name the program to run: Enter-DockerContainer " + Container + " <command>.",
                "ContainerShellNotFound", ErrorCategory.ObjectNotFound, Container);
        }
    }
}
