using System;
using System.Collections.Generic;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Api
{
    /// <summary>Maps the client library's volume model to ours.</summary>
    internal static class VolumeMapper
    {
        public static DockerVolume FromApi(VolumeResponse v, DockerEndpoint endpoint) =>
            DockerEndpoint.Stamp(new DockerVolume
            {
                Name = v.Name,
                Driver = v.Driver ?? string.Empty,
                Mountpoint = v.Mountpoint ?? string.Empty,
                Scope = v.Scope ?? string.Empty,
                Created = ContainerMapper.ParseTime(v.CreatedAt),
                Labels = Copy(v.Labels),
                Options = Copy(v.Options),
            }, endpoint);

        internal static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? values) =>
            values is null ? new Dictionary<string, string>() : new Dictionary<string, string>(values, StringComparer.Ordinal);
    }
}
