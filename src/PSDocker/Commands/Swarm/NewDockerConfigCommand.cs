using System.Management.Automation;
using System.Text;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker config create: data that is not secret (a configuration file), from text or a file.</summary>
    [Cmdlet(VerbsCommon.New, "DockerConfig", SupportsShouldProcess = true, DefaultParameterSetName = ByValue)]
    [OutputType(typeof(DockerConfig))]
    public sealed class NewDockerConfigCommand : DockerCmdlet
    {
        private const string ByValue = "ByValue";
        private const string ByPath = "ByPath";

        /// <summary>
        /// <para type="description">The config's name, as services name it (-Config).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ConfigName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The config's content as text (sent as UTF-8).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByValue, ValueFromPipeline = true)]
        [AllowEmptyString]
        public string? Value { get; set; }

        /// <summary>
        /// <para type="description">A file whose bytes are the config's content.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByPath)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>
        /// <para type="description">Labels of the config: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        public object? Label { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            byte[] data;
            System.Collections.Generic.Dictionary<string, string> labels;
            try
            {
                SwarmFileData.CheckName(Name, "config");
                labels = ContainerOptions.Labels(Label);
                data = Path != null ? SwarmFileData.Read(this, Path, "config") : new UTF8Encoding(false).GetBytes(Value ?? string.Empty);
                if (data.Length > SwarmFileData.MaxBytes)
                {
                    throw new DockerPSException("The config's content is " + data.Length + " bytes; a config holds at most 500 KiB.", "ConfigTooLarge", ErrorCategory.LimitsExceeded, Name);
                }
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
                return;
            }

            var session = GetSession(out var endpoint);
            if (!ShouldProcess(Name, "Create config"))
            {
                return;
            }

            try
            {
                var spec = new SwarmConfigSpec { Name = Name, Labels = labels, Data = data };
                var created = Call(session, "Config", Name, ct => session.Client.Configs.CreateConfigAsync(new SwarmCreateConfigParameters { Config = spec }, ct));
                var config = Call(session, "Config", Name, ct => session.Client.Configs.InspectConfigAsync(created.ID, ct));
                WriteObject(SwarmMapper.Config(config, endpoint));
            }
            catch (DockerPSException e) when (e.ErrorId == "ConfigAlreadyExists" || e.ErrorId == "ConfigConflict")
            {
                FailRecord(new DockerPSException("A config named '" + Name + "' exists already; configs cannot be changed. Give the new content another name (and update services to it), or Remove-DockerConfig the old one first.", "ConfigAlreadyExists", ErrorCategory.ResourceExists, Name, e));
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
            }
        }
    }
}
