using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.Containers
{
    /// <summary>docker top: the processes running in each container, one object per process.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerContainerProcess", DefaultParameterSetName = ByName)]
    [OutputType(typeof(DockerContainerProcess))]
    public sealed class GetDockerContainerProcessCommand : ContainerCmdlet
    {
        internal const string TypeName = "PSDocker.Model.DockerContainerProcess";

        // Columns of the ps forms that have their own table view (ps -ef, the default, and ps aux).
        private static readonly string[] EfColumns = { "UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD" };
        private static readonly string[] AuxColumns = { "USER", "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY", "STAT", "START", "TIME", "COMMAND" };

        /// <summary>
        /// <para type="description">Options for the ps the engine runs on its host (docker top's ps options), e.g. 'aux' or '-o pid,comm'. Default: -ef.</para>
        /// </summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? PsArguments { get; set; }

        internal override void ProcessContainer(DockerSession session, DockerTarget target)
        {
            ContainerProcessesResponse top;
            try
            {
                top = Call(session, "Container", target.UserTarget, ct => session.Client.Containers.ListProcessesAsync(target.Reference,
                    new ContainerListProcessesParameters { PsArgs = PsArguments }, ct));
            }
            catch (DockerPSException e) when (e.ErrorId == "ContainerConflict" && e.Message.IndexOf("is not running", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DockerPSException(UserText.Format(ContainerMessages.ContainerNotRunning, target.Display), "ContainerNotRunning", ErrorCategory.InvalidOperation, target.UserTarget, e);
            }
            catch (DockerPSException e) when (PsArguments != null && e.ErrorId == "ContainerEngineError")
            {
                // The container's own ps refused them (busybox ps takes few options).
                throw new DockerPSException("The ps in " + target.Display + " refused -PsArguments '" + PsArguments + "': " + e.Message.TrimEnd('.') + ". Give options that ps takes (such as 'aux' or '-ef'), or leave -PsArguments out.",
                    "InvalidPsArguments", ErrorCategory.InvalidArgument, PsArguments, e);
            }

            var titles = top.Titles ?? new List<string>();
            var view = Matches(titles, EfColumns) ? "#ps-ef" : Matches(titles, AuxColumns) ? "#ps-aux" : null;
            foreach (var row in top.Processes ?? new List<IList<string>>())
            {
                var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var process = DockerEndpoint.Stamp(new DockerContainerProcess
                {
                    Container = target.Name,
                    Titles = new List<string>(titles).AsReadOnly(),
                    Values = values,
                }, target.Endpoint);
                var item = PSObject.AsPSObject(process);
                for (var i = 0; i < titles.Count; i++)
                {
                    var value = i < row.Count ? row[i] : string.Empty;
                    values[titles[i]] = value;
                    // ps columns become properties, unless one is named like a property of ours.
                    if (item.Properties[titles[i]] is null)
                    {
                        item.Properties.Add(new PSNoteProperty(titles[i], Typed(titles[i], value)));
                    }
                }

                if (view != null)
                {
                    item.TypeNames.Insert(0, TypeName + view);
                }

                WriteObject(item);
            }
        }

        private static bool Matches(IList<string> titles, string[] expected)
        {
            if (titles.Count != expected.Length)
            {
                return false;
            }

            for (var i = 0; i < expected.Length; i++)
            {
                if (!string.Equals(titles[i], expected[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Process ids as numbers (so they sort and compare as such); everything else as ps printed it.</summary>
        private static object Typed(string title, string value) =>
            (title == "PID" || title == "PPID") && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : (object)value;
    }
}
