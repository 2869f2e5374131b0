using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>
    /// The parameters New-DockerContainer (docker create) and Invoke-DockerContainer (docker run) share, and
    /// the translation into a create request. Every option is checked before any request is sent.
    /// </summary>
    public abstract partial class ContainerCreateCmdlet : CommandRunnerCmdlet
    {
        private bool _commandLineRead;
        private bool _nameOnCommandLine;

        /// <summary>
        /// <para type="description">The image to create the container from, e.g. busybox:latest or 127.0.0.1:5000/app@sha256:…; or an image object from the pipeline (Get-DockerImage).</para>
        /// </summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ImageCompleter))]
        public string Image { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The command and its arguments (everything after the image), replacing the image's CMD. Once it has started, every token is the command's except the full name of one of this cmdlet's parameters; after -- every token is.</para>
        /// </summary>
        [Parameter(Position = 1, ValueFromRemainingArguments = true)]
        public string[]? Command { get; set; }

        /// <summary>
        /// <para type="description">An image from the pipeline (Get-DockerImage), or an image name as a string. With an image piped in, the first positional token is the command.</para>
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public object? InputObject { get; set; }

        /// <summary>
        /// <para type="description">The container's name.</para>
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        /// <summary>
        /// <para type="description">Replaces the image's ENTRYPOINT; an empty string clears it.</para>
        /// </summary>
        [Parameter]
        [AllowEmptyString]
        public string[]? Entrypoint { get; set; }

        /// <summary>
        /// <para type="description">Environment variables: a hashtable, or KEY=value strings (a bare KEY passes this session's value, as docker run -e KEY).</para>
        /// </summary>
        [Parameter]
        [Alias("Env")]
        public object? Environment { get; set; }

        /// <summary>
        /// <para type="description">Ports to publish: '8080:80', '127.0.0.1:8080:80/udp', '127.0.0.1::80', '80', or a hashtable @{8080=80}.</para>
        /// </summary>
        [Parameter]
        public object[]? Publish { get; set; }

        /// <summary>
        /// <para type="description">Volumes: 'name:/path', '/host/path:/path:ro', or '/path' for an anonymous volume.</para>
        /// </summary>
        [Parameter]
        public string[]? Volume { get; set; }

        /// <summary>
        /// <para type="description">Mounts in docker's --mount form ('type=bind,source=/x,target=/y,readonly') or as hashtables with the same keys.</para>
        /// </summary>
        [Parameter]
        public object[]? Mount { get; set; }

        /// <summary>
        /// <para type="description">The working directory inside the container.</para>
        /// </summary>
        [Parameter]
        [Alias("WorkDir")]
        public string? WorkingDirectory { get; set; }

        /// <summary>
        /// <para type="description">The user (name or uid[:gid]) the process runs as.</para>
        /// </summary>
        [Parameter]
        public string? User { get; set; }

        /// <summary>
        /// <para type="description">The container's host name.</para>
        /// </summary>
        [Parameter]
        public string? Hostname { get; set; }

        /// <summary>
        /// <para type="description">Labels: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        public object? Label { get; set; }

        /// <summary>
        /// <para type="description">The network to attach to (a network name, or bridge, host, none).</para>
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.NetworkCompleter))]
        public string? Network { get; set; }

        /// <summary>
        /// <para type="description">no, always, unless-stopped, or on-failure[:max-retries].</para>
        /// </summary>
        [Parameter]
        [Alias("Restart")]
        public string? RestartPolicy { get; set; }

        /// <summary>
        /// <para type="description">Memory limit: bytes, or a size such as 512m or 1g.</para>
        /// </summary>
        [Parameter]
        public object? Memory { get; set; }

        /// <summary>
        /// <para type="description">CPU limit, in CPUs (0.5 is half a CPU).</para>
        /// </summary>
        [Parameter]
        public double? Cpus { get; set; }

        /// <summary>
        /// <para type="description">Mount the container's root file system read-only.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter ReadOnly { get; set; }

        /// <summary>
        /// <para type="description">Give the container every capability and device of the host. Only for containers you trust as you trust root.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Privileged { get; set; }

        /// <summary>
        /// <para type="description">Run an init process as PID 1 that forwards signals and reaps zombies.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Init { get; set; }

        /// <summary>
        /// <para type="description">Allocate a terminal (docker run -t; -t before the command). With -Interactive at a terminal the session is the container's terminal; without, output arrives as one stream.</para>
        /// </summary>
        [Parameter]
        [Alias("t")]
        public SwitchParameter Tty { get; set; }

        /// <summary>
        /// <para type="description">Keep the container's standard input open and send it yours (docker run -i; -i before the command, -it with -Tty): at a terminal what you type, else the lines piped in, ended when they end.</para>
        /// </summary>
        [Parameter]
        [Alias("i")]
        public SwitchParameter Interactive { get; set; }

        /// <summary>-it (or -ti) as docker users type it: -Interactive -Tty.</summary>
        [Parameter(DontShow = true)]
        [Alias("it", "ti")]
        public SwitchParameter InteractiveTty { get; set; }

        /// <summary>
        /// <para type="description">Escape hatch: the Engine API's create body (Config fields plus HostConfig and NetworkingConfig) as a hashtable or JSON string. The other parameters are applied on top of it.</para>
        /// </summary>
        [Parameter]
        public object? RawConfig { get; set; }

        /// <summary>
        /// <para type="description">The platform to create for, e.g. linux/amd64.</para>
        /// </summary>
        [Parameter]
        public string? Platform { get; set; }

        /// <summary>
        /// <para type="description">The container's streams to attach (docker run/create --attach): any of stdin, stdout and stderr, in any case. Without it: stdout and stderr, and stdin with -Interactive. Invoke-DockerContainer shows only the streams attached; stdin is read only with -Interactive, as with docker.</para>
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completers.AttachStreamCompleter))]
        public string[]? Attach { get; set; }

        /// <summary>-Interactive, -i or -it: the container's standard input is to be open.</summary>
        internal bool WantsStdin => Interactive.IsPresent || InteractiveTty.IsPresent;

