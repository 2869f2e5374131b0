using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Formats;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker update: changes the memory limit, CPU limit and restart policy of existing containers, running or not.</summary>
    [Cmdlet(VerbsData.Update, "DockerContainer", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainer))]
    public sealed class UpdateDockerContainerCommand : ContainerCmdlet
    {
        private ContainerUpdateParameters? _update;
        private string _description = string.Empty;

        /// <summary>
        /// <para type="description">The memory limit: bytes, or a number with a unit as docker's --memory takes it (512m, 1g; binary units).</para>
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public object? Memory { get; set; }

        /// <summary>
        /// <para type="description">The memory plus swap limit (docker update --memory-swap): bytes or 1g-style, or -1 for unlimited swap. Needed when the new -Memory exceeds the container's current swap limit.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public object? MemorySwap { get; set; }

        /// <summary>
        /// <para type="description">How many CPUs the container may use, e.g. 0.5 or 2 (docker update --cpus).</para>
        /// </summary>
        [Parameter]
        public double? Cpus { get; set; }

        /// <summary>
        /// <para type="description">The restart policy: no, always, unless-stopped, or on-failure[:max-retries].</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RestartPolicy { get; set; }

        /// <summary>
        /// <para type="description">Output each updated container.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            // Every value is checked before the first request, as docker update does.
            var changes = new List<string>();
            var update = new ContainerUpdateParameters();
            try
            {
                if (MyInvocation.BoundParameters.ContainsKey(nameof(Memory)))
                {
                    update.Memory = ContainerOptions.Memory(Memory);
                    changes.Add("memory " + DockerFormat.MemorySize(update.Memory));
                }

                if (MyInvocation.BoundParameters.ContainsKey(nameof(MemorySwap)))
                {
                    var swap = ArgumentValue.Unwrap(MemorySwap);
                    update.MemorySwap = IsMinusOne(swap) ? -1 : ContainerOptions.Memory(swap);
                    changes.Add("memory+swap " + (update.MemorySwap < 0 ? "unlimited" : DockerFormat.MemorySize(update.MemorySwap)));
                }

                if (Cpus.HasValue)
                {
                    update.NanoCPUs = ContainerOptions.NanoCpus(Cpus);
                    changes.Add("cpus " + Cpus.Value.ToString(CultureInfo.InvariantCulture));
                }

                if (RestartPolicy != null)
                {
                    update.RestartPolicy = ContainerOptions.RestartPolicy(RestartPolicy);
                    changes.Add("restart policy " + ContainerMapper.FormatRestartPolicy(update.RestartPolicy));
                }
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }

            if (changes.Count == 0)
            {
                ThrowDockerError(new DockerPSException(ContainerMessages.UpdateNothingGiven, "UpdateNothingGiven", ErrorCategory.InvalidArgument, null));
            }

            _update = update;
            _description = string.Join(", ", changes);
        }

        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            if (!ShouldProcess(target.Display, "Update (" + _description + ")"))
            {
                return;
            }

            var response = Call(session, "Container", target.UserTarget, ct => session.Client.Containers.UpdateContainerAsync(target.Reference, _update!, ct));
            foreach (var warning in response?.Warnings ?? new List<string>())
            {
                WriteWarning(warning);
            }

            if (PassThru.IsPresent)
            {
                WriteObject(FetchContainer(session, target));
            }
        }

        private static bool IsMinusOne(object? value) =>
            value is int i ? i == -1 : value is long l ? l == -1 : value is string s && s.Trim() == "-1";
    }
}
