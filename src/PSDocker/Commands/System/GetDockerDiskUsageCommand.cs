using System;
using System.Linq;
using System.Management.Automation;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.SystemCommands
{
    /// <summary>docker system df (and -v with -Detail).</summary>
    [Cmdlet(VerbsCommon.Get, "DockerDiskUsage")]
    [OutputType(typeof(DockerDiskUsage))]
    [OutputType(typeof(DockerDiskUsageItem))]
    public sealed class GetDockerDiskUsageCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Return each image, container, volume and build cache record with its size instead of the totals (docker system df -v).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Detail { get; set; }

        /// <summary>
        /// <para type="description">Only these kinds: Image, Container, Volume, BuildCache. Engines with API 1.42 or later then measure only those.</para>
        /// </summary>
        [Parameter]
        [ValidateSet(DiskUsageReader.Images, DiskUsageReader.Containers, DiskUsageReader.Volumes, DiskUsageReader.BuildCache, IgnoreCase = true)]
        public string[]? Type { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var session = GetSession(out var endpoint);
            var kinds = (Type ?? new[] { DiskUsageReader.Images, DiskUsageReader.Containers, DiskUsageReader.Volumes, DiskUsageReader.BuildCache })
                .Select(t => new[] { DiskUsageReader.Images, DiskUsageReader.Containers, DiskUsageReader.Volumes, DiskUsageReader.BuildCache }
                    .First(k => string.Equals(k, t, StringComparison.OrdinalIgnoreCase)))
                .Distinct()
                .ToList();
            var path = "system/df";
            if (Detail.IsPresent)
            {
                path += "?verbose=1";
            }

            if (Type != null && session.ApiVersion >= new Version(1, 42))
            {
                var types = kinds.Select(k => "type=" + (k == DiskUsageReader.BuildCache ? "build-cache" : k.ToLowerInvariant()));
                path += (path.IndexOf('?') < 0 ? "?" : "&") + string.Join("&", types);
            }

            DiskUsageReader report;
            try
            {
                report = Call(session, "DiskUsage", endpoint.Host, async ct =>
                {
                    using var document = await session.Raw.GetJsonAsync(path, ct);
                    return DiskUsageReader.Read(document.RootElement, endpoint);
                });
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
                return;
            }

            if (Detail.IsPresent)
            {
                WriteObject(report.Items.Where(i => kinds.Contains(i.Type)), enumerateCollection: true);
            }
            else
            {
                WriteObject(report.Totals.Where(t => kinds.Contains(t.Kind)), enumerateCollection: true);
            }
        }
    }
}