/// <summary>The -Attach streams, lower-cased; InvalidAttachStream for any other word.</summary>
        internal static HashSet<string> AttachStreams(IEnumerable<string> values)
        {
            var streams = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in values)
            {
                foreach (var part in (value ?? string.Empty).Split(','))
                {
                    var stream = part.Trim().ToLowerInvariant();
                    if (stream != "stdin" && stream != "stdout" && stream != "stderr")
                    {
                        throw ArgumentValue.Bad(
                            "InvalidAttachStream",
                            "'" + part.Trim() + "' is not a stream to attach: use stdin, stdout or stderr (-Attach stdout, -Attach stdout,stderr).",
                            value);
                    }

                    streams.Add(stream);
                }
            }

            return streams;
        }

                /// <inheritdoc/>
        protected override void BeginProcessing() => _nameOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(Name));

        /// <summary>The request, fully validated; throws InvalidArgument <see cref="DockerPSException"/>s.</summary>
        internal CreateContainerParameters BuildCreateParameters()
        {
            ReadCommandLine();
            if (string.IsNullOrEmpty(Image))
            {
                throw new DockerPSException("No image: name one (" + MyInvocation.MyCommand.Name + " busybox:latest …) or pipe one in (Get-DockerImage busybox | " + MyInvocation.MyCommand.Name + " …).",
                    "ImageRequired", ErrorCategory.InvalidArgument, null);
            }

            // Checked here, not by a ValidatePattern: a piped image's Name binds first and is then set aside (ReadCommandLine).
            if (Name != null && !System.Text.RegularExpressions.Regex.IsMatch(Name, "^/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$"))
            {
                throw new DockerPSException("'" + Name + "' is not a valid container name: use letters, digits, _, . and -, starting with a letter or digit.",
                    "InvalidContainerName", ErrorCategory.InvalidArgument, Name);
            }

            if (!ImageReference.TryParse(Image, out _))
            {
                throw new DockerPSException(ImageReference.Explain(Image), "InvalidImageReference", ErrorCategory.InvalidArgument, Image);
            }

            var request = RawConfig is null ? new CreateContainerParameters() : FromRaw(RawConfig);
            request.Image = Image;
            request.Name = Name?.TrimStart('/') ?? request.Name;
            request.Platform = Platform ?? request.Platform;
            request.HostConfig ??= new HostConfig();
            var host = request.HostConfig;

            var command = Command ?? Array.Empty<string>();
            if (command.Length > 0)
            {
                request.Cmd = command.ToList();
            }

            if (Entrypoint != null)
            {
                request.Entrypoint = Entrypoint.Length == 0 ? new List<string> { string.Empty } : Entrypoint.ToList();
            }

            var environment = ContainerOptions.Environment(Environment);
            if (environment.Count > 0)
            {
                request.Env = (request.Env ?? new List<string>()).Concat(environment).ToList();
            }

            var labels = ContainerOptions.Labels(Label);
            if (labels.Count > 0)
            {
                request.Labels ??= new Dictionary<string, string>();
                foreach (var pair in labels)
                {
                    request.Labels[pair.Key] = pair.Value;
                }
            }

            var ports = PortArgument.Ports(Publish);
            if (ports.Count > 0)
            {
                host.PortBindings ??= new Dictionary<string, IList<PortBinding>>();
                request.ExposedPorts ??= new Dictionary<string, EmptyStruct>();
                foreach (var pair in ports)
                {
                    host.PortBindings[pair.Key] = pair.Value;
                    request.ExposedPorts[pair.Key] = new EmptyStruct();
                }
            }

            var (binds, anonymous) = MountArgument.Volumes(Volume, path => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
            if (binds.Count > 0)
            {
                host.Binds = (host.Binds ?? new List<string>()).Concat(binds).ToList();
            }

            if (anonymous.Count > 0)
            {
                request.Volumes ??= new Dictionary<string, EmptyStruct>();
                foreach (var path in anonymous.Keys)
                {
                    request.Volumes[path] = new EmptyStruct();
                }
            }

            var mounts = MountArgument.Mounts(Mount);
            if (mounts.Count > 0)
            {
                host.Mounts = (host.Mounts ?? new List<Docker.DotNet.Models.Mount>()).Concat(mounts).ToList();
            }

            if (RestartPolicy != null)
            {
                host.RestartPolicy = ContainerOptions.RestartPolicy(RestartPolicy);
            }

            if (Memory != null)
            {
                host.Memory = ContainerOptions.Memory(Memory);
            }

            if (Cpus != null)
            {
                host.NanoCPUs = ContainerOptions.NanoCpus(Cpus);
            }

            if (!string.IsNullOrEmpty(Network))
            {
                host.NetworkMode = Network!;
            }

            request.WorkingDir = WorkingDirectory ?? request.WorkingDir;
            request.User = User ?? request.User;
            request.Hostname = Hostname ?? request.Hostname;
            request.Tty = Tty.IsPresent || InteractiveTty.IsPresent || request.Tty;
            if (Attach != null)
            {
                // As docker's --attach: only the streams named (stdin also with -i, below).
                var streams = AttachStreams(Attach);
                request.AttachStdin = streams.Contains("stdin");
                request.AttachStdout = streams.Contains("stdout");
                request.AttachStderr = streams.Contains("stderr");
            }
            else
            {
                request.AttachStdout = true;
                request.AttachStderr = true;
            }

            if (Interactive.IsPresent || InteractiveTty.IsPresent)
            {
                // As docker run -i and docker create -i: stdin open, attached, and closed for good when the first attach ends.
                request.OpenStdin = true;
                request.AttachStdin = true;
                request.StdinOnce = true;
            }
            host.ReadonlyRootfs = ReadOnly.IsPresent || host.ReadonlyRootfs;
            host.Privileged = Privileged.IsPresent || host.Privileged;
            if (Init.IsPresent)
            {
                host.Init = true;
            }

            ApplySettings(request, host);
            return request;
        }

        /// <summary>
        /// Settles, once, what the command line meant (see <see cref="CommandLineRecovery"/>): the image typed or
        /// piped in, and the command with the tokens PowerShell's binder took from it given back. Throws
        /// UnknownParameter for a flag before the command that is not one of ours.
        /// </summary>
        internal void ReadCommandLine()
        {
            var piped = ImageFromInput();
            if (!_nameOnCommandLine && (ArgumentValue.Unwrap(InputObject) is Model.DockerImage || ArgumentValue.Unwrap(InputObject) is Model.DockerImageDetail))
            {
                Name = null; // an image's Name is the image, not the container's name
            }

            if (_commandLineRead)
            {
                if (piped != null)
                {
                    Image = piped;
                }

                return;
            }

            _commandLineRead = true;
            var recovered = CommandLineRecovery.Recover(this, nameof(Image), nameof(Command), piped != null);
            if (recovered is null)
            {
                // Splatting or a call from C#: bound as PowerShell binds; a caught flag goes back after the program.
                Command = CommandLine.Rejoin(Command, CommandLine.CaughtFlags(this)).ToArray();
                if (piped != null && !MyInvocation.BoundParameters.ContainsKey(nameof(Image)))
                {
                    Image = piped;
                }

                return;
            }

            CommandLine.Unset(this, recovered.Stolen);
            Command = recovered.Command.ToArray();
            Image = piped ?? LanguagePrimitives.ConvertTo<string>(recovered.Leading) ?? Image;
        }

        /// <summary>The image of an object piped in: an image's name (its id when untagged), a string as it is, or an object's Image property (a container's).</summary>
        private string? ImageFromInput()
        {
            switch (ArgumentValue.Unwrap(InputObject))
            {
                case null:
                    return null;
                case Model.DockerImage image:
                    return string.IsNullOrEmpty(image.Name) || image.Name.StartsWith("<none>", StringComparison.Ordinal) ? image.Id : image.Name;
                case Model.DockerImageDetail detail:
                    return detail.Id;
                case string text:
                    return text;
                default:
                    var property = PSObject.AsPSObject(InputObject).Properties["Image"];
                    return property?.Value is null ? null : LanguagePrimitives.ConvertTo<string>(property.Value);
            }
        }

        private static CreateContainerParameters FromRaw(object raw)
        {
            var json = ArgumentValue.Unwrap(raw) is string text ? text : PSJson.Serialize(raw);
            try
            {
                var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
                options.Converters.Add(new RestartPolicyKindConverter());
                return JsonSerializer.Deserialize<CreateContainerParameters>(EngineDurations(json), options) ?? new CreateContainerParameters();
            }
            catch (Exception e) when (e is JsonException || e is NotSupportedException || e is ArgumentException || e is InvalidOperationException)
            {
                throw new DockerPSException("-RawConfig is not a valid container create body: " + e.Message, "InvalidRawConfig", ErrorCategory.InvalidArgument, raw, e);
            }
        }

        /// <summary>What -WhatIf shows: the image, the command, ports, mounts and the environment's names (their values can be secrets).</summary>
        internal static string Describe(CreateContainerParameters request)
        {
            var parts = new List<string> { "container from " + request.Image };
            if (request.Cmd is { Count: > 0 })
            {
                parts.Add("command '" + string.Join(" ", request.Cmd) + "'");
            }

            if (request.Entrypoint is { Count: > 0 })
            {
                parts.Add("entrypoint '" + string.Join(" ", request.Entrypoint) + "'");
            }

            var host = request.HostConfig;
            if (host?.PortBindings is { Count: > 0 })
            {
                parts.Add("ports " + string.Join(", ", host.PortBindings.SelectMany(p => p.Value.Select(b =>
                    (string.IsNullOrEmpty(b.HostIP) ? string.Empty : b.HostIP + ":") + (string.IsNullOrEmpty(b.HostPort) ? "(any)" : b.HostPort) + "->" + p.Key))));
            }

            var mounts = (host?.Binds ?? new List<string>()).Concat((host?.Mounts ?? new List<Docker.DotNet.Models.Mount>()).Select(m => m.Type + ":" + (m.Source ?? "(new)") + "->" + m.Target))
                .Concat((request.Volumes ?? new Dictionary<string, EmptyStruct>()).Keys.Select(v => "volume->" + v)).ToList();
            if (mounts.Count > 0)
            {
                parts.Add("mounts " + string.Join(", ", mounts));
            }

            if (request.Env is { Count: > 0 })
            {
                parts.Add("environment " + string.Join(", ", request.Env.Select(e => e.Split('=')[0])));
            }

            return string.Join("; ", parts);
        }

        /// <summary>
        /// The engine writes the health check's durations as nanoseconds and the docker CLI takes 1s or 1m30s; the
        /// client library reads them as TimeSpans. Rewrites Healthcheck.Interval, Timeout, StartPeriod and
        /// StartInterval (a number of nanoseconds, or a duration) as TimeSpans, and StopTimeout given as a duration
        /// as whole seconds. Anything else stays as written.
        /// </summary>
        private static string EngineDurations(string json)
        {
            var root = System.Text.Json.Nodes.JsonNode.Parse(json) as System.Text.Json.Nodes.JsonObject;
            if (root is null)
            {
                return json;
            }

            System.Text.Json.Nodes.JsonNode? Find(System.Text.Json.Nodes.JsonObject o, string name) =>
                o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

            if (Find(root, "Healthcheck") is System.Text.Json.Nodes.JsonObject health)
            {
                foreach (var key in new[] { "Interval", "Timeout", "StartPeriod", "StartInterval" })
                {
                    var entry = health.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
                    if (entry.Value is System.Text.Json.Nodes.JsonValue value && !(value.TryGetValue<string>(out var text) && text.Contains(":")))
                    {
                        var raw = value.TryGetValue<string>(out var s) ? (object)s : value.GetValue<long>();
                        health[entry.Key] = TimeSpan.FromTicks(DurationArgument.Nanoseconds(raw, "RawConfig Healthcheck." + key) / 100).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
            }

            var stop = root.FirstOrDefault(p => string.Equals(p.Key, "StopTimeout", StringComparison.OrdinalIgnoreCase));
            if (stop.Value is System.Text.Json.Nodes.JsonValue stopValue && stopValue.TryGetValue<string>(out var stopText))
            {
                root[stop.Key] = DurationArgument.Nanoseconds(stopText, "RawConfig StopTimeout") / 1_000_000_000L;
            }

            return root.ToJsonString();
        }

        /// <summary>Creates the container; with <paramref name="pullIfMissing"/> a missing image is pulled first, as docker run does.</summary>
        internal string CreateContainer(DockerSession session, CreateContainerParameters request, bool pullIfMissing)
        {
            CheckNetwork(session);
            CreateContainerResponse created;
            try
            {
                created = Create(session, request);
            }
            catch (DockerPSException e) when (e.ErrorId == "ContainerNotFound" && e.Message.IndexOf("image", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                if (!pullIfMissing)
                {
                    throw new DockerPSException("The image " + Image + " is not on the engine " + session.Endpoint.Host + " (and -Pull never was given). Pull it first (Install-DockerImage), or leave out -Pull never.",
                        "ImageNotFound", ErrorCategory.ObjectNotFound, Image, e);
                }

                // As docker run writes it to stderr: on the information stream, shown as Write-Host is (6> captures it).
                WriteInformation(new HostInformationMessage { Message = "Unable to find image '" + (ImageReference.TryParse(Image, out var reference) ? reference.ToString() : Image) + "' locally" }, new[] { "PSHOST" });
                ImagePuller.Pull(this, session, Image, Platform);
                created = Create(session, request);
            }

            try
            {
                WriteCidfile(created.ID);
            }
            catch (DockerPSException)
            {
                // Nothing half-done: the container whose id could not be written goes again.
                RemoveQuietly(session, created.ID);
                throw;
            }

            foreach (var warning in created.Warnings ?? new List<string>())
            {
                if (!string.IsNullOrWhiteSpace(warning))
                {
                    WriteWarning(warning);
                }
            }

            return created.ID;
        }

        /// <summary>
        /// The create request, with the engine's refusals of a well-formed setting made the typed errors of that
        /// setting (before and after a pull alike).
        /// </summary>
        private CreateContainerResponse Create(DockerSession session, CreateContainerParameters request)
        {
            try
            {
                return Call(session, "Container", request.Name ?? Image, ct => session.Client.Containers.CreateContainerAsync(request, ct));
            }
            catch (DockerPSException e) when (e.ErrorId == "ContainerInvalidArgument" && e.Message.IndexOf("unknown capability", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // "Invalid CapAdd: unknown capability: "CAP_X"": the name is well formed, and this engine's kernel has no such capability.
                var match = System.Text.RegularExpressions.Regex.Match(e.Message, "unknown capability: \"?([A-Za-z0-9_]+)");
                var capability = match.Success ? match.Groups[1].Value : e.Message;
                throw new DockerPSException("'" + capability + "' is not a capability the engine knows (" + e.Message.TrimEnd('.') + "): use one of the Linux capabilities, such as NET_ADMIN, SYS_TIME or ALL.",
                    "InvalidCapability", ErrorCategory.InvalidArgument, capability, e);
            }
            catch (DockerPSException e) when (Cpus != null && e.ErrorId == "ContainerInvalidArgument" && e.Message.IndexOf("Range of CPUs", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // The engine knows how many CPUs it has: "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available".
                throw new DockerPSException("-Cpus " + Cpus.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is more than the engine " + session.Endpoint.Host + " can give: " + e.Message.TrimEnd('.') + ". Ask for at most that many.",
                    "InvalidCpus", ErrorCategory.InvalidArgument, Cpus.Value, e);
            }
        }

        /// <summary>
        /// A user-defined -Network must exist before anything is made: the engine would create the container and
        /// fail only at its start, and docker run then says the container (not the network) was not found.
        /// </summary>
        private void CheckNetwork(DockerSession session)
        {
            var network = Network;
            if (string.IsNullOrEmpty(network) || network == "bridge" || network == "host" || network == "none" || network == "default"
                || network!.StartsWith("container:", StringComparison.Ordinal))
            {
                return;
            }

            try
            {
                Call(session, "Network", network, ct => session.Client.Networks.InspectNetworkAsync(network, ct));
            }
            catch (DockerPSException e) when (e.ErrorId == "NetworkNotFound")
            {
                throw new DockerPSException(
                    "No network named '" + network + "' exists on " + session.Endpoint.Host + ", so no container was created. Create it first (New-DockerNetwork " + network + "), or choose one of Get-DockerNetwork.",
                    "NetworkNotFound", ErrorCategory.ObjectNotFound, network, e);
            }
        }

        /// <summary>Removes a container this command made, ignoring failures: used to leave nothing half-done.</summary>
        internal static void RemoveQuietly(DockerSession session, string id)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                session.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token)
                    .Wait(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is AggregateException || e is OperationCanceledException || e is ObjectDisposedException)
            {
                // Best effort: the container may already be gone (AutoRemove) or the engine away.
            }
        }

        private sealed class RestartPolicyKindConverter : JsonConverter<RestartPolicyKind>
        {
            public override RestartPolicyKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                var text = reader.GetString() ?? string.Empty;
                return ContainerOptions.RestartPolicy(text.Length == 0 ? "no" : text).Name;
            }

            public override void Write(Utf8JsonWriter writer, RestartPolicyKind value, JsonSerializerOptions options) =>
                writer.WriteStringValue(ContainerMapper.FormatRestartPolicy(new Docker.DotNet.Models.RestartPolicy { Name = value }));
        }
    }
}
