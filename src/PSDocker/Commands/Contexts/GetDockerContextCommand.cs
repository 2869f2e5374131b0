using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Resources;

namespace PSDocker.Commands.Contexts
{
    /// <summary>
    /// <para type="synopsis">Gets the docker contexts (docker context ls, docker context inspect).</para>
    /// <para type="description">Lists the contexts the docker CLI keeps in $DOCKER_CONFIG/contexts (~/.docker/contexts), and "default", which stands for DOCKER_HOST or the local engine. The current one has Current set.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DockerContext")]
    [OutputType(typeof(DockerContext))]
    public sealed class GetDockerContextCommand : ContextCmdlet
    {
        /// <summary>
        /// <para type="description">Names of the contexts. Wildcards select among the contexts there are; a name without wildcards that is not there is the error DockerContextNotFound.</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContextCompleter))]
        public string[]? Name { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var current = ContextStore.CurrentName();
            var all = new List<DockerContext> { DefaultContext(current) };
            foreach (var (name, stored, error) in ContextStore.List())
            {
                all.Add(stored != null
                    ? ToObject(stored, current)
                    : new DockerContext { Name = name ?? string.Empty, Context = name, Error = error ?? string.Empty, Current = string.Equals(name, current, StringComparison.Ordinal) });
            }

            all.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            if (Name is null)
            {
                WriteObject(all, enumerateCollection: true);
                return;
            }

            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pattern in Name)
            {
                var wildcard = WildcardPattern.ContainsWildcardCharacters(pattern) ? new WildcardPattern(pattern, WildcardOptions.None) : null;
                var matches = all.Where(c => wildcard?.IsMatch(c.Name) ?? string.Equals(c.Name, pattern, StringComparison.Ordinal)).ToList();
                if (matches.Count == 0 && wildcard is null)
                {
                    WriteDockerError(new DockerPSException(UserText.Format(ContextMessages.NotFound, pattern, System.IO.Path.Combine(ContextStore.ConfigDirectory, "contexts")),
                        "DockerContextNotFound", ErrorCategory.ObjectNotFound, pattern), pattern);
                    continue;
                }

                foreach (var match in matches.Where(m => written.Add(m.Name)))
                {
                    WriteObject(match);
                }
            }
        }
    }
}
