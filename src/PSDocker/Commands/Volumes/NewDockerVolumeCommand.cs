using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Volumes
{
    /// <summary>docker volume create.</summary>
    [Cmdlet(VerbsCommon.New, "DockerVolume", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerVolume))]
    public sealed class NewDockerVolumeCommand : DockerCmdlet
    {
        // The local driver's rule (moby volume/local): two or more characters, no path separators.
        private static readonly Regex LocalName = new Regex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$", RegexOptions.CultureInvariant);

        /// <summary>
        /// <para type="description">The volume's name. Without one the engine makes up a random name (an anonymous volume).</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("VolumeName")]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>
        /// <para type="description">The volume driver: local (default) or an installed volume plugin.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Driver { get; set; } = "local";

        /// <summary>
        /// <para type="description">Driver options, as docker volume create --opt: a hashtable or KEY=value strings, e.g. @{type='tmpfs'; device='tmpfs'; o='size=100m'}.</para>
        /// </summary>
        [Parameter]
        [Alias("Option")]
        public object? DriverOption { get; set; }

        /// <summary>
        /// <para type="description">Labels: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        public object? Label { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var request = Validated();
            var session = GetSession(out var endpoint);
            var display = Name ?? VolumeMessages.AnonymousVolume;
            if (!ShouldProcess(display, "Create volume (driver " + Driver + ")"))
            {
                return;
            }

            try
            {
                if (Name != null && Exists(session, Name))
                {
                    throw new DockerPSException(UserText.Format(VolumeMessages.VolumeAlreadyExists, Name), "VolumeAlreadyExists", ErrorCategory.ResourceExists, Name);
                }

                VolumeResponse created;
                try
                {
                    created = Call(session, "Volume", display, ct => session.Client.Volumes.CreateAsync(request, ct));
                }
                catch (DockerPSException e) when (e.ErrorId == "VolumeNotFound" && e.Message.IndexOf("plugin", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    throw new DockerPSException(UserText.Format(VolumeMessages.VolumeDriverNotFound, Driver, e.Message), "VolumeDriverNotFound", ErrorCategory.ObjectNotFound, Driver, e);
                }

                WriteObject(VolumeMapper.FromApi(created, endpoint));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }

        private bool Exists(DockerSession session, string name)
        {
            try
            {
                Call(session, "Volume", name, ct => session.Client.Volumes.InspectAsync(name, ct));
                return true;
            }
            catch (DockerPSException e) when (e.ErrorId == "VolumeNotFound")
            {
                return false;
            }
        }

        private VolumesCreateParameters Validated()
        {
            try
            {
                DriverNames.Validate(Driver, "Driver", "InvalidVolumeDriver");
                if (Name != null && Driver == "local" && !LocalName.IsMatch(Name))
                {
                    throw new DockerPSException(UserText.Format(VolumeMessages.InvalidVolumeName, Name), "InvalidVolumeName", ErrorCategory.InvalidArgument, Name);
                }

                return new VolumesCreateParameters
                {
                    Name = Name ?? string.Empty,
                    Driver = Driver,
                    DriverOpts = ContainerOptions.Labels(DriverOption),
                    Labels = ContainerOptions.Labels(Label),
                };
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                throw; // not reached
            }
        }
    }
}
