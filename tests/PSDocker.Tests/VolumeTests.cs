using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>What Pester cannot see of volumes: the requests sent (tests/Pester/VolumesNetworks.Tests.ps1 checks the rest).</summary>
[Collection(EngineCollection.Name)]
public class VolumeTests
{
    private readonly EngineFixture _engine;

    public VolumeTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private string Volume(string name, params string[] options)
    {
        _engine.DockerOk(new[] { "volume", "create", "--label", EngineFixture.TestLabel + "=vol" }.Concat(options).Append(name).ToArray());
        return name;
    }

    /// <summary>
    /// What only a request recorder sees: bad input is refused before any request, and a taken name sends no
    /// create. The errors themselves are checked in tests/Pester/VolumesNetworks.Tests.ps1.
    /// </summary>
    [Fact]
    public void Bad_volume_input_is_refused_before_any_request_and_a_taken_name_sends_no_create()
    {
        var taken = Volume(Unique("psdt-taken"));
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        try
        {
            foreach (var (script, errorId) in new[]
            {
                ("New-DockerVolume 'a/b'", "InvalidVolumeName"),
                ("New-DockerVolume x", "InvalidVolumeName"),
                ("New-DockerVolume psdt-drv -Driver 'no such driver'", "InvalidVolumeDriver"),
                ("New-DockerVolume psdt-lbl -Label '=x'", "InvalidLabel"),
            })
            {
                Assert.StartsWith(errorId + ",", Assert.IsType<ErrorRecord>(PowerShellRunner.Run(script).Terminating).FullyQualifiedErrorId);
            }

            Assert.Empty(recorder.Paths);

            var exists = Assert.IsType<ErrorRecord>(PowerShellRunner.Run("New-DockerVolume $t -Label @{changed='yes'}", Vars(("t", taken))).Terminating);
            Assert.StartsWith("VolumeAlreadyExists,", exists.FullyQualifiedErrorId);
            Assert.DoesNotContain(recorder.Paths, p => p.EndsWith("/volumes/create", StringComparison.Ordinal));
        }
        finally
        {
            _engine.Docker("volume", "rm", taken);
        }
    }
}
