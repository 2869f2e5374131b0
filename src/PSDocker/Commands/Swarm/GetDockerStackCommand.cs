using System.Management.Automation;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker stack ls: the stacks of a swarm, from one listing of its services.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerStack")]
    [OutputType(typeof(DockerStack))]
    public sealed class GetDockerStackCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Names of the stacks to get; wildcards allowed. A name without wildcards that matches no stack is an error.</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("StackName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.StackCompleter))]
        public string[]? Name { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            System.Collections.Generic.List<DockerStack> stacks;
            try
            {
                stacks = Call(session, "Stack", endpoint.Host, ct => StackEngine.Targets.List(session, endpoint, ct));
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            WriteObject(Name is null ? stacks : StackEngine.Targets.Select(this, stacks, Name, null, filtered: false, endpoint), enumerateCollection: true);
        }
    }
}
