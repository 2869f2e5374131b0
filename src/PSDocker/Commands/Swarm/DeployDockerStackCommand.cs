using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Compose;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Registry;
using PSDocker.Resources;

namespace PSDocker.Commands.Swarm
{
    /// <summary>
    /// docker stack deploy, client-side as the CLI does it: the compose files are read and merged here, turned into
    /// engine specs, and made in a fixed order — networks, secrets, configs, then services. A deploy again updates
    /// the stack in place: services whose spec changed are updated (with their current version), others are left
    /// alone, existing networks, secrets and configs are kept.
    /// </summary>
    [Cmdlet("Deploy", "DockerStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DockerStack))]
    public sealed class DeployDockerStackCommand : DockerCmdlet
    {
        private const int ProgressId = 0x57AD;
        private static readonly JsonSerializerOptions SpecJson = new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        private bool _progressShown;
        private bool _declined;
        private int _step;
        private int _steps;

        /// <summary>
        /// <para type="description">The stack's name: the prefix of its objects' names (&lt;stack&gt;_&lt;name&gt;) and the value of their com.docker.stack.namespace label.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("StackName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.StackCompleter))]
        public string Name { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The compose files (format 3.x). Several are merged in order, later ones overriding earlier ones, as docker stack deploy -c a.yml -c b.yml does.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("ComposeFile")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Remove the stack's services that the compose files no longer name (docker stack deploy --prune).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Prune { get; set; }

        /// <summary>
        /// <para type="description">Send the registry login of each service's image (from the docker CLI's config.json, as Connect-DockerRegistry stores it) to the swarm, so its nodes can pull private images.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter WithRegistryAuth { get; set; }

        /// <summary>
        /// <para type="description">When to look the image up on its registry and pin its digest: Always (the default), Changed (only for images the compose files changed), or Never.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Always", "Changed", "Never", IgnoreCase = true)]
        public string ResolveImage { get; set; } = "Always";

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            ComposeProject project;
            StackPlan plan;
            try
            {
                StackEngine.ValidName(Name);
                project = ComposeLoader.Load(Files(), Environment.GetEnvironmentVariable, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
                foreach (var warning in project.Warnings)
                {
                    WriteWarning(UserText.Format(StackMessages.IgnoredKey, warning.Key, warning.Source, warning.Message));
                }

                plan = StackConverter.Convert(project, Name);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            var session = GetSession(out var endpoint);
            try
            {
                // As docker stack deploy checks first: only a swarm manager runs stacks.
                var info = Call(session, "Swarm", endpoint.Host, ct => session.Client.System.GetSystemInfoAsync(ct));
                SwarmState.Require(info, endpoint, manager: true);
                Deploy(session, plan);
                var services = Call(session, "Service", Name, ct => StackEngine.ServicesAsync(session, Name, ct));
                if (services.Count > 0 && !_declined)
                {
                    WriteObject(StackEngine.ToStacks(services, endpoint).First());
                }
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
            finally
            {
                if (_progressShown)
                {
                    WriteProgress(new ProgressRecord(ProgressId, "Deploying stack " + Name, "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
        }

        /// <summary>The -Path files as full paths; a missing one is ComposeFileNotFound naming it as it was typed.</summary>
        private List<string> Files()
        {
            var files = new List<string>();
            foreach (var path in Path)
            {
                var full = GetUnresolvedProviderPathFromPSPath(path);
                if (!System.IO.File.Exists(full))
                {
                    throw new DockerPSException(
                        "The compose file '" + path + "' does not exist" + (System.IO.Directory.Exists(full) ? " (it is a folder)." : ".") + " Give the path of a compose file, such as ./docker-compose.yml.",
                        "ComposeFileNotFound", ErrorCategory.ObjectNotFound, path);
                }

                files.Add(full);
            }

            return files;
        }

        /// <summary>ShouldProcess, remembering a refusal (-WhatIf, or No at -Confirm): then the stack is not written out.</summary>
        private bool Approve(string? target, string action)
        {
            var approved = ShouldProcess(target, action);
            _declined |= !approved;
            return approved;
        }

        private void Progress(string what)
        {
            _progressShown = true;
            _step++;
            WriteProgress(new ProgressRecord(ProgressId, "Deploying stack " + Name, what) { PercentComplete = Math.Min(100, _step * 100 / Math.Max(1, _steps)) });
        }

        private void Deploy(DockerSession session, StackPlan plan)
        {
            var existing = Call(session, "Service", Name, ct => StackEngine.ServicesAsync(session, Name, ct))
                .Where(s => s.Spec?.Name != null).ToDictionary(s => s.Spec!.Name, StringComparer.Ordinal);
            var pruned = Prune.IsPresent ? existing.Values.Where(s => !plan.Services.Values.Any(p => p.Name == s.Spec!.Name)).OrderBy(s => s.Spec!.Name, StringComparer.Ordinal).ToList() : new List<SwarmService>();
            _steps = pruned.Count + plan.ExternalNetworks.Count + plan.Networks.Count + plan.Secrets.Count + plan.Configs.Count + plan.Services.Count;

            // As the CLI: services the files dropped go first, so their names and ports are free for the others.
            foreach (var service in pruned)
            {
                Progress("Removing service " + service.Spec!.Name);
                if (Approve(service.Spec.Name, "Remove service (not in the compose files any more)"))
                {
                    Call(session, "Service", service.Spec!.Name, ct => session.Client.Swarm.RemoveServiceAsync(service.ID, ct));
                }
            }

            var networkIds = Networks(session, plan);
            var planned = new HashSet<string>(StringComparer.Ordinal);
            Secrets(session, plan, planned);
            Configs(session, plan, planned);

            var secretIds = (Call(session, "Secret", Name, ct => session.Client.Secrets.ListAsync(ct)) ?? new List<Secret>())
                .Where(s => s.Spec?.Name != null).GroupBy(s => s.Spec.Name).ToDictionary(g => g.Key, g => g.First().ID, StringComparer.Ordinal);
            var configIds = (Call(session, "Config", Name, ct => session.Client.Configs.ListConfigsAsync(ct)) ?? new List<SwarmConfig>())
                .Where(c => c.Spec?.Name != null).GroupBy(c => c.Spec.Name).ToDictionary(g => g.Key, g => g.First().ID, StringComparer.Ordinal);

            foreach (var pair in plan.Services)
            {
                var spec = pair.Value;
                var container = spec.TaskTemplate!.ContainerSpec!;
                foreach (var reference in container.Secrets ?? new List<SecretReference>())
                {
                    reference.SecretID = secretIds.TryGetValue(reference.SecretName, out var id) ? id
                        : planned.Contains(reference.SecretName) ? string.Empty
                        : throw new DockerPSException(UserText.Format(StackMessages.ExternalObjectNotFound, "secret", reference.SecretName, pair.Key, "Secret"), "StackSecretNotFound", ErrorCategory.ObjectNotFound, reference.SecretName);
                }

                foreach (var reference in container.Configs ?? new List<SwarmConfigReference>())
                {
                    reference.ConfigID = configIds.TryGetValue(reference.ConfigName, out var id) ? id
                        : planned.Contains(reference.ConfigName) ? string.Empty
                        : throw new DockerPSException(UserText.Format(StackMessages.ExternalObjectNotFound, "config", reference.ConfigName, pair.Key, "Config"), "StackConfigNotFound", ErrorCategory.ObjectNotFound, reference.ConfigName);
                }

                // The engine keeps networks by id: the spec names them so, and compares equal to what it holds.
                foreach (var network in spec.TaskTemplate.Networks ?? new List<NetworkAttachmentConfig>())
                {
                    if (networkIds.TryGetValue(network.Target ?? string.Empty, out var id))
                    {
                        network.Target = id;
                    }
                }

                existing.TryGetValue(spec.Name, out var current);
                Service(session, spec, current);
            }
        }

        /// <summary>Checks the external networks, makes the stack's missing ones; returns network ids by name.</summary>
        private Dictionary<string, string> Networks(DockerSession session, StackPlan plan)
        {
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in plan.ExternalNetworks)
            {
                Progress("Checking network " + name);
                if (name == "host" || name == "bridge" || name == "none")
                {
                    continue;
                }

                NetworkResponse network;
                try
                {
                    network = Call(session, "Network", name, ct => session.Client.Networks.InspectNetworkAsync(name, ct));
                }
                catch (DockerPSException e) when (e.ErrorId == "NetworkNotFound")
                {
                    throw new DockerPSException(UserText.Format(StackMessages.ExternalNetworkNotFound, name), "StackExternalNetworkNotFound", ErrorCategory.ObjectNotFound, name, e);
                }

                if (network.Scope != "swarm")
                {
                    throw new DockerPSException(UserText.Format(StackMessages.ExternalNetworkNotSwarm, name, network.Scope), "StackExternalNetworkNotSwarm", ErrorCategory.InvalidArgument, name);
                }

                ids[name] = network.ID;
            }

            foreach (var network in Call(session, "Network", Name, ct => StackEngine.NetworksAsync(session, Name, ct)))
            {
                ids[network.Name] = network.ID;
            }

            foreach (var network in plan.Networks)
            {
                Progress("Network " + network.Name);
                if (ids.ContainsKey(network.Name))
                {
                    WriteVerbose("Network " + network.Name + " exists; it is kept as it is.");
                    continue;
                }

                if (Approve(network.Name, "Create network (driver " + network.Create.Driver + ")"))
                {
                    var created = Call(session, "Network", network.Name, ct => session.Client.Networks.CreateNetworkAsync(network.Create, ct));
                    ids[network.Name] = created.ID;
                }
            }

            return ids;
        }

        private void Secrets(DockerSession session, StackPlan plan, HashSet<string> planned)
        {
            foreach (var spec in plan.Secrets)
            {
                Progress("Secret " + spec.Name);
                var current = Find(() => Call(session, "Secret", spec.Name, ct => session.Client.Secrets.InspectAsync(spec.Name!, ct)));
                if (current is null)
                {
                    planned.Add(spec.Name!);
                    if (Approve(spec.Name, "Create secret"))
                    {
                        Call(session, "Secret", spec.Name, ct => session.Client.Secrets.CreateAsync(spec, ct));
                    }

                    continue;
                }

                // The engine holds no secret's data to compare with: as the CLI, the update carries it, and the engine
                // refuses it when the data differs.
                if (Approve(spec.Name, "Update secret (labels; its content cannot change)"))
                {
                    try
                    {
                        Call(session, "Secret", spec.Name, ct => session.Raw.PostJsonAsync("secrets/" + Uri.EscapeDataString(current.ID) + "/update?version=" + current.Version?.Index, JsonSerializer.Serialize(spec, SpecJson), ct));
                    }
                    catch (DockerPSException e) when (e.Message.IndexOf("only updates to Labels", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        throw new DockerPSException(UserText.Format(StackMessages.SecretChanged, spec.Name, e.Message), "StackSecretChanged", ErrorCategory.InvalidOperation, spec.Name, e);
                    }
                }
            }
        }

        private void Configs(DockerSession session, StackPlan plan, HashSet<string> planned)
        {
            foreach (var spec in plan.Configs)
            {
                Progress("Config " + spec.Name);
                var current = Find(() => Call(session, "Config", spec.Name, ct => session.Client.Configs.InspectConfigAsync(spec.Name!, ct)));
                if (current is null)
                {
                    planned.Add(spec.Name!);
                    if (Approve(spec.Name, "Create config"))
                    {
                        Call(session, "Config", spec.Name, ct => session.Client.Configs.CreateConfigAsync(new SwarmCreateConfigParameters { Config = spec }, ct));
                    }

                    continue;
                }

                if (!(current.Spec?.Data ?? Array.Empty<byte>()).SequenceEqual(spec.Data ?? Array.Empty<byte>()))
                {
                    throw new DockerPSException(UserText.Format(StackMessages.ConfigChanged, spec.Name, "only updates to Labels are allowed"), "StackConfigChanged", ErrorCategory.InvalidOperation, spec.Name);
                }

                if (SameLabels(current.Spec?.Labels, spec.Labels))
                {
                    WriteVerbose("Config " + spec.Name + " is unchanged.");
                    continue;
                }

                if (Approve(spec.Name, "Update config (labels)"))
                {
                    Call(session, "Config", spec.Name, ct => session.Raw.PostJsonAsync("configs/" + Uri.EscapeDataString(current.ID) + "/update?version=" + current.Version?.Index, JsonSerializer.Serialize(spec, SpecJson), ct));
                }
            }
        }

        private static bool SameLabels(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
            (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? new Dictionary<string, string>()).All(p => b != null && b.TryGetValue(p.Key, out var v) && v == p.Value);

        private static T? Find<T>(Func<T> inspect) where T : class
        {
            try
            {
                return inspect();
            }
            catch (DockerPSException e) when (e.ErrorId.EndsWith("NotFound", StringComparison.Ordinal))
            {
                return null;
            }
        }

        private void Service(DockerSession session, ServiceSpec spec, SwarmService? current)
        {
            Progress("Service " + spec.Name);
            var container = spec.TaskTemplate!.ContainerSpec!;
            var image = container.Image!;
            var previousImage = current?.Spec?.Labels != null && current.Spec.Labels.TryGetValue(StackConverter.ImageLabel, out var label) ? label : null;
            var mode = ResolveImage.ToLowerInvariant();
            var auth = WithRegistryAuth.IsPresent ? Auth(image) : null;
            if (current != null && mode != "always" && image == previousImage)
            {
                // The image did not change: keep what the last deploy pinned, or the spec differs only by that.
                // (The CLI copies the image alone and so drops the platforms the last lookup added: an update for nothing.)
                container.Image = current.Spec!.TaskTemplate?.ContainerSpec?.Image ?? image;
                spec.TaskTemplate.Placement!.Platforms = current.Spec.TaskTemplate?.Placement?.Platforms;
            }
            else if (mode != "never")
            {
                Pin(session, spec, auth);
            }

            if (current is null)
            {
                if (Approve(spec.Name, "Create service (image " + image + ")"))
                {
                    var created = Call(session, "Service", spec.Name, ct => session.Client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec, RegistryAuth = auth! }, ct));
                    foreach (var warning in created.Warnings ?? new List<string>())
                    {
                        WriteWarning(spec.Name + ": " + warning);
                    }
                }

                return;
            }

            // Stack deploy has no --force: keep the service's ForceUpdate, so its tasks are not restarted for nothing.
            spec.TaskTemplate.ForceUpdate = current.Spec!.TaskTemplate?.ForceUpdate ?? 0;
            var difference = SpecComparison.Difference(spec, current.Spec);
            if (difference is null)
            {
                WriteVerbose("Service " + spec.Name + " is unchanged; it is not updated.");
                return;
            }

            WriteVerbose("Service " + spec.Name + " changed (" + difference + ").");
            if (Approve(spec.Name, "Update service (image " + image + ")"))
            {
                var updated = Call(session, "Service", spec.Name, ct => session.Client.Swarm.UpdateServiceAsync(current.ID, new ServiceUpdateParameters
                {
                    Service = spec,
                    Version = (long)(current.Version?.Index ?? 0),
                    RegistryAuth = auth!,
                }, ct));
                foreach (var warning in updated.Warnings ?? new List<string>())
                {
                    WriteWarning(spec.Name + ": " + warning);
                }
            }
        }

        /// <summary>
        /// As the CLI's QueryRegistry: the engine asks the registry for the image's digest and platforms; the service runs
        /// image@digest, placed on those platforms. When the registry cannot say, the image stays as written, with a warning.
        /// </summary>
        private void Pin(DockerSession session, ServiceSpec spec, AuthConfig? auth)
        {
            var container = spec.TaskTemplate!.ContainerSpec!;
            var image = container.Image!;
            if (image.IndexOf('@') >= 0)
            {
                return;
            }

            string? digest;
            List<SwarmPlatform> platforms;
            try
            {
                (digest, platforms) = Call(session, "Image", image, ct => ImageDigest.LookUpAsync(session, image, auth, ct));
            }
            catch (DockerPSException e) when (!e.ErrorId.StartsWith("Docker", StringComparison.Ordinal))
            {
                WriteWarning(UserText.Format(StackMessages.ImageNotResolved, image, e.Message));
                return;
            }

            if (string.IsNullOrEmpty(digest))
            {
                return;
            }

            container.Image = image + "@" + digest;
            if (platforms.Count > 0)
            {
                spec.TaskTemplate.Placement ??= new Placement();
                spec.TaskTemplate.Placement.Platforms = platforms;
            }
        }

        private static AuthConfig? Auth(string image)
        {
            var registry = ImageReference.TryParse(image, out var reference) ? reference.Registry : null;
            return RegistryCredentials.Find(RegistryCredentials.Key(registry));
        }
    }
}
