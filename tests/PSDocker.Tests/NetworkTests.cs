using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// What Pester cannot see of networks: the requests sent (tests/Pester/VolumesNetworks.Tests.ps1 checks the
/// rest). Every network gets an explicit subnet in 10.231-10.239.x.0/24 (the engine runs with --bridge=none, so
/// nothing else takes those), and no test sends traffic to a container.
/// </summary>
[Collection(EngineCollection.Name)]
public class NetworkTests
{
    private readonly EngineFixture _engine;

    public NetworkTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private string Network(string name, string subnet)
    {
        _engine.DockerOk("network", "create", "--label", EngineFixture.TestLabel + "=net", "--subnet", subnet, name);
        return name;
    }

    /// <summary>Removes networks, waiting out the engine's endpoint clean-up after a container went away.</summary>
    internal static void RemoveNetworks(EngineFixture engine, params string[] names)
    {
        foreach (var name in names)
        {
            for (var attempt = 0; attempt < 50 && engine.Docker("network", "inspect", name).ExitCode == 0; attempt++)
            {
                if (engine.Docker("network", "rm", name).ExitCode != 0)
                {
                    Thread.Sleep(100);
                }
            }
        }
    }

    /// <summary>
    /// What only a request recorder sees: bad input is refused before any request, and an overlapping subnet or a
    /// taken name costs at most the one create the engine refuses. The errors themselves (ids, categories, targets,
    /// nothing changed) are checked in tests/Pester/VolumesNetworks.Tests.ps1.
    /// </summary>
    [Fact]
    public void Bad_network_input_is_refused_before_any_request_and_a_conflict_sends_one_create_at_most()
    {
        var held = Network(Unique("psdt-held"), "10.234.0.0/16");
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        try
        {
            foreach (var (script, errorId) in new[]
            {
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0.0/33", "InvalidSubnet"),
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0/24", "InvalidSubnet"),
                ("New-DockerNetwork psdt-bad -Subnet nonsense", "InvalidSubnet"),
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0.0/24 -Gateway 10.236.0.1", "InvalidGateway"),
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0.0/24 -Gateway 10.235.0.300", "InvalidGateway"),
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0.0/24 -IPRange 10.235.1.0/25", "InvalidIPRange"),
                ("New-DockerNetwork psdt-bad -Gateway 10.235.0.1", "InvalidGateway"),
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0.0/24, 10.235.0.0/16", "InvalidSubnet"),
                ("New-DockerNetwork psdt-bad -Driver 'Bad Driver!'", "InvalidNetworkDriver"),
                ("Connect-DockerNetwork $h psdt-x -IPAddress 10.234.1", "InvalidIPAddress"),
            })
            {
                var error = Assert.IsType<ErrorRecord>(PowerShellRunner.Run(script, Vars(("h", held))).Terminating);
                Assert.True(error.FullyQualifiedErrorId.StartsWith(errorId + ",", StringComparison.Ordinal), script + ": " + error.FullyQualifiedErrorId);
            }

            Assert.Empty(recorder.Paths);

            Assert.StartsWith("NetworkSubnetOverlap,", Assert.IsType<ErrorRecord>(PowerShellRunner.Run("New-DockerNetwork psdt-overlap -Subnet 10.234.5.0/24").Terminating).FullyQualifiedErrorId);
            Assert.StartsWith("NetworkAlreadyExists,", Assert.IsType<ErrorRecord>(PowerShellRunner.Run("New-DockerNetwork $h -Subnet 10.238.0.0/24", Vars(("h", held))).Terminating).FullyQualifiedErrorId);
            Assert.Equal(1, recorder.Paths.Count(p => p.EndsWith("/networks/create", StringComparison.Ordinal)));
        }
        finally
        {
            RemoveNetworks(_engine, held, "psdt-overlap", "psdt-bad");
        }
    }
}
