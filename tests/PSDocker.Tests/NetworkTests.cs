using System.Collections;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// Networks against the private engine. Every network gets an explicit subnet in 10.231-10.239.x.0/24 (the
/// engine runs with --bridge=none, so nothing else takes those), and no test sends traffic to a container.
/// </summary>
[Collection(EngineCollection.Name)]
public class NetworkTests
{
    private const string Image = EngineFixture.TestImage;
    private readonly EngineFixture _engine;

    public NetworkTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private EnvScope Env() => EnvScope.Clean(("DOCKER_HOST", _engine.Host));

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private bool Exists(string network) => _engine.Docker("network", "inspect", network).ExitCode == 0;

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

    private int NetworkCount() => _engine.DockerOk("network", "ls", "-q").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public void New_DockerNetwork_applies_subnet_gateway_range_flags_labels_and_options_and_Get_finds_it()
    {
        var prefix = Unique("psdt-net");
        using var env = Env();
        try
        {
            var created = PowerShellRunner.Run(
                "New-DockerNetwork $n -Subnet 10.231.0.0/24 -Gateway 10.231.0.1 -IPRange 10.231.0.128/25 -Internal -Label @{'psdocker.test'='net'; tier='a'} " +
                "-Option @{'com.docker.network.driver.mtu'='1400'}",
                Vars(("n", prefix + "-a"))).AssertNoErrors().Output.Single();
            Assert.Equal("PSDocker.Model.DockerNetwork", created.TypeNames[0]);
            Assert.Equal(prefix + "-a", created.Properties["Name"].Value);
            Assert.Equal("bridge", created.Properties["Driver"].Value);
            Assert.Equal("local", created.Properties["Scope"].Value);
            Assert.Equal(true, created.Properties["Internal"].Value);
            var subnet = PSObject.AsPSObject(((IEnumerable)created.Properties["Subnets"].Value).Cast<object>().Single());
            Assert.Equal("10.231.0.0/24", subnet.Properties["Subnet"].Value);
            Assert.Equal("10.231.0.1", subnet.Properties["Gateway"].Value);
            Assert.Equal("10.231.0.128/25", subnet.Properties["IPRange"].Value);
            Assert.Equal("a", ((IReadOnlyDictionary<string, string>)created.Properties["Labels"].Value)["tier"]);
            Assert.Equal("1400", ((IReadOnlyDictionary<string, string>)created.Properties["Options"].Value)["com.docker.network.driver.mtu"]);
            Assert.Equal("true 10.231.0.0/24 10.231.0.1 10.231.0.128/25",
                _engine.DockerOk("network", "inspect", "--format", "{{.Internal}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}} {{.IPRange}}{{end}}", prefix + "-a"));

            Network(prefix + "-b", "10.232.0.0/24");
            var byWildcard = PowerShellRunner.Run("Get-DockerNetwork $p", Vars(("p", prefix + "-*"))).AssertNoErrors();
            Assert.Equal(new[] { prefix + "-a", prefix + "-b" }, byWildcard.Output.Select(o => (string)o.Properties["Name"].Value));
            var byLabel = PowerShellRunner.Run("Get-DockerNetwork $p -Label 'tier=a' -Driver bridge", Vars(("p", prefix + "-*"))).AssertNoErrors();
            Assert.Equal(prefix + "-a", byLabel.Output.Single().Properties["Name"].Value);
            var id = _engine.DockerOk("network", "inspect", "--format", "{{.Id}}", prefix + "-b");
            var byId = PowerShellRunner.Run("Get-DockerNetwork -Id $i -Filter @{type='custom'}", Vars(("i", id[..10]))).AssertNoErrors();
            Assert.Equal(prefix + "-b", byId.Output.Single().Properties["Name"].Value);

            var missing = PowerShellRunner.Run("Get-DockerNetwork $n", Vars(("n", prefix + "-nope")));
            var error = Assert.Single(missing.Errors);
            Assert.Equal("NetworkNotFound,PSDocker.Commands.Networks.GetDockerNetworkCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(prefix + "-nope", error.TargetObject);

            PowerShellRunner.Run("Get-DockerNetwork $p | Remove-DockerNetwork -WhatIf", Vars(("p", prefix + "-*"))).AssertNoErrors();
            Assert.True(Exists(prefix + "-a") && Exists(prefix + "-b"));
            PowerShellRunner.Run("Get-DockerNetwork $p | Remove-DockerNetwork", Vars(("p", prefix + "-*"))).AssertNoErrors();
            Assert.False(Exists(prefix + "-a"));
            Assert.False(Exists(prefix + "-b"));
        }
        finally
        {
            RemoveNetworks(_engine, prefix + "-a", prefix + "-b");
        }
    }

    [Fact]
    public void Connect_and_Disconnect_bind_containers_from_the_pipeline_and_Get_shows_the_attachment()
    {
        var network = Network(Unique("psdt-conn"), "10.233.0.0/24");
        var name = Unique("psdt-member");
        var other = Unique("psdt-other");
        using var member = _engine.Container("conn", "--name", name, Image, "sleep", "60");
        using var second = _engine.Container("conn", "--name", other, Image, "sleep", "60");
        using var env = Env();
        try
        {
            PowerShellRunner.Run("Get-DockerContainer -Id $id | Connect-DockerNetwork -Network $net -Alias web, api -IPAddress 10.233.0.50",
                Vars(("id", member.Id), ("net", network))).AssertNoErrors();
            Assert.Equal("10.233.0.50", _engine.DockerOk("inspect", "--format", "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", member.Id));
            Assert.Contains("api", _engine.DockerOk("inspect", "--format", "{{json (index .NetworkSettings.Networks \"" + network + "\").Aliases}}", member.Id));

            // A name from the pipeline binds too.
            PowerShellRunner.Run("$o | Connect-DockerNetwork $net", Vars(("o", other), ("net", network))).AssertNoErrors();

            var shown = PowerShellRunner.Run("Get-DockerNetwork $net", Vars(("net", network))).AssertNoErrors().Output.Single();
            var attached = ((IEnumerable)shown.Properties["Containers"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();
            Assert.Equal(new[] { name, other }.OrderBy(n => n, StringComparer.Ordinal), attached.Select(a => (string)a.Properties["Name"].Value));
            var first = attached.Single(a => (string)a.Properties["Name"].Value == name);
            Assert.Equal("10.233.0.50/24", first.Properties["IPv4Address"].Value);
            Assert.Equal(member.Id, first.Properties["ContainerId"].Value);

            var inUse = PowerShellRunner.Run("Remove-DockerNetwork $net", Vars(("net", network)));
            var error = Assert.Single(inUse.Errors);
            Assert.Equal("NetworkInUse,PSDocker.Commands.Networks.RemoveDockerNetworkCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Equal(network, error.TargetObject);
            Assert.Contains("'" + name + "'", error.Exception.Message);
            Assert.True(Exists(network));

            PowerShellRunner.Run("Get-DockerContainer -Filter @{label='psdocker.test=conn'} | Disconnect-DockerNetwork -Network $net", Vars(("net", network))).AssertNoErrors();
            Assert.Equal("{}", _engine.DockerOk("network", "inspect", "--format", "{{json .Containers}}", network));

            var notConnected = PowerShellRunner.Run("Disconnect-DockerNetwork $net $n", Vars(("net", network), ("n", name)));
            var disconnected = Assert.Single(notConnected.Errors);
            Assert.StartsWith("ContainerNotConnected,", disconnected.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, disconnected.CategoryInfo.Category);
            Assert.Equal(name, disconnected.TargetObject);
        }
        finally
        {
            member.Dispose();
            second.Dispose();
            RemoveNetworks(_engine, network);
        }
    }

    [Fact]
    public async Task Unknown_network_and_volume_drivers_are_ObjectNotFound_and_create_nothing()
    {
        using var env = Env();
        var networks = NetworkCount();
        // The engine looks for a plugin of that name for 15 s before it gives up: both at once.
        var network = Task.Run(() => PowerShellRunner.Run("New-DockerNetwork psdt-nodriver -Driver psdt-no-such-driver -Subnet 10.237.0.0/24"));
        var volume = Task.Run(() => PowerShellRunner.Run("New-DockerVolume psdt-nodriver -Driver psdt-no-such-driver"));
        try
        {
            var networkError = Assert.IsType<ErrorRecord>((await network).Terminating);
            Assert.Equal("NetworkDriverNotFound,PSDocker.Commands.Networks.NewDockerNetworkCommand", networkError.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, networkError.CategoryInfo.Category);
            Assert.Equal("psdt-no-such-driver", networkError.TargetObject);
            var volumeError = Assert.IsType<ErrorRecord>((await volume).Terminating);
            Assert.Equal("VolumeDriverNotFound,PSDocker.Commands.Volumes.NewDockerVolumeCommand", volumeError.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, volumeError.CategoryInfo.Category);
            Assert.Equal("psdt-no-such-driver", volumeError.TargetObject);
            Assert.Equal(networks, NetworkCount());
            Assert.NotEqual(0, _engine.Docker("volume", "inspect", "psdt-nodriver").ExitCode);
        }
        finally
        {
            await Task.WhenAll(network, volume);
            RemoveNetworks(_engine, "psdt-nodriver");
            _engine.Docker("volume", "rm", "psdt-nodriver");
        }
    }

    [Fact]
    public void Bad_network_input_is_a_specific_error_and_changes_nothing()
    {
        var held = Network(Unique("psdt-held"), "10.234.0.0/16");
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        var before = NetworkCount();
        try
        {
            // Refused before any request.
            foreach (var (script, errorId, target) in new[]
            {
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0.0/33", "InvalidSubnet", "10.235.0.0/33"),
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0/24", "InvalidSubnet", "10.235.0/24"),
                ("New-DockerNetwork psdt-bad -Subnet nonsense", "InvalidSubnet", "nonsense"),
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0.0/24 -Gateway 10.236.0.1", "InvalidGateway", "10.236.0.1"),
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0.0/24 -Gateway 10.235.0.300", "InvalidGateway", "10.235.0.300"),
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0.0/24 -IPRange 10.235.1.0/25", "InvalidIPRange", "10.235.1.0/25"),
                ("New-DockerNetwork psdt-bad -Gateway 10.235.0.1", "InvalidGateway", "10.235.0.1"),
                ("New-DockerNetwork psdt-bad -Subnet 10.235.0.0/24, 10.235.0.0/16", "InvalidSubnet", "10.235.0.0/16"),
                ("New-DockerNetwork psdt-bad -Driver 'Bad Driver!'", "InvalidNetworkDriver", "Bad Driver!"),
            })
            {
                var error = Assert.IsType<ErrorRecord>(PowerShellRunner.Run(script).Terminating);
                Assert.True(error.FullyQualifiedErrorId == errorId + ",PSDocker.Commands.Networks.NewDockerNetworkCommand", script + ": " + error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.Equal(target, error.TargetObject);
            }

            var connectBadIp = Assert.IsType<ErrorRecord>(PowerShellRunner.Run("Connect-DockerNetwork $h psdt-x -IPAddress 10.234.1", Vars(("h", held))).Terminating);
            Assert.StartsWith("InvalidIPAddress,", connectBadIp.FullyQualifiedErrorId);
            Assert.Empty(recorder.Paths);

            var overlap = Assert.IsType<ErrorRecord>(PowerShellRunner.Run("New-DockerNetwork psdt-overlap -Subnet 10.234.5.0/24").Terminating);
            Assert.Equal("NetworkSubnetOverlap,PSDocker.Commands.Networks.NewDockerNetworkCommand", overlap.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, overlap.CategoryInfo.Category);
            Assert.Equal("10.234.5.0/24", overlap.TargetObject);
            Assert.Contains("'" + held + "'", overlap.Exception.Message);

            var duplicate = Assert.IsType<ErrorRecord>(PowerShellRunner.Run("New-DockerNetwork $h -Subnet 10.238.0.0/24", Vars(("h", held))).Terminating);
            Assert.Equal("NetworkAlreadyExists,PSDocker.Commands.Networks.NewDockerNetworkCommand", duplicate.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, duplicate.CategoryInfo.Category);
            Assert.Equal(held, duplicate.TargetObject);

            var missingContainer = PowerShellRunner.Run("Connect-DockerNetwork $h psdt-no-such-container, psdt-no-such-either", Vars(("h", held)));
            Assert.Null(missingContainer.Terminating);
            Assert.Equal(2, missingContainer.Errors.Count);
            var noContainer = missingContainer.Errors[0];
            Assert.Equal("ContainerNotFound,PSDocker.Commands.Networks.ConnectDockerNetworkCommand", noContainer.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, noContainer.CategoryInfo.Category);
            Assert.Equal("psdt-no-such-container", noContainer.TargetObject);

            using var present = new TestContainer(_engine, _engine.DockerOk("create", "--label", EngineFixture.TestLabel + "=net", Image));
            var missingNetwork = PowerShellRunner.Run("Connect-DockerNetwork psdt-no-such-network $c", Vars(("c", present.Id)));
            var noNetwork = Assert.IsType<ErrorRecord>(missingNetwork.Terminating);
            Assert.Equal("NetworkNotFound,PSDocker.Commands.Networks.ConnectDockerNetworkCommand", noNetwork.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, noNetwork.CategoryInfo.Category);
            Assert.Equal("psdt-no-such-network", noNetwork.TargetObject);
            // The engine itself would have recorded the missing network in the stopped container's configuration.
            Assert.DoesNotContain("psdt-no-such-network", _engine.DockerOk("inspect", "--format", "{{json .NetworkSettings.Networks}}", present.Id));

            var removeMissing = Assert.Single(PowerShellRunner.Run("Remove-DockerNetwork psdt-no-such-network").Errors);
            Assert.Equal("NetworkNotFound,PSDocker.Commands.Networks.RemoveDockerNetworkCommand", removeMissing.FullyQualifiedErrorId);
            var predefined = Assert.Single(PowerShellRunner.Run("Remove-DockerNetwork none").Errors);
            Assert.Equal("NetworkPredefined,PSDocker.Commands.Networks.RemoveDockerNetworkCommand", predefined.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, predefined.CategoryInfo.Category);

            // No partial change: no network was made, the held one has nothing attached.
            Assert.Equal(before, NetworkCount());
            Assert.False(Exists("psdt-overlap") || Exists("psdt-bad"));
            Assert.Equal("{}", _engine.DockerOk("network", "inspect", "--format", "{{json .Containers}}", held));
            Assert.Single(_engine.DockerOk("network", "ls", "-q", "--filter", "name=^" + held + "$").Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(1, recorder.Paths.Count(p => p.EndsWith("/networks/create", StringComparison.Ordinal)));
        }
        finally
        {
            RemoveNetworks(_engine, held, "psdt-overlap", "psdt-bad");
        }
    }
}
