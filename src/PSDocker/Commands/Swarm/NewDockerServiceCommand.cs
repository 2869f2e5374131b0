using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker service create.</summary>
    [Cmdlet(VerbsCommon.New, "DockerService", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerService))]
    public sealed class NewDockerServiceCommand : ServiceSpecCmdlet
    {
        /// <summary>
        /// <para type="description">The image the tasks run, e.g. 127.0.0.1:5000/web:1. Every node pulls it; by default it is pinned to its registry's current digest (-ResolveImage).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ImageCompleter))]
        public string Image { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The command and its arguments, after the image (write -- before it when it has dashes: New-DockerService img -- sh -c '…'). They are the arguments of the image's entrypoint, as for docker service create.</para>
        /// </summary>
        [Parameter(Position = 1, ValueFromRemainingArguments = true)]
        public string[]? Command { get; set; }

        /// <summary>
        /// <para type="description">The service's name; without one the swarm makes one up.</para>
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceName")]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>
        /// <para type="description">Replace the image's entrypoint.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Entrypoint { get; set; }

        /// <summary>
        /// <para type="description">How many tasks to run (replicated mode; 1 unless given).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Replicas { get; set; }

        /// <summary>
        /// <para type="description">Run one task on every node that the constraints allow (global mode) instead of a number of replicas.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Global { get; set; }

        /// <summary>
        /// <para type="description">Give the tasks a terminal (docker service create -t).</para>
        /// </summary>
        [Parameter]
        [Alias("Tty")]
        public SwitchParameter Terminal { get; set; }

        /// <summary>
        /// <para type="description">Always (the default) pins the image to the digest its registry has now, and refuses an image the registry does not have; Never sends the name as given.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Always", "Never", IgnoreCase = true)]
        public string ResolveImage { get; set; } = "Always";

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            if (Global.IsPresent && Replicas.HasValue)
            {
                FailRecord(new DockerPSException("-Replicas and -Global exclude each other: a global service runs one task per node.", "ReplicasWithGlobal", ErrorCategory.InvalidArgument, Replicas.Value));
                return;
            }

            if (Name != null && !System.Text.RegularExpressions.Regex.IsMatch(Name, "^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$"))
            {
                FailRecord(new DockerPSException("'" + Name + "' is not a valid service name: use letters, digits and dashes (not at either end), at most 63 characters.", "InvalidServiceName", ErrorCategory.InvalidArgument, Name));
                return;
            }

            Checked settings;
            try
            {
                settings = CheckSettings();
                if (!Arguments.ImageReference.TryParse(Image, out _))
                {
                    throw new DockerPSException(Arguments.ImageReference.Explain(Image), "InvalidImageReference", ErrorCategory.InvalidArgument, Image);
                }
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
                return;
            }

            var session = GetSession(out var endpoint);
            var display = Name ?? "(a new service)";
            if (!ShouldProcess(display, "Create service from image " + Image + (Global.IsPresent ? " (global)" : " (" + (Replicas ?? 1) + " replica" + ((Replicas ?? 1) == 1 ? ")" : "s)"))))
            {
                return;
            }

            try
            {
                if (Name != null && Exists(session, Name))
                {
                    throw new DockerPSException("A service named '" + Name + "' exists already. Update-DockerService changes it; Remove-DockerService removes it.", "ServiceAlreadyExists", ErrorCategory.ResourceExists, Name);
                }

                var auth = RegistryAuth(Image);
                var spec = new ServiceSpec
                {
                    Name = Name ?? string.Empty,
                    Mode = Global.IsPresent ? new ServiceMode { Global = new GlobalService() } : new ServiceMode { Replicated = new ReplicatedService { Replicas = (ulong)(Replicas ?? 1) } },
                    TaskTemplate = new TaskSpec
                    {
                        ContainerSpec = new ContainerSpec
                        {
                            Image = Image,
                            Args = Command?.ToList(),
                            Command = Entrypoint?.ToList(),
                            TTY = Terminal.IsPresent ? true : (bool?)null,
                        },
                    },
                };
                spec.Labels ??= new Dictionary<string, string>();
                if (!string.Equals(ResolveImage, "Never", StringComparison.OrdinalIgnoreCase))
                {
                    spec.TaskTemplate.ContainerSpec.Image = PinImage(session, Image, auth, spec.TaskTemplate);
                }

                Apply(spec, settings, session);
                if (spec.TaskTemplate.ContainerSpec.Labels?.Count == 0)
                {
                    spec.TaskTemplate.ContainerSpec.Labels = null;
                }

                var created = Call(session, "Service", display, ct => session.Client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec, RegistryAuth = auth! }, ct));
                var id = created.ID ?? string.Empty;
                foreach (var warning in created.Warnings ?? new List<string>())
                {
                    WriteWarning(warning);
                }

                if (Wait.IsPresent)
                {
                    ServiceConvergence.Wait(this, session, id, Name ?? id, rollingUpdate: false);
                }

                WriteObject(Read(this, session, id, endpoint));
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
            }
        }

        private bool Exists(DockerSession session, string name)
        {
            try
            {
                Call(session, "Service", name, ct => session.Client.Swarm.InspectServiceAsync(name, ct));
                return true;
            }
            catch (DockerPSException e) when (e.ErrorId == "ServiceNotFound")
            {
                return false;
            }
        }

        /// <summary>The service as Get-DockerService shows it (with its task counts and network names).</summary>
        internal static DockerService Read(DockerCmdlet cmdlet, DockerSession session, string id, DockerEndpoint endpoint)
        {
            var listed = cmdlet.Call(session, "Service", id, ct => session.Client.Swarm.ListServicesAsync(new ServiceListParameters
            {
                Status = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["id"] = new Dictionary<string, bool> { [id] = true } },
            }, ct)).First(s => s.ID == id);
            return SwarmMapper.Service(listed, NetworkNames(cmdlet, session), endpoint);
        }

        internal static IReadOnlyDictionary<string, string> NetworkNames(DockerCmdlet cmdlet, DockerSession session) =>
            cmdlet.Call(session, "Network", null, ct => session.Client.Networks.ListNetworksAsync(new NetworksListParameters(), ct))
                .GroupBy(n => n.ID).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
    }
}
