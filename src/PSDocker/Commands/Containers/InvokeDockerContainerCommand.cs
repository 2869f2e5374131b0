using System;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;

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
        /// <para type="description">Remove the container when it ends (docker run --rm), even when the command is stopped with Ctrl+C.</para>
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

        // The attached container while its command runs, for StopProcessing's SIGINT.
        private volatile string? _running;
        private DockerSession? _runningSession;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            CreateContainerParameters request;
            try
            {
                request = BuildCreateParameters();
                if (Detach.IsPresent && Remove.IsPresent)
                {
                    request.HostConfig!.AutoRemove = true;
                }

                request.AttachStdout = !Detach.IsPresent;
                request.AttachStderr = !Detach.IsPresent;
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

            long exitCode;
            var started = false;
            try
            {
                exitCode = Call(session, "Container", target, async ct =>
                {
                    using var stream = await session.Client.Containers.AttachContainerAsync(id,
                        new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, ct);
                    RegisterForStop(stream);
                    try
                    {
                        await session.Client.Containers.StartContainerAsync(id, null, ct);
                        started = true;
                        if (SigProxy.IsPresent && !request.Tty)
                        {
                            _runningSession = session;
                            _running = id;
                        }

                        await OutputPump.CopyLinesAsync(stream, WriteObject, line => WriteStandardErrorLine(line, target), ct);
                    }
                    finally
                    {
                        _running = null;
                        UnregisterForStop(stream);
                    }

                    var result = await session.Client.Containers.WaitContainerAsync(id, ct);
                    return result.StatusCode;
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

            if (Remove.IsPresent)
            {
                RemoveQuietly(session, id);
            }

            ReportExitCode(this, exitCode, "Container " + target);
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
