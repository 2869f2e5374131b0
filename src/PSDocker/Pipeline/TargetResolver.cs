using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PSDocker.Connection;
using PSDocker.Model;

namespace PSDocker.Pipeline
{
    /// <summary>
    /// How -Name, -Id and -InputObject select one kind of engine object, for the cmdlets that list that kind
    /// (<see cref="Select"/>) and for those that act on it (<see cref="Resolve"/>, <see cref="FromPipeline"/>).
    /// One instance per kind lives in <see cref="Targets"/>; a new kind (services, nodes, secrets, configs) is
    /// one more instance, not another copy of the matching rules.
    /// </summary>
    /// <remarks>
    /// The rules: a -Name pattern matches any of an object's names, case-insensitively; an -Id without
    /// wildcards is a unique prefix, with wildcards a pattern over the full id. An exact value that selects
    /// nothing is a not-found error in a listing; a pattern that selects nothing selects nothing, as for
    /// Get-Process. Cmdlets that act pass exact values to the engine unlisted (it resolves names and id
    /// prefixes itself and says which it does not know) and list once per record to expand patterns.
    /// </remarks>
    internal sealed class TargetResolver<T> where T : DockerObject
    {
        public TargetResolver(
            string subject,
            Func<DockerSession, DockerEndpoint, CancellationToken, Task<List<T>>> list,
            Func<T, string> nameOf,
            Func<T, DockerEndpoint, object, DockerTarget> toTarget,
            Func<string, bool, bool, DockerEndpoint, DockerPSException> notFound)
        {
            Subject = subject;
            List = list;
            NameOf = nameOf;
            ToTarget = toTarget;
            NotFound = notFound;
            NamesOf = item => new[] { nameOf(item) };
        }

        /// <summary>The subject of errors while listing ("Container" gives ContainerNotFound, ...).</summary>
        public string Subject { get; }

        /// <summary>The engine's objects of this kind, in the order a -Name pattern yields them.</summary>
        public Func<DockerSession, DockerEndpoint, CancellationToken, Task<List<T>>> List { get; }

        /// <summary>The name errors and messages use for a matched object.</summary>
        public Func<T, string> NameOf { get; }

        /// <summary>The target an object stands for, given what its errors name.</summary>
        public Func<T, DockerEndpoint, object, DockerTarget> ToTarget { get; }

        /// <summary>The error for an exact -Name (byId false) or -Id (byId true) that a listing does not hold.</summary>
        public Func<string, bool, bool, DockerEndpoint, DockerPSException> NotFound { get; }

        /// <summary>The object's id, which -Id matches (kinds without ids leave it empty).</summary>
        public Func<T, string> IdOf { get; set; } = _ => string.Empty;

        /// <summary>The object's names, any of which a -Name pattern may match: by default its one name.</summary>
        public Func<T, IEnumerable<string>> NamesOf { get; set; }

        /// <summary>What the user typed for -Name, as it is matched and sent (containers drop a leading '/').</summary>
        public Func<string, string> TrimName { get; set; } = name => name;

        /// <summary>What the user typed for -Id, as it is matched (images add the sha256: prefix).</summary>
        public Func<string, string> NormalizeId { get; set; } = id => id;

        /// <summary>Replaces the plain name match where a kind's names have structure (images: repository[:tag]).</summary>
        public Func<IEnumerable<T>, string, IEnumerable<T>>? MatchName { get; set; }

        /// <summary>Whether cmdlets that act expand an -Id pattern; where false, the -Id goes to the engine as typed.</summary>
        public bool ExpandIdPatterns { get; set; } = true;

        /// <summary>Whether a piped object is itself the target its errors name (else its name is).</summary>
        public bool ObjectIsTarget { get; set; }

        /// <summary>The objects a -Name value selects.</summary>
        public IEnumerable<T> MatchNames(IEnumerable<T> items, string value)
        {
            var name = TrimName(value);
            if (MatchName != null)
            {
                return MatchName(items, name);
            }

            var pattern = Pattern(name);
            return items.Where(item => NamesOf(item).Any(pattern.IsMatch));
        }

