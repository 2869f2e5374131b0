using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Archives;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Formats;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Registry;

namespace PSDocker.Commands.Images
{
    /// <summary>
    /// docker build (the engine's builder): the context is streamed as a tar archive while it is read, with
    /// .dockerignore applied exactly as the docker CLI applies it; build output goes to the information stream
    /// as it arrives; intermediate containers are removed even when a step fails.
    /// </summary>
    [Cmdlet("Build", "DockerImage", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerImage))]
    public sealed class BuildDockerImageCommand : DockerCmdlet
    {
        private static readonly Regex StepLine = new Regex("^Step [0-9]+/[0-9]+ : .*$", RegexOptions.CultureInvariant);
        private const int ActivityId = 0x0B1D;

        /// <summary>
        /// <para type="description">The build context folder (default: the current location).</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string? Path { get; set; }

        /// <summary>
        /// <para type="description">The Dockerfile, inside or outside the context (default: Dockerfile in the context). A relative path is relative to the current location.</para>
        /// </summary>
        [Parameter]
        [Alias("File")]
        public string? Dockerfile { get; set; }

        /// <summary>
        /// <para type="description">Names for the image, repository[:tag]; several allowed.</para>
        /// </summary>
        [Parameter]
        [Alias("t")]
        public string[]? Tag { get; set; }

        /// <summary>
        /// <para type="description">Build arguments (ARG values) as a hashtable.</para>
        /// </summary>
        [Parameter]
        public Hashtable? BuildArg { get; set; }

        /// <summary>
        /// <para type="description">The stage to build in a multi-stage Dockerfile.</para>
        /// </summary>
        [Parameter]
        public string? Target { get; set; }

        /// <summary>
        /// <para type="description">Labels for the image: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        public object? Label { get; set; }

        /// <summary>
        /// <para type="description">Do not use cached layers.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter NoCache { get; set; }

        /// <summary>
        /// <para type="description">Always try to pull newer versions of the base images.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Pull { get; set; }

        /// <summary>
        /// <para type="description">The platform to build for, e.g. linux/amd64.</para>
        /// </summary>
        [Parameter]
        public string? Platform { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var plan = Plan();
            var session = GetSession(out var endpoint);
            if (!ShouldProcess(plan.Context, "Build" + (plan.Tags.Count > 0 ? " " + string.Join(", ", plan.Tags) : " an image")))
            {
                return;
            }

            var parameters = new ImageBuildParameters
            {
                Tags = plan.Tags.Count == 0 ? null : plan.Tags,
                Dockerfile = plan.DockerfileName,
                BuildArgs = plan.BuildArgs,
                Labels = plan.Labels,
                Target = Target,
                NoCache = NoCache.IsPresent ? true : (bool?)null,
                Pull = Pull.IsPresent ? "1" : null,
                Platform = Platform,
                Remove = true,
                // Intermediate containers go even when a step fails: nothing half-done stays behind.
                ForceRemove = true,
            };

            // Like docker build: every stored credential goes along, for FROM images in private registries.
            List<AuthConfig> credentials;
            try
            {
                credentials = RegistryCredentials.All((registry, why) => WriteWarning("The stored credentials for " + registry + " are not sent: " + why));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            WriteVerbose("Sending credentials for " + credentials.Count + " registr" + (credentials.Count == 1 ? "y." : "ies."));
            var output = new BuildOutput(this);
            var progress = new TransferProgress(ActivityId, "Building " + (plan.Tags.FirstOrDefault() ?? plan.Context),
                (bytes, rate) => output.CurrentStep ?? "Sending build context: " + DockerFormat.Size(bytes) + " (" + DockerFormat.Size((long)rate) + "/s)");
            try
            {
                Call(session, "Image", plan.Context, ct =>
                {
                    var reports = new Progress<JSONMessage>(output.Report);
                    var build = StreamedUpload.DirectAsync(
                        (stream, token) => ContainerArchive.WriteAsync(new CountingStream(stream, progress.Add), new DirectoryInfo(plan.Context), string.Empty, token, plan.Ignore, plan.ExtraFiles),
                        (stream, token) => session.Client.Images.BuildImageFromDockerfileAsync(parameters, stream, credentials, null, reports, token),
                        ct);
                    return progress.Watch(this, build, ct);
                });
            }
            catch (DockerPSException e) when (e.ErrorId == "ImageInvalidArgument")
            {
                ThrowDockerError(new DockerPSException("The engine refused the build: " + e.Message, "BuildDockerfileInvalid", ErrorCategory.InvalidArgument, plan.Context, e));
            }
            catch (DockerPSException e) when (e.InnerException is StreamedUpload.ProducerFailedException failed)
            {
                ThrowDockerError(new DockerPSException("The build context could not be read: " + failed.InnerException!.Message,
                    "BuildContextReadFailed", ErrorCategory.ReadError, plan.Context, failed.InnerException));
            }
            finally
            {
                progress.Complete(this);
            }

            WriteVerbose("Sent a build context of " + DockerFormat.Size(progress.Bytes) + ".");
            if (output.Error != null)
            {
                var step = output.CurrentStep;
                ThrowDockerError(new DockerPSException(
                    (step != null ? step + " failed: " : "The build failed: ") + output.Error,
                    step != null ? "BuildStepFailed" : "BuildFailed", ErrorCategory.InvalidOperation, plan.Context));
            }

            var reference = plan.Tags.FirstOrDefault() ?? output.ImageId;
            if (reference is null)
            {
                ThrowDockerError(new DockerPSException("The engine finished the build without naming the image it built.", "BuildFailed", ErrorCategory.InvalidResult, plan.Context));
                return;
            }

            try
            {
                WriteObject(ImageLookup.Fetch(this, session, endpoint, reference, plan.Context));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }

        private sealed class BuildPlan
        {
            public string Context = string.Empty;
            public string DockerfileName = "Dockerfile";
            public DockerIgnore Ignore = DockerIgnore.Empty;
            public List<(FileInfo File, string Name)> ExtraFiles = new List<(FileInfo, string)>();
            public List<string> Tags = new List<string>();
            public Dictionary<string, string>? BuildArgs;
            public Dictionary<string, string>? Labels;
        }

        /// <summary>Everything checked before any request: context, Dockerfile, .dockerignore, tags, arguments.</summary>
        private BuildPlan Plan()
        {
            var plan = new BuildPlan();
            try
            {
                var context = SessionState.Path.GetUnresolvedProviderPathFromPSPath(string.IsNullOrEmpty(Path) ? "." : Path);
                if (!Directory.Exists(context))
                {
                    throw new DockerPSException("The build context " + context + " is not a folder that exists. Give the folder that holds the files to build from (Build-DockerImage ./app).", "BuildContextNotFound", ErrorCategory.ObjectNotFound, Path ?? context);
                }

                plan.Context = System.IO.Path.GetFullPath(context).TrimEnd('/', '\\');
                var dockerfile = Dockerfile is null
                    ? System.IO.Path.Combine(plan.Context, "Dockerfile")
                    : System.IO.Path.GetFullPath(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Dockerfile));
                if (!File.Exists(dockerfile))
                {
                    throw new DockerPSException("The Dockerfile " + dockerfile + " does not exist. Name it with -Dockerfile (relative to the context), or put a Dockerfile in the context.", "BuildDockerfileNotFound", ErrorCategory.ObjectNotFound, Dockerfile ?? dockerfile);
                }

                var prefix = plan.Context + System.IO.Path.DirectorySeparatorChar;
                string? inContext = dockerfile.StartsWith(prefix, StringComparison.Ordinal)
                    ? dockerfile.Substring(prefix.Length).Replace('\\', '/')
                    : null;
                if (inContext is null)
                {
                    // Outside the context: sent inside the archive under a name of its own, as the CLI does.
                    plan.DockerfileName = ".dockerfile." + Guid.NewGuid().ToString("N").Substring(0, 20);
                    plan.ExtraFiles.Add((new FileInfo(dockerfile), plan.DockerfileName));
                }
                else
                {
                    plan.DockerfileName = inContext;
                }

                try
                {
                    plan.Ignore = DockerIgnore.ForBuild(plan.Context, inContext);
                }
                catch (ArgumentException e)
                {
                    throw new DockerPSException("The .dockerignore of " + plan.Context + " has a bad pattern: " + e.Message, "BuildIgnoreInvalid", ErrorCategory.InvalidData, System.IO.Path.Combine(plan.Context, ".dockerignore"), e);
                }

                foreach (var tag in Tag ?? Array.Empty<string>())
                {
                    if (!ImageReference.TryParse(tag, out var reference) || reference.Digest != null)
                    {
                        throw new DockerPSException("'" + tag + "' is not a valid repository:tag: use a lower-case name with an optional tag, such as team/app:1.0 or 127.0.0.1:5000/app:latest.", "InvalidImageReference", ErrorCategory.InvalidArgument, tag);
                    }

                    plan.Tags.Add(reference.ToString());
                }

                if (BuildArg != null)
                {
                    plan.BuildArgs = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in BuildArg)
                    {
                        plan.BuildArgs[LanguagePrimitives.ConvertTo<string>(entry.Key)] = LanguagePrimitives.ConvertTo<string>(ArgumentValue.Unwrap(entry.Value));
                    }
                }

                var labels = ContainerOptions.Labels(Label);
                plan.Labels = labels.Count == 0 ? null : labels;
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }

            return plan;
        }

        /// <summary>The engine's build messages: lines to the information stream, the current step, the image id and the error.</summary>
        private sealed class BuildOutput
        {
            private readonly BuildDockerImageCommand _cmdlet;
            private readonly LineSplitter _lines = new LineSplitter();
            private readonly List<string> _buffer = new List<string>();

            public BuildOutput(BuildDockerImageCommand cmdlet) => _cmdlet = cmdlet;

            public string? CurrentStep { get; private set; }

            public string? ImageId { get; private set; }

            public string? Error { get; private set; }

            public void Report(JSONMessage message)
            {
                if (message.Error != null)
                {
                    Error ??= (message.Error.Message ?? "unknown error").Trim();
                    return;
                }

                if (message.Aux?.ExtensionData != null && message.Aux.ExtensionData.TryGetValue("ID", out var id))
                {
                    ImageId = id?.ToString();
                }

                var text = message.Stream ?? (message.Status != null ? message.Status + "\n" : null);
                if (string.IsNullOrEmpty(text))
                {
                    return;
                }

                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                _lines.Push(bytes, 0, bytes.Length, _buffer);
                foreach (var line in _buffer)
                {
                    if (StepLine.IsMatch(line))
                    {
                        CurrentStep = line;
                    }

                    var built = Regex.Match(line, "^Successfully built ([0-9a-f]+)$");
                    if (built.Success)
                    {
                        ImageId ??= built.Groups[1].Value;
                    }

                    _cmdlet.WriteInformation(line, new[] { "PSDocker", "Build" });
                }

                _buffer.Clear();
            }
        }
    }
}
