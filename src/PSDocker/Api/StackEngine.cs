using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Models;
using PSDocker.Compose;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Api
{
    /// <summary>
    /// What a stack is on the engine: the services, networks, secrets and configs labelled
    /// com.docker.stack.namespace=&lt;stack&gt;, found by that label as docker stack ls and rm find them.
    /// </summary>
    internal static class StackEngine
    {
        /// <summary>How -Name selects stacks (as for every kind, through <see cref="TargetResolver{T}"/>).</summary>
        public static readonly TargetResolver<DockerStack> Targets = new TargetResolver<DockerStack>(
            "Stack",
            async (session, endpoint, ct) => ToStacks(await ServicesAsync(session, null, ct).ConfigureAwait(false), endpoint),
            s => s.Name,
            (s, endpoint, userTarget) => new DockerTarget(endpoint, s.Name, s.Name, userTarget),
            (value, byId, filtered, endpoint) => new DockerPSException(UserText.Format(StackMessages.StackNotFoundFiltered, value), "StackNotFound", ErrorCategory.ObjectNotFound, value))
        {
            KindWord = "stack",
            WrongInputId = "InputNotAStack",
            ListCmdlet = "Get-DockerStack",
        };

        private static IDictionary<string, IDictionary<string, bool>> Filter(string? stack) =>
            new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [stack is null ? StackConverter.NamespaceLabel : StackConverter.NamespaceLabel + "=" + stack] = true },
            };

        private static bool InStack(IDictionary<string, string>? labels, string stack) =>
            labels != null && labels.TryGetValue(StackConverter.NamespaceLabel, out var value) && value == stack;

        public static async Task<IList<SwarmService>> ServicesAsync(DockerSession session, string? stack, CancellationToken ct) =>
            await session.Client.Swarm.ListServicesAsync(new ServiceListParameters { Filters = Filter(stack) }, ct).ConfigureAwait(false) ?? new List<SwarmService>();

        public static async Task<IList<NetworkResponse>> NetworksAsync(DockerSession session, string stack, CancellationToken ct) =>
            await session.Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = Filter(stack) }, ct).ConfigureAwait(false) ?? new List<NetworkResponse>();

        // The library's secret and config listings take no filters: the label is matched here.
        public static async Task<List<Secret>> SecretsAsync(DockerSession session, string stack, CancellationToken ct) =>
            (await session.Client.Secrets.ListAsync(ct).ConfigureAwait(false) ?? new List<Secret>()).Where(s => InStack(s.Spec?.Labels, stack)).ToList();

        public static async Task<List<SwarmConfig>> ConfigsAsync(DockerSession session, string stack, CancellationToken ct) =>
            (await session.Client.Configs.ListConfigsAsync(ct).ConfigureAwait(false) ?? new List<SwarmConfig>()).Where(c => InStack(c.Spec?.Labels, stack)).ToList();

        /// <summary>Service counts by stack name, in name order.</summary>
        public static SortedDictionary<string, int> Group(IEnumerable<SwarmService> services)
        {
            var stacks = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var service in services)
            {
                if (service.Spec?.Labels != null && service.Spec.Labels.TryGetValue(StackConverter.NamespaceLabel, out var name))
                {
                    stacks[name] = stacks.TryGetValue(name, out var count) ? count + 1 : 1;
                }
            }

            return stacks;
        }

        public static List<DockerStack> ToStacks(IEnumerable<SwarmService> services, DockerEndpoint endpoint) =>
            Group(services).Select(pair => DockerEndpoint.Stamp(new DockerStack { Name = pair.Key, Services = pair.Value }, endpoint)).ToList();

        /// <summary>A stack name as docker stack deploy and rm take it: anything but empty, white space or quotes.</summary>
        public static string ValidName(string name)
        {
            if (name.Trim().Trim('"', '\'').Trim().Length == 0)
            {
                throw new DockerPSException(UserText.Format(StackMessages.InvalidStackName, name), "InvalidStackName", ErrorCategory.InvalidArgument, name);
            }

            return name;
        }
    }
}
