using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker secret create: the value comes from a SecureString or a file and is never written to any stream.</summary>
    [Cmdlet(VerbsCommon.New, "DockerSecret", SupportsShouldProcess = true, DefaultParameterSetName = "ByValue")]
    [OutputType(typeof(DockerSecret))]
    public sealed class NewDockerSecretCommand : SwarmDataCmdlet<DockerSecret>
    {
        /// <summary>
        /// <para type="description">The secret's value (Read-Host -AsSecureString, or ConvertTo-SecureString). It is sent as UTF-8.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = "ByValue", ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecureString? Value { get; set; }

        internal override string KindWord => "secret";

        internal override byte[] ValueBytes() => SecretValue.Utf8(Value!);

        internal override DockerSecret Create(DockerSession session, DockerEndpoint endpoint, Dictionary<string, string> labels, byte[] data)
        {
            var spec = new SwarmSecretSpec { Name = Name, Labels = labels, Data = data };
            var created = Call(session, "Secret", Name, ct => session.Client.Secrets.CreateAsync(spec, ct));
            return SwarmMapper.Secret(Call(session, "Secret", Name, ct => session.Client.Secrets.InspectAsync(created.ID, ct)), endpoint);
        }
    }
}
