using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker config create: data that is not secret (a configuration file), from text or a file.</summary>
    [Cmdlet(VerbsCommon.New, "DockerConfig", SupportsShouldProcess = true, DefaultParameterSetName = "ByValue")]
    [OutputType(typeof(DockerConfig))]
    public sealed class NewDockerConfigCommand : SwarmDataCmdlet<DockerConfig>
    {
        /// <summary>
        /// <para type="description">The config's content as text (sent as UTF-8).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = "ByValue", ValueFromPipeline = true)]
        [AllowEmptyString]
        public string? Value { get; set; }

        internal override string KindWord => "config";

        internal override byte[] ValueBytes() => new UTF8Encoding(false).GetBytes(Value ?? string.Empty);

        internal override DockerConfig Create(DockerSession session, DockerEndpoint endpoint, Dictionary<string, string> labels, byte[] data)
        {
            var spec = new SwarmConfigSpec { Name = Name, Labels = labels, Data = data };
            var created = Call(session, "Config", Name, ct => session.Client.Configs.CreateConfigAsync(new SwarmCreateConfigParameters { Config = spec }, ct));
            return SwarmMapper.Config(Call(session, "Config", Name, ct => session.Client.Configs.InspectConfigAsync(created.ID, ct)), endpoint);
        }
    }
}
