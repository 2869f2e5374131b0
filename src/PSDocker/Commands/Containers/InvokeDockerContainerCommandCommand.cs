using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>
    /// docker exec: runs a command in a running container. Output and errors stream like Invoke-DockerContainer;
    /// strings piped in become the process's standard input; $LASTEXITCODE is the command's exit code.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "DockerContainerCommand", SupportsShouldProcess = true)]
    [OutputType(typeof(string))]
    public sealed class InvokeDockerContainerCommandCommand : ExecCmdlet
    {
        private readonly List<string> _stdin = new List<string>();
        private bool _ranPerRecord;

        /// <summary>
        /// <para type="description">The command and its arguments. Once it has started, every token is the command's except the full name of one of this cmdlet's parameters; after -- every token is.</para>
        /// </summary>
        [Parameter(Position = 1, ValueFromRemainingArguments = true)]
        public string[] Command { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">The user (name or uid[:gid]) to run as.</para>
        /// </summary>
        [Parameter]
        public string? User { get; set; }

        /// <summary>
        /// <para type="description">The working directory for the command.</para>
        /// </summary>
        [Parameter]
        [Alias("WorkDir")]
        public string? WorkingDirectory { get; set; }

        /// <summary>
        /// <para type="description">Extra environment variables: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        [Alias("Env")]
        public object? Environment { get; set; }

        /// <summary>
        /// <para type="description">Run with extended privileges.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Privileged { get; set; }

        /// <summary>
        /// <para type="description">Start the command and return its exec id at once, without waiting or reading output.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Detach { get; set; }

        internal override string[] CommandTokens { get => Command; set => Command = value; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var item = PipedItem;
            var piped = PipedContainer;
            ReadCommandLine(piped);

            // Container objects select the container; anything else (log lines included) is standard input.
            if (item != null && !(item is DockerContainer) && !(item is DockerContainerDetail))
            {
                // Standard input for one run at the end.
                _stdin.Add(LanguagePrimitives.ConvertTo<string>(item));
                return;
            }

            _ranPerRecord = true;
            Run(stdin: null);
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (!_ranPerRecord || _stdin.Count > 0)
            {
                Run(_stdin.Count > 0 || MyInvocation.ExpectingInput ? _stdin : null);
            }
        }

        /// <summary>An exec's exit code, from its inspect once it has ended: it can trail the end of the output by a moment.</summary>
        internal static async Task<long> ExitCodeAsync(DockerSession session, string execId, System.Threading.CancellationToken cancellationToken)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var inspected = await session.Client.Exec.InspectContainerExecAsync(execId, cancellationToken);
                if (!inspected.Running && inspected.ExitCode.HasValue)
                {
                    return inspected.ExitCode.Value;
                }

                await Task.Delay(20, cancellationToken);
            }

            return -1L;
        }

        private void Run(List<string>? stdin)
        {
            if (string.IsNullOrEmpty(Container) || Command.Length == 0)
            {
                ThrowDockerError(new DockerPSException(
                    string.IsNullOrEmpty(Container)
                        ? "No container: name one (Invoke-DockerContainerCommand web ls -l) or pipe one in (Get-DockerContainer web | Invoke-DockerContainerCommand ls -l)."
                        : "No command to run in " + Container + ": name it after the container (Invoke-DockerContainerCommand " + Container + " ls -l).",
                    string.IsNullOrEmpty(Container) ? "ContainerRequired" : "CommandRequired", ErrorCategory.InvalidArgument, string.IsNullOrEmpty(Container) ? null : Container));
                return;
            }

            var command = Command.ToList();
            List<string> environment;
            try
            {
                environment = ContainerOptions.Environment(Environment);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            var session = GetSession(out _);
            if (!ShouldProcess(Container, "Run '" + string.Join(" ", command) + "'"))
            {
                return;
            }

            try
            {
                var exec = Call(session, "Container", Container, ct => session.Client.Exec.CreateContainerExecAsync(Container, new ContainerExecCreateParameters
                {
                    Cmd = command,
                    User = User ?? string.Empty,
                    WorkingDir = WorkingDirectory ?? string.Empty,
                    Env = environment,
                    Privileged = Privileged.IsPresent,
                    AttachStdin = stdin != null && !Detach.IsPresent,
                    AttachStdout = !Detach.IsPresent,
                    AttachStderr = !Detach.IsPresent,
                }, ct));

                if (Detach.IsPresent)
                {
                    Call(session, "Container", Container, async ct =>
                    {
                        // The client library can only start an exec on an upgraded connection; with nothing attached,
                        // closing that connection at once leaves the command running on its own, as docker exec -d does.
                        using var detached = await session.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), ct);
                        return true;
                    });
                    WriteObject(exec.ID);
                    return;
                }

                var exitCode = Call(session, "Container", Container, async ct =>
                {
                    using var stream = await session.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), ct);
                    RegisterForStop(stream);
                    try
                    {
                        Task feeding = Task.CompletedTask;
                        if (stdin != null)
                        {
                            // Written off the pipeline thread while output is read, so neither side can block the other.
                            var bytes = Encoding.UTF8.GetBytes(string.Concat(stdin.Select(l => l + "\n")));
                            feeding = Task.Run(async () =>
                            {
                                await stream.WriteAsync(bytes, 0, bytes.Length, ct).ConfigureAwait(false);
                                stream.CloseWrite();
                            }, ct);
                        }

                        await OutputPump.CopyLinesAsync(stream, WriteObject, line => WriteStandardErrorLine(line, Container), ct);
                        await feeding;
                    }
                    finally
                    {
                        UnregisterForStop(stream);
                    }

                    try
                    {
                        return await ExitCodeAsync(session, exec.ID, ct);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
                    {
                        // The output ended because the engine went away (the attached stream just closes): say that,
                        // not "is the daemon running?" for the exit code that can no longer be read.
                        throw DockerErrorMapper.LostMidway(Map(session, e, "Container", Container), session.Endpoint);
                    }
                });

                InvokeDockerContainerCommand.ReportExitCode(this, exitCode, "Command '" + string.Join(" ", command) + "' in " + Container);
            }
            catch (DockerPSException e)
            {
                WriteItemError(e, Container);
            }
        }
    }
}
