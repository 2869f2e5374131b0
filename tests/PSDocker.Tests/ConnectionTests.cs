using System.Management.Automation;
using System.Text.Json;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Test-DockerConnection, Get-DockerVersion and Get-DockerInfo against the private engine.</summary>
[Collection(EngineCollection.Name)]
public class ConnectionTests
{
    private readonly EngineFixture _engine;

    public ConnectionTests(EngineFixture engine) => _engine = engine;

    private JsonElement CliJson(params string[] args) =>
        JsonDocument.Parse(_engine.Docker(args).EnsureSuccess("docker " + string.Join(' ', args)).StdOut).RootElement;

    [Fact]
    public void Test_DockerConnection_answers_true_and_details_name_the_engine()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var result = PowerShellRunner.Run("Test-DockerConnection; Test-DockerConnection -Detailed").AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(true, result.Output[0].BaseObject);

        var detail = result.Output[1];
        Assert.Equal("PSDocker.Model.DockerConnectionTest", detail.TypeNames[0]);
        Assert.Equal(true, detail.Properties["Success"].Value);
        Assert.Equal(_engine.Host, detail.Properties["DockerHost"].Value);
        Assert.Equal("DOCKER_HOST", detail.Properties["Source"].Value);
        Assert.True((TimeSpan)detail.Properties["Latency"].Value > TimeSpan.Zero);

        var serverApi = new Version(CliJson("version", "--format", "{{json .Server}}").GetProperty("ApiVersion").GetString()!);
        var expected = serverApi < new Version(1, 54) ? serverApi : new Version(1, 54);
        Assert.Equal(expected, detail.Properties["ApiVersion"].Value);
    }

    [Fact]
    public void Get_DockerVersion_reports_engine_and_negotiated_versions_like_the_CLI()
    {
        using var env = EnvScope.Clean();
        var result = PowerShellRunner.Run("Get-DockerVersion -DockerHost $h", new Dictionary<string, object?> { ["h"] = _engine.Host }).AssertNoErrors();
        var version = result.Output.Single();
        var server = CliJson("version", "--format", "{{json .Server}}");

        Assert.Equal(server.GetProperty("Version").GetString(), version.Properties["Version"].Value);
        var api = new Version(server.GetProperty("ApiVersion").GetString()!);
        Assert.Equal(api, version.Properties["ApiVersion"].Value);
        Assert.Equal(new Version(server.GetProperty("MinAPIVersion").GetString()!), version.Properties["MinApiVersion"].Value);
        Assert.Equal(api < new Version(1, 54) ? api : new Version(1, 54), version.Properties["NegotiatedApiVersion"].Value);
        Assert.Equal(new Version(1, 54), version.Properties["ClientApiVersion"].Value);
        Assert.Equal(server.GetProperty("Os").GetString(), version.Properties["Os"].Value);
        Assert.Equal(server.GetProperty("Arch").GetString(), version.Properties["Arch"].Value);
        Assert.Equal(new Version(Repo.Metadata("ModuleVersion") + ".0"), version.Properties["ModuleVersion"].Value);
        Assert.Equal(_engine.Host, version.Properties["DockerHost"].Value);
    }

    [Fact]
    public void Get_DockerInfo_counts_containers_by_state_like_docker_info()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var created = _engine.Docker("create", "--label", EngineFixture.TestLabel + "=info", EngineFixture.TestImage, "true").EnsureSuccess("docker create").StdOut.Trim();
        try
        {
            var result = PowerShellRunner.Run("Get-DockerInfo").AssertNoErrors();
            var info = result.Output.Single();
            var cli = CliJson("info", "--format", "{{json .}}");

            Assert.Equal("PSDocker.Model.DockerSystemInfo", info.TypeNames[0]);
            Assert.True((long)info.Properties["Containers"].Value >= 1);
            Assert.True((long)info.Properties["ContainersStopped"].Value >= 1);
            foreach (var (ours, theirs) in new[] { ("Containers", "Containers"), ("ContainersRunning", "ContainersRunning"), ("ContainersPaused", "ContainersPaused"),
                         ("ContainersStopped", "ContainersStopped"), ("Images", "Images"), ("Cpus", "NCPU"), ("MemoryBytes", "MemTotal") })
            {
                Assert.Equal(cli.GetProperty(theirs).GetInt64(), (long)info.Properties[ours].Value);
            }

            Assert.Equal(cli.GetProperty("Driver").GetString(), info.Properties["StorageDriver"].Value);
            Assert.Equal(cli.GetProperty("CgroupDriver").GetString(), info.Properties["CgroupDriver"].Value);
            Assert.Equal(cli.GetProperty("OperatingSystem").GetString(), info.Properties["OperatingSystem"].Value);
            Assert.Equal(cli.GetProperty("Swarm").GetProperty("LocalNodeState").GetString(), info.Properties["SwarmState"].Value);
            Assert.Contains("127.0.0.0/8", (IEnumerable<string>)info.Properties["InsecureRegistries"].Value);
            Assert.Equal(_engine.Host, info.Properties["DockerHost"].Value);
        }
        finally
        {
            _engine.Docker("rm", "-f", created);
        }
    }

    [Fact]
    public void DockerHost_binds_from_the_pipeline_by_property_name()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", "unix:///nonexistent/docker.sock"));
        // The object remembers its engine; piping it on reaches that engine, not DOCKER_HOST's.
        var result = PowerShellRunner.Run("[pscustomobject]@{ DockerHost = $h } | Get-DockerVersion", new Dictionary<string, object?> { ["h"] = _engine.Host })
            .AssertNoErrors();
        Assert.Equal(_engine.Host, result.Output.Single().Properties["DockerHost"].Value);
    }

    [Fact]
    public void Every_cmdlet_declares_OutputType_and_takes_DockerHost_and_Context()
    {
        var result = PowerShellRunner.Run("Get-Command -Module PSDocker").AssertNoErrors();
        Assert.NotEmpty(result.Output);
        foreach (var command in result.Output.Select(o => (CmdletInfo)o.BaseObject))
        {
            Assert.NotEmpty(command.OutputType);
            if (command.Noun == "DockerContext")
            {
                // The context cmdlets manage the docker CLI's context store and talk to no engine.
                Assert.False(command.Parameters.ContainsKey("Context"), command.Name + " has -Context, which would name the engine of a cmdlet that talks to none");
                continue;
            }

            Assert.True(command.Parameters.ContainsKey("DockerHost"), command.Name + " lacks -DockerHost");
            Assert.True(command.Parameters.ContainsKey("Context"), command.Name + " lacks -Context");
            Assert.True(command.Parameters["DockerHost"].ParameterSets.Values.All(p => p.ValueFromPipelineByPropertyName));
        }
    }
}
