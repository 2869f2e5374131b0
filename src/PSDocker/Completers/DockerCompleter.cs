using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;

namespace PSDocker.Completers
{
    /// <summary>
    /// Shared completion logic: asks the engine that -DockerHost / -Context on the same command line point at
    /// (else the environment's), matches the typed prefix as a wildcard, and quotes what needs quoting.
    /// Completion must never hang or throw at the user: a slow or absent engine yields nothing.
    /// </summary>
    internal abstract class DockerCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
            IEnumerable<(string Value, string Tooltip)> candidates;
            try
            {
                candidates = Candidates(fakeBoundParameters);
            }
            catch (Exception e) when (e is DockerPSException || e is AggregateException || e is OperationCanceledException || e is TimeoutException)
            {
                return Array.Empty<CompletionResult>();
            }

            return candidates
                .Where(c => pattern.IsMatch(c.Value))
                .GroupBy(c => c.Value, StringComparer.Ordinal).Select(g => g.First())
                .OrderBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
                .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(c.Tooltip) ? c.Value : c.Tooltip))
                .ToList();
        }

        /// <summary>The values to offer, with a tooltip each.</summary>
        protected abstract IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters);

        /// <summary>The session for the engine the command line names; throws when it cannot be had within the budget.</summary>
        protected static DockerSession Session(IDictionary fakeBoundParameters)
        {
            var endpoint = EndpointResolver.Resolve(Bound(fakeBoundParameters, "DockerHost"), Bound(fakeBoundParameters, "Context"));
            var task = DockerSessionCache.GetAsync(endpoint, CancellationToken.None);
            return task.Wait(Budget) ? task.Result : throw new TimeoutException();
        }

        /// <summary>Runs one request with the completion budget.</summary>
        protected static T Ask<T>(Func<CancellationToken, Task<T>> request)
        {
            using var timeout = new CancellationTokenSource(Budget);
            var task = request(timeout.Token);
            return task.Wait(Budget) ? task.Result : throw new TimeoutException();
        }

        private static string? Bound(IDictionary parameters, string name)
        {
            if (parameters is null || !parameters.Contains(name))
            {
                return null;
            }

            var value = parameters[name];
            value = value is PSObject ps ? ps.BaseObject : value;
            // -Context a, b: the first names the engine to complete from.
            if (value is IList list)
            {
                value = list.Count > 0 ? list[0] : null;
                value = value is PSObject inner ? inner.BaseObject : value;
            }

            return value?.ToString();
        }

        private static string Quote(string value)
        {
            foreach (var c in value)
            {
                if (char.IsWhiteSpace(c) || "'\"`$;,(){}[]@#|&<>".IndexOf(c) >= 0)
                {
                    return "'" + value.Replace("'", "''") + "'";
                }
            }

            return value;
        }
    }
}
