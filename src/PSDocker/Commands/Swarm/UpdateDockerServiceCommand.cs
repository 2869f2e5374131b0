using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker service update, scale and rollback: changes services in place (the version index is handled here).</summary>
    [Cmdlet(VerbsData.Update, "DockerService", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerService))]
    public sealed class UpdateDockerServiceCommand : ServiceSpecCmdlet
    {
        private const string ByName = "ByName";
        private const string ByInputObject = "ByInputObject";

        /// <summary>
        /// <para type="description">Names (or ids) of the services to update; wildcards select among existing services.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [Alias("ServiceName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ServiceCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>
        /// <para type="description">Services from Get-DockerService (or tasks: their services), or service names as strings.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>
        /// <para type="description">A new image for the tasks (a rolling update replaces them).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ImageCompleter))]
        public string? Image { get; set; }

        /// <summary>
        /// <para type="description">A new command (the arguments of the image's entrypoint, as New-DockerService takes them after the image; docker service update --args); replaces the old one.</para>
        /// </summary>
        [Parameter]
        [Alias("Args")]
        public string[]? Command { get; set; }

        /// <summary>
        /// <para type="description">A new entrypoint; replaces the old one.</para>
        /// </summary>
        [Parameter]
        public string[]? Entrypoint { get; set; }

        /// <summary>
        /// <para type="description">Scale a replicated service to this many tasks (docker service scale).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Replicas { get; set; }

        /// <summary>
        /// <para type="description">Replace the tasks even when nothing of them changed (docker service update --force).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// <para type="description">Go back to the service's previous settings (docker service rollback). Takes no other change.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Rollback { get; set; }

        /// <summary>
        /// <para type="description">Names of environment variables to remove.</para>
        /// </summary>
        [Parameter]
        [Alias("EnvRm")]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveEnvironment { get; set; }

        /// <summary>
        /// <para type="description">Keys of service labels to remove.</para>
        /// </summary>
        [Parameter]
        [Alias("LabelRm")]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveLabel { get; set; }

        /// <summary>
        /// <para type="description">Target ports (80 or 80/udp) whose publishing to remove.</para>
        /// </summary>
        [Parameter]
        [Alias("PublishRm")]
        [ValidateNotNullOrEmpty]
        public string[]? RemovePublish { get; set; }

        /// <summary>
        /// <para type="description">Container paths whose mounts to remove.</para>
        /// </summary>
        [Parameter]
        [Alias("MountRm")]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveMount { get; set; }

        /// <summary>
        /// <para type="description">Networks (names or ids) to detach the tasks from.</para>
        /// </summary>
        [Parameter]
        [Alias("NetworkRm")]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveNetwork { get; set; }

        /// <summary>
        /// <para type="description">Placement constraints to remove, written as they were added.</para>
        /// </summary>
        [Parameter]
        [Alias("ConstraintRm")]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveConstraint { get; set; }

        /// <summary>
        /// <para type="description">Names of secrets to take away from the tasks.</para>
        /// </summary>
        [Parameter]
        [Alias("SecretRm")]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveSecret { get; set; }

        /// <summary>
        /// <para type="description">Names of configs to take away from the tasks.</para>
        /// </summary>
        [Parameter]
        [Alias("ConfigRm")]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveConfig { get; set; }

        /// <summary>
        /// <para type="description">Changed (the default) pins a new -Image to its registry's digest; Always pins the current image again too; Never sends names as given.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Always", "Changed", "Never", IgnoreCase = true)]
        public string ResolveImage { get; set; } = "Changed";

        /// <summary>
        /// <para type="description">Write each service as it is after the update.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private static readonly string[] NotChanges = { "Name", "InputObject", "ResolveImage", "PassThru", "Wait", "DockerHost", "Context", "WithRegistryAuth", "WhatIf", "Confirm",
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable" };

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var changes = MyInvocation.BoundParameters.Keys.Where(k => !NotChanges.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
            if (changes.Count == 0)
            {
                ThrowDockerError(new DockerPSException("Nothing to update: give a setting to change (-Image, -Replicas, -Environment, …), -Force to replace the tasks as they are, or -Rollback.", "UpdateNothingGiven", ErrorCategory.InvalidArgument, null));
            }

            if (Rollback.IsPresent && changes.Count > 1)
            {
                ThrowDockerError(new DockerPSException("-Rollback goes back to the previous settings and takes no other change (-" + string.Join(", -", changes.Where(c => c != "Rollback")) + ").", "RollbackWithChanges", ErrorCategory.InvalidArgument, null));
            }

            Checked settings;
            try
            {
                settings = CheckSettings();
                if (Image != null && !Arguments.ImageReference.TryParse(Image, out _))
                {
                    throw new DockerPSException(Arguments.ImageReference.Explain(Image), "InvalidImageReference", ErrorCategory.InvalidArgument, Image);
                }
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            var targets = ParameterSetName == ByInputObject ? Targets.Services.FromPipeline(this, InputObject) : Targets.Services.Resolve(this, Name, byId: false);
            foreach (var target in targets)
            {
                var session = GetSession(target.Endpoint);
                if (!ShouldProcess(target.Display, Rollback.IsPresent ? "Roll back service to its previous settings" : "Update service: " + string.Join(", ", changes.Select(c => "-" + c))))
                {
                    continue;
                }

                try
                {
                    Update(session, target, settings);
                }
                catch (DockerPSException e) when (e.ErrorId == "ServiceNotFound")
                {
                    WriteItemError(Targets.Services.Missing(target, e), target.UserTarget);
                }
                catch (DockerPSException e)
                {
                    WriteItemError(e, target.UserTarget);
                }
            }
        }

        private void Update(DockerSession session, DockerTarget target, Checked settings)
        {
            var current = Call(session, "Service", target.UserTarget, ct => session.Client.Swarm.InspectServiceAsync(target.Reference, ct));
            var spec = current.Spec ?? throw new DockerPSException("The engine gave no settings for service " + target.Display + ".", "ServiceEngineError", ErrorCategory.InvalidResult, target.UserTarget);
            spec.TaskTemplate ??= new TaskSpec();
            var before = System.Text.Json.JsonSerializer.Serialize(spec.TaskTemplate);
            var request = new ServiceUpdateParameters { Version = (long)(current.Version?.Index ?? 0), Service = spec };
            if (Rollback.IsPresent)
            {
                if (current.PreviousSpec is null)
                {
                    throw new DockerPSException("Service " + target.Display + " has no previous settings to roll back to (it was never updated).", "ServiceNoPreviousSpec", ErrorCategory.InvalidOperation, target.UserTarget);
                }

                request.Rollback = "previous";
            }
            else
            {
                var container = spec.TaskTemplate.ContainerSpec ??= new ContainerSpec();
                if (Replicas.HasValue)
                {
                    if (spec.Mode?.Replicated is null)
                    {
                        throw new DockerPSException("Service " + target.Display + " is " + Api.SwarmMapper.ModeOf(spec.Mode) + ": only replicated services scale with -Replicas.", "ServiceNotReplicated", ErrorCategory.InvalidOperation, target.UserTarget);
                    }

                    spec.Mode.Replicated.Replicas = (ulong)Replicas.Value;
                }

                RemoveSettings(spec, container, session);
                Apply(spec, settings, session);
                var auth = RegistryAuth(Image ?? container.Image ?? string.Empty);
                request.RegistryAuth = auth!;
                var resolve = ResolveImage.ToLowerInvariant();
                if (Image != null)
                {
                    container.Image = resolve == "never" ? Image : PinImage(session, Image, auth, spec.TaskTemplate);
                }
                else if (resolve == "always")
                {
                    var bare = (container.Image ?? string.Empty).Split('@')[0];
                    container.Image = PinImage(session, bare, auth, spec.TaskTemplate);
                }

                if (Command != null) container.Args = Command.ToList();
                if (Entrypoint != null) container.Command = Entrypoint.ToList();
                if (Force.IsPresent) spec.TaskTemplate.ForceUpdate++;
            }

            var rolling = Rollback.IsPresent || Force.IsPresent || System.Text.Json.JsonSerializer.Serialize(spec.TaskTemplate) != before;
            var answer = Call(session, "Service", target.UserTarget, ct => session.Client.Swarm.UpdateServiceAsync(current.ID, request, ct));
            foreach (var warning in answer.Warnings ?? new List<string>())
            {
                WriteWarning(warning);
            }

            if (Wait.IsPresent)
            {
                ServiceConvergence.Wait(this, session, current.ID, target.Display, rolling, current.UpdateStatus?.StartedAt);
            }

            if (PassThru.IsPresent)
            {
                WriteObject(NewDockerServiceCommand.Read(this, session, current.ID, target.Endpoint));
            }
        }

        private void RemoveSettings(ServiceSpec spec, ContainerSpec container, DockerSession session)
        {
            if (RemoveEnvironment != null && container.Env != null)
            {
                container.Env = container.Env.Where(e => !RemoveEnvironment.Contains((e ?? string.Empty).Split('=')[0], StringComparer.Ordinal)).ToList();
            }

            if (RemoveLabel != null && spec.Labels != null)
            {
                foreach (var key in RemoveLabel) spec.Labels.Remove(key);
            }

            if (RemovePublish != null && spec.EndpointSpec?.Ports != null)
            {
                spec.EndpointSpec.Ports = spec.EndpointSpec.Ports.Where(p => !RemovePublish.Any(r =>
                {
                    var parts = r.Split('/');
                    return parts[0] == p.TargetPort?.ToString() && (parts.Length == 1 || string.Equals(parts[1], p.Protocol, StringComparison.OrdinalIgnoreCase));
                })).ToList();
            }

            if (RemoveMount != null && container.Mounts != null)
            {
                container.Mounts = container.Mounts.Where(m => !RemoveMount.Contains(m.Target ?? string.Empty, StringComparer.Ordinal)).ToList();
            }

            if (RemoveNetwork != null && spec.TaskTemplate?.Networks != null)
            {
                var names = NewDockerServiceCommand.NetworkNames(this, session);
                spec.TaskTemplate!.Networks = spec.TaskTemplate.Networks!.Where(n => !RemoveNetwork.Any(r =>
                    n.Target == r || (n.Target ?? string.Empty).StartsWith(r, StringComparison.Ordinal) || (names.TryGetValue(n.Target ?? string.Empty, out var name) && name == r))).ToList();
            }

            if (RemoveConstraint != null && spec.TaskTemplate?.Placement?.Constraints != null)
            {
                spec.TaskTemplate!.Placement!.Constraints = spec.TaskTemplate.Placement.Constraints!.Where(c => !RemoveConstraint.Contains(c ?? string.Empty, StringComparer.Ordinal)).ToList();
            }

            if (RemoveSecret != null && container.Secrets != null)
            {
                container.Secrets = container.Secrets.Where(s => !RemoveSecret.Contains(s.SecretName ?? string.Empty, StringComparer.Ordinal)).ToList();
            }

            if (RemoveConfig != null && container.Configs != null)
            {
                container.Configs = container.Configs.Where(c => !RemoveConfig.Contains(c.ConfigName ?? string.Empty, StringComparer.Ordinal)).ToList();
            }
        }
    }
}
