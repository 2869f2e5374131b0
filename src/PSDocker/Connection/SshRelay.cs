using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PSDocker.Connection
{
    /// <summary>
    /// ssh://[user@]host[:port] as the docker CLI reaches it: the system ssh client runs
    /// <c>docker system dial-stdio</c> on the remote side and HTTP flows over its stdin and stdout. The session
    /// talks to a private Unix socket of its own (in a 0700 folder); each connection to it is one ssh process, and
    /// the transport keeps its connections alive, so one ssh process serves request after request, as with the
    /// CLI. ssh's own configuration, keys and agent apply; it runs with BatchMode (no password prompts).
    /// </summary>
    internal sealed class SshRelay : IDisposable
    {
        /// <summary>The ssh command to run instead of "ssh" (a program and leading arguments, e.g. "ssh -F ./config").</summary>
        internal const string CommandVariable = "PSDOCKER_SSH_COMMAND";

        private readonly string _folder;
        private readonly Socket _listener;
        private readonly string _program;
        private readonly IReadOnlyList<string> _arguments;
        private readonly string _display;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly List<Process> _processes = new List<Process>();
        private List<string>? _exitArguments;
        private string? _lastError;
        private int? _lastExitCode;

        private SshRelay(string folder, Socket listener, string program, IReadOnlyList<string> arguments, string display)
        {
            _folder = folder;
            _listener = listener;
            _program = program;
            _arguments = arguments;
            _display = display;
            SocketPath = Path.Combine(folder, "docker.sock");
        }

        /// <summary>The Unix socket the session's transport connects to.</summary>
        public string SocketPath { get; }

        /// <summary>Starts listening for <paramref name="endpoint"/> (an ssh:// endpoint); ssh runs when the first request connects.</summary>
        public static SshRelay Start(DockerEndpoint endpoint)
        {
            var uri = endpoint.Uri;
            var command = Environment.GetEnvironmentVariable(CommandVariable);
            var words = string.IsNullOrWhiteSpace(command) ? new List<string> { "ssh" } : Split(command!);
            var program = FindProgram(words[0]) ?? throw new DockerPSException(
                "The ssh client '" + words[0] + "' is not on PATH, and ssh:// engines are reached through it (" + endpoint.Host + "). Install OpenSSH's client, or set $env:" + CommandVariable + " to the ssh command to use.",
                "DockerSshNotFound", ErrorCategory.ObjectNotFound, endpoint.Host);

            var folder = Path.Combine(Path.GetTempPath(), "psdocker-ssh-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            // One ssh connection per session: the first ssh becomes its master (ControlMaster), every later one
            // (a connection of the transport, which opens one per request) opens a channel on it, without a new
            // handshake. The master ends with the session.
            // (Windows' OpenSSH has no ControlMaster: there every connection logs in.)
            var control = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)
                ? new List<string>()
                : new List<string> { "-o", "ControlMaster=auto", "-o", "ControlPath=" + Path.Combine(folder, "cm"), "-o", "ControlPersist=60" };
            var arguments = new List<string>(words.Skip(1)) { "-T", "-o", "BatchMode=yes", "-o", "ConnectTimeout=30" };
            arguments.AddRange(control);
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                arguments.Add("-l");
                arguments.Add(Uri.UnescapeDataString(uri.UserInfo));
            }

            if (!uri.IsDefaultPort && uri.Port > 0)
            {
                arguments.Add("-p");
                arguments.Add(uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            arguments.Add("--");
            arguments.Add(uri.Host);
            arguments.AddRange(new[] { "docker", "system", "dial-stdio" });

            System.Net.EndPoint address;
            try
            {
                address = KeepAliveStream.UnixEndPoint(Path.Combine(folder, "docker.sock"));
            }
            catch (PlatformNotSupportedException)
            {
                throw new DockerPSException("ssh:// engines need PowerShell 7 (this .NET has no Unix domain sockets). Use PowerShell 7, or forward the remote socket with ssh -L and use unix://.",
                    "DockerHostSchemeNotSupported", ErrorCategory.NotImplemented, endpoint.Host);
            }

            Directory.CreateDirectory(folder);
            Archives.UnixFile.SetMode(new DirectoryInfo(folder), Convert.ToInt32("700", 8));
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                listener.Bind(address);
                listener.Listen(16);
            }
            catch
            {
                listener.Dispose();
                Directory.Delete(folder, true);
                throw;
            }

            var exit = new List<string>(words.Skip(1)) { "-o", "ControlPath=" + Path.Combine(folder, "cm"), "-O", "exit", uri.Host };
            var relay = new SshRelay(folder, listener, program, arguments, endpoint.Host) { _exitArguments = exit };
            _ = Task.Run(relay.AcceptLoop);
            // A session still open when PowerShell exits: its ssh connection and socket folder go too.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => relay.Dispose();
            return relay;
        }

        /// <summary>
        /// The error to report when the engine could not be reached through ssh: what ssh said on stderr, typed by
        /// what it means (host key, authentication, anything else); null when ssh itself did not fail.
        /// </summary>
        public DockerPSException? Failure(Exception? inner)
        {
            string? text;
            int? code;
            // The request fails as soon as ssh closes its output; what ssh said is recorded once it has exited.
            var deadline = DateTime.UtcNow.AddSeconds(3);
            while (true)
            {
                lock (_processes)
                {
                    text = _lastError;
                    code = _lastExitCode;
                    if (text != null || code != null || _processes.Count == 0 || DateTime.UtcNow > deadline)
                    {
                        break;
                    }
                }

                Thread.Sleep(20);
            }

            if (string.IsNullOrWhiteSpace(text) && (code is null || code == 0))
            {
                return null;
            }

            // ssh's stderr in one line (its banners and warnings span several).
            var said = string.IsNullOrWhiteSpace(text) ? "ssh exited with code " + code : System.Text.RegularExpressions.Regex.Replace(text!.Trim(), @"\s+", " ");
            if (!said.EndsWith(".", StringComparison.Ordinal))
            {
                said += ".";
            }
            if (said.IndexOf("Host key verification failed", StringComparison.OrdinalIgnoreCase) >= 0 || said.IndexOf("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return new DockerPSException("ssh refused the host key of " + _display + ": " + said + " Check the host's key and add it to known_hosts (ssh " + Target() + " once, by hand), then run the command again.",
                    "DockerSshHostKeyRefused", ErrorCategory.SecurityError, _display, inner);
            }

            if (said.IndexOf("Permission denied", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return new DockerPSException("ssh could not log in to " + _display + ": " + said + " PSDocker runs ssh without prompts: use a key (ssh-add, or IdentityFile in ~/.ssh/config) that the host accepts.",
                    "DockerSshAuthenticationFailed", ErrorCategory.AuthenticationError, _display, inner);
            }

            return new DockerPSException("The engine at " + _display + " could not be reached through ssh: " + said + " Check that ssh " + Target() + " docker system dial-stdio works from this shell (the remote side needs the docker CLI).",
                "DockerSshFailed", ErrorCategory.ConnectionError, _display, inner);
        }

        public void Dispose()
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            _listener.Dispose();
            lock (_processes)
            {
                foreach (var process in _processes)
                {
                    Kill(process);
                }

                _processes.Clear();
            }

            StopMaster();

            try
            {
                Directory.Delete(_folder, true);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A temp folder left behind is harmless.
            }
        }

        /// <summary>Ends the session's ssh master connection (ssh -O exit), if one was made.</summary>
        private void StopMaster()
        {
            if (_exitArguments is null || !File.Exists(Path.Combine(_folder, "cm")))
            {
                return;
            }

            try
            {
                var info = new ProcessStartInfo(_program, string.Join(" ", _exitArguments.Select(Quote)))
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    CreateNoWindow = true,
                };
                using var process = Process.Start(info)!;
                if (!process.WaitForExit(5000))
                {
                    Kill(process);
                }
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException)
            {
                // The master ends by itself after ControlPersist.
            }
        }

        private string Target() => _display.Substring("ssh://".Length);

        private async Task AcceptLoop()
        {
            while (!_stopping.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await Task.Factory.FromAsync(_listener.BeginAccept, _listener.EndAccept, null).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ObjectDisposedException || e is SocketException || e is InvalidOperationException)
                {
                    return;
                }

                _ = Task.Run(() => Relay(client));
            }
        }

        /// <summary>One connection: a new ssh process, bytes both ways until either side ends.</summary>
        private async Task Relay(Socket client)
        {
            using var connection = new NetworkStream(client, ownsSocket: true);
            var info = new ProcessStartInfo(_program)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            info.Arguments = string.Join(" ", _arguments.Select(Quote));

            Process process;
            try
            {
                process = Process.Start(info)!;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException)
            {
                lock (_processes)
                {
                    _lastError = "ssh could not be started: " + e.Message;
                    _lastExitCode = -1;
                }

                return;
            }

            lock (_processes)
            {
                _processes.Add(process);
            }

            var errors = new StringBuilder();
            var stderr = Task.Run(async () =>
            {
                string? line;
                while ((line = await process.StandardError.ReadLineAsync().ConfigureAwait(false)) != null)
                {
                    lock (errors)
                    {
                        if (errors.Length < 4096)
                        {
                            errors.AppendLine(line);
                        }
                    }
                }
            });

            try
            {
                var up = Pump(connection, process.StandardInput.BaseStream, closeWhenDone: true);
                var down = Pump(process.StandardOutput.BaseStream, connection, closeWhenDone: false);
                await Task.WhenAny(up, down).ConfigureAwait(false);
                if (down.IsCompleted)
                {
                    // ssh ended (or the remote side closed): the connection ends with it.
                    client.Shutdown(SocketShutdown.Both);
                }

                await Task.WhenAll(up, down).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException || e is InvalidOperationException)
            {
                // One side went away: the other is closed below.
            }
            finally
            {
                if (!process.WaitForExit(2000))
                {
                    Kill(process);
                }

                await stderr.ConfigureAwait(false);
                lock (_processes)
                {
                    _processes.Remove(process);
                    if (process.HasExited && process.ExitCode != 0)
                    {
                        _lastExitCode = process.ExitCode;
                        lock (errors)
                        {
                            _lastError = errors.ToString();
                        }
                    }
                }

                process.Dispose();
            }
        }

        private static async Task Pump(Stream from, Stream to, bool closeWhenDone)
        {
            var buffer = new byte[81920];
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
                {
                    await to.WriteAsync(buffer, 0, read).ConfigureAwait(false);
                    await to.FlushAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                if (closeWhenDone)
                {
                    // The client is done sending: ssh's stdin is closed, as the CLI half-closes.
                    to.Dispose();
                }
            }
        }

        private static void Kill(Process process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        private static string? FindProgram(string name)
        {
            if (name.IndexOf('/') >= 0 || name.IndexOf('\\') >= 0)
            {
                return File.Exists(name) ? name : null;
            }

            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                if (folder.Length == 0)
                {
                    continue;
                }

                foreach (var candidate in new[] { name, name + ".exe" })
                {
                    var path = Path.Combine(folder, candidate);
                    if (File.Exists(path))
                    {
                        return path;
                    }
                }
            }

            return null;
        }

        /// <summary>One argument as .NET's process start splits a command line back into arguments.</summary>
        private static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"', '\\' }) < 0)
            {
                return argument;
            }

            var quoted = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
                backslashes = 0;
                quoted.Append(c);
            }

            quoted.Append('\\', backslashes * 2);
            return quoted.Append('"').ToString();
        }

        /// <summary>Splits a command line at spaces; double or single quotes keep spaces in one word.</summary>
        private static List<string> Split(string command)
        {
            var words = new List<string>();
            var current = new StringBuilder();
            char? quote = null;
            var any = false;
            foreach (var c in command)
            {
                if (quote != null)
                {
                    if (c == quote)
                    {
                        quote = null;
                    }
                    else
                    {
                        current.Append(c);
                    }
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                    any = true;
                }
                else if (char.IsWhiteSpace(c))
                {
                    if (current.Length > 0 || any)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                        any = false;
                    }
                }
                else
                {
                    current.Append(c);
                }
            }

            if (current.Length > 0 || any)
            {
                words.Add(current.ToString());
            }

            return words;
        }
    }
}