        /// <summary>
        /// A case-insensitive wildcard pattern, checked at once: a malformed one ('[') is InvalidWildcardPattern
        /// naming it, not PowerShell's untyped error at the first match.
        /// </summary>
        internal static WildcardPattern Pattern(string text)
        {
            var pattern = new WildcardPattern(text, WildcardOptions.IgnoreCase);
            try
            {
                pattern.IsMatch(string.Empty);
            }
            catch (WildcardPatternException e)
            {
                throw new DockerPSException(
                    "'" + text + "' is not a valid wildcard pattern: " + e.Message.TrimEnd('.') + ". Escape a literal [ or ] with a backtick (`[ `]), or leave it out.",
                    "InvalidWildcardPattern", ErrorCategory.InvalidArgument, text, e);
            }

            return pattern;
        }

        /// <summary>The objects an -Id value selects: a unique prefix, or a pattern over the full id.</summary>
        public IEnumerable<T> MatchIds(IEnumerable<T> items, string value)
        {
            var id = NormalizeId(value);
            if (WildcardPattern.ContainsWildcardCharacters(id))
            {
                var pattern = Pattern(id);
                return items.Where(item => pattern.IsMatch(IdOf(item)));
            }

            return items.Where(item => IdOf(item).StartsWith(id, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// For listing cmdlets: what -Name and -Id select from <paramref name="items"/>, each object once, in the
        /// order asked. An exact value that selects nothing writes a non-terminating not-found error.
        /// </summary>
        public List<T> Select(DockerCmdlet cmdlet, IReadOnlyList<T> items, IEnumerable<string>? names, IEnumerable<string>? ids, bool filtered, DockerEndpoint endpoint)
        {
            var selected = new List<T>();
            void Add(string value, bool byId, IEnumerable<T> matches)
            {
                var found = false;
                foreach (var match in matches)
                {
                    found = true;
                    if (!selected.Contains(match))
                    {
                        selected.Add(match);
                    }
                }

                if (!found && !WildcardPattern.ContainsWildcardCharacters(value))
                {
                    cmdlet.WriteError(NotFound(value, byId, filtered, endpoint).ToErrorRecord());
                }
            }

            foreach (var name in names ?? Enumerable.Empty<string>())
            {
                Add(name, false, MatchNames(items, name));
            }

            foreach (var id in ids ?? Enumerable.Empty<string>())
            {
                Add(id, true, MatchIds(items, id));
            }

            return selected;
        }

        /// <summary>
        /// For cmdlets that act: the targets -Name (<paramref name="byId"/> false) or -Id values name on this
        /// record's engine. Exact values pass as typed; patterns expand against one listing (no match: nothing).
        /// A failed listing stops the pipeline.
        /// </summary>
        public IEnumerable<DockerTarget> Resolve(DockerCmdlet cmdlet, IEnumerable<string> values, bool byId)
        {
            var endpoint = cmdlet.ResolveEndpoint();
            List<T>? all = null;
            foreach (var raw in values)
            {
                var value = byId ? raw : TrimName(raw);
                if (!WildcardPattern.ContainsWildcardCharacters(value) || (byId && !ExpandIdPatterns))
                {
                    yield return new DockerTarget(endpoint, value, value, raw);
                    continue;
                }

                if (all is null)
                {
                    var session = cmdlet.GetSession(endpoint);
                    try
                    {
                        all = cmdlet.Call(session, Subject, value, ct => List(session, endpoint, ct));
                    }
                    catch (DockerPSException e)
                    {
                        cmdlet.ThrowDockerError(e);
                        yield break;
                    }
                }

                foreach (var match in byId ? MatchIds(all, value) : MatchNames(all, raw))
                {
                    yield return ToTarget(match, endpoint, NameOf(match));
                }
            }
        }

        /// <summary>
        /// The error for a target the engine says does not exist (its 404, <paramref name="inner"/>), naming what the
        /// user gave and the cmdlet that lists the kind; for the swarm kinds, whose acting cmdlets share it.
        /// </summary>
        public DockerPSException Missing(DockerTarget target, Exception inner) =>
            new DockerPSException("No " + KindWord + " '" + target.Reference + "' exists. " + ListCmdlet + " lists the " + KindWord + "s there are.",
                Subject + "NotFound", ErrorCategory.ObjectNotFound, target.UserTarget, inner);

        /// <summary>The kind in words, for errors about objects of another kind ("container", "image").</summary>
        public string KindWord { get; set; } = "object";

        /// <summary>The ErrorId for a piped object that is not of this kind, e.g. InputNotAContainer.</summary>
        public string WrongInputId { get; set; } = "InputNotSupported";

        /// <summary>The cmdlet that lists this kind, for the message that says what to pipe instead.</summary>
        public string ListCmdlet { get; set; } = string.Empty;

        /// <summary>
        /// Other PSDocker types that stand for one object of this kind (a container's inspect view, its exit):
        /// the target each gives. Every other type is refused.
        /// </summary>
        public List<KeyValuePair<Type, Func<DockerCmdlet, DockerObject, DockerTarget>>> Related { get; } =
            new List<KeyValuePair<Type, Func<DockerCmdlet, DockerObject, DockerTarget>>>();

        /// <summary>
        /// For cmdlets that act, whatever was piped (or given to -InputObject): a string is a name, as -Name
        /// takes it (or as <paramref name="fromString"/> says); an object of this kind or a related one is
        /// acted on where it came from. Anything else (a volume piped to a container verb, a file that merely
        /// has a Name) is refused with a non-terminating error naming it, and nothing is done with it.
        /// </summary>
        public IEnumerable<DockerTarget> FromPipeline(DockerCmdlet cmdlet, IEnumerable<object>? input, Func<string, IEnumerable<DockerTarget>>? fromString = null, string nameParameter = "Name")
        {
            foreach (var raw in input ?? Enumerable.Empty<object>())
            {
                var item = raw is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : raw;
                if (item is null)
                {
                    continue;
                }

                if (item is string name)
                {
                    foreach (var target in fromString != null ? fromString(name) : Resolve(cmdlet, new[] { name }, byId: false))
                    {
                        yield return target;
                    }

                    continue;
                }

                if (item is T own)
                {
                    yield return ToTarget(own, cmdlet.EndpointOf(own), ObjectIsTarget ? own : (object)NameOf(own));
                    continue;
                }

                var related = item is DockerObject docker ? Related.FirstOrDefault(r => r.Key.IsInstanceOfType(docker)).Value : null;
                if (related != null)
                {
                    yield return related(cmdlet, (DockerObject)item);
                    continue;
                }

                cmdlet.WriteError(WrongInput(item, nameParameter).ToErrorRecord());
            }
        }

        /// <summary>The error for a piped object of another kind: what it is, that nothing was done, what to pipe.</summary>
        internal DockerPSException WrongInput(object item, string nameParameter)
        {
            var type = item is PSObject ps ? (ps.BaseObject is PSCustomObject ? "PSCustomObject" : ps.BaseObject.GetType().FullName) : item.GetType().FullName;
            var label = PSObject.AsPSObject(item).Properties["Name"]?.Value?.ToString();
            if (string.IsNullOrEmpty(label))
            {
                label = item.ToString();
            }

            if (label!.Length > 60)
            {
                label = label.Substring(0, 57) + "...";
            }

            var article = "aeiou".IndexOf(KindWord[0]) >= 0 ? "an " : "a ";
            var message = "'" + label + "' is a " + type + ", not " + article + KindWord + ", so nothing was done with it. "
                + "Pipe " + KindWord + "s from " + ListCmdlet + ", or give " + KindWord + " names as strings (-" + nameParameter + " '" + label + "' if that is the " + KindWord + " you mean).";
            return new DockerPSException(message, WrongInputId, ErrorCategory.InvalidArgument, item);
        }
    }
}
