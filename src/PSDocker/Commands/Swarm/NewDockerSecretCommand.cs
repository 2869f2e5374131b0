using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker secret create: the value comes from a SecureString or a file and is never written to any stream.</summary>
    [Cmdlet(VerbsCommon.New, "DockerSecret", SupportsShouldProcess = true, DefaultParameterSetName = ByValue)]
    [OutputType(typeof(DockerSecret))]
    public sealed class NewDockerSecretCommand : DockerCmdlet
    {
        private const string ByValue = "ByValue";
        private const string ByPath = "ByPath";

        /// <summary>
        /// <para type="description">The secret's name, as services name it (-Secret) and tasks find it (/run/secrets/NAME).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SecretName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">The secret's value (Read-Host -AsSecureString, or ConvertTo-SecureString). It is sent as UTF-8.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByValue, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecureString? Value { get; set; }

        /// <summary>
        /// <para type="description">A file whose bytes are the secret's value.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ByPath)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>
        /// <para type="description">Labels of the secret: a hashtable or KEY=value strings.</para>
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
                SwarmFileData.CheckName(Name, "secret");
                labels = ContainerOptions.Labels(Label);
                data = Path != null ? SwarmFileData.Read(this, Path, "secret") : SecretValue.Utf8(Value!);
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
                return;
            }

            var session = GetSession(out var endpoint);
            if (!ShouldProcess(Name, "Create secret"))
            {
                return;
            }

            try
            {
                var spec = new SwarmSecretSpec { Name = Name, Labels = labels, Data = data };
                var created = Call(session, "Secret", Name, ct => session.Client.Secrets.CreateAsync(spec, ct));
                Array.Clear(data, 0, data.Length);
                var secret = Call(session, "Secret", Name, ct => session.Client.Secrets.InspectAsync(created.ID, ct));
                WriteObject(SwarmMapper.Secret(secret, endpoint));
            }
            catch (DockerPSException e) when (e.ErrorId == "SecretAlreadyExists" || e.ErrorId == "SecretConflict")
            {
                FailRecord(new DockerPSException("A secret named '" + Name + "' exists already; secrets cannot be changed. Give the new value another name (and update services to it), or Remove-DockerSecret the old one first.", "SecretAlreadyExists", ErrorCategory.ResourceExists, Name, e));
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
            }
        }
    }
}
