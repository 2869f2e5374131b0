using System;
using System.Linq;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker secret ls (and inspect): the swarm's secrets, in one request.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerSecret", DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerSecret))]
    public sealed class GetDockerSecretCommand : DockerCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        /// <summary>
        /// <para type="description">Names of the secrets to get; wildcards allowed. A name without wildcards that matches nothing is an error.</para>
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SecretName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.SecretCompleter))]
        public string[]? Name { get; set; }

        /// <summary>
        /// <para type="description">Ids of the secrets to get: a unique prefix, or a wildcard pattern over the full id.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
        [Alias("SecretId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        /// <summary>
        /// <para type="description">Only secrets with these labels: 'key' or 'key=value'; all must match.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Label { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            try
            {
                var all = Call(session, "Secret", endpoint.Host, ct => Targets.Secrets.List(session, endpoint, ct));
                var kept = Label is null ? all : all.Where(item => Label.All(l =>
                {
                    var equals = l.IndexOf('=');
                    return equals < 0 ? item.Labels.ContainsKey(l) : item.Labels.TryGetValue(l.Substring(0, equals), out var value) && value == l.Substring(equals + 1);
                })).ToList();
                WriteObject(Name is null && Id is null ? kept : Targets.Secrets.Select(this, kept, Name, Id, filtered: Label != null, endpoint), enumerateCollection: true);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
