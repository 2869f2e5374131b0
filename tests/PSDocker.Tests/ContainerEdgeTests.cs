using System.Diagnostics;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Edge cases found while documenting the container cmdlets.</summary>
[Collection(EngineCollection.Name)]
public class ContainerEdgeTests
{
    private const string Image = EngineFixture.TestImage;
    private readonly EngineFixture _engine;

    public ContainerEdgeTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private EnvScope Env() => EnvScope.Clean(("DOCKER_HOST", _engine.Host));

    [Fact]
    public void Timeout_zero_stops_at_once_and_Wait_reports_an_exited_container_even_with_no_time_left()
    {
        using var c = _engine.Container("edge", Image, "sleep", "300");
        using var env = Env();
        var clock = Stopwatch.StartNew();
        PowerShellRunner.Run("Stop-DockerContainer -Id $id -Timeout 0", Vars(("id", c.Id))).AssertNoErrors();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        var exit = PowerShellRunner.Run("Wait-DockerContainer -Id $id -Timeout 0", Vars(("id", c.Id))).AssertNoErrors().Output.Single();
        Assert.Equal(137L, exit.Properties["ExitCode"].Value);

        clock.Restart();
        Assert.Equal("running", PowerShellRunner.Run("(Restart-DockerContainer -Id $id -Timeout 0 -PassThru).State", Vars(("id", c.Id))).AssertNoErrors().Output.Single().BaseObject);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());

        var notPaused = PowerShellRunner.Run("Resume-DockerContainer -Id $id", Vars(("id", c.Id)));
        var error = Assert.Single(notPaused.Errors);
        Assert.StartsWith("ContainerConflict,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
    }

    [Fact]
    public void Exec_detach_runs_on_its_own_and_log_lines_piped_in_are_standard_input()
    {
        using var c = _engine.Container("edge", Image, "sleep", "120");
        using var logs = _engine.Exited("edge", Image, "sh", "-c", "echo from-log-1; echo from-log-2");
        using var env = Env();
        var id = PowerShellRunner.Run("Invoke-DockerContainerCommand -Container $c -Detach sh -c 'sleep 0.3; echo detached > /marker'", Vars(("c", c.Id))).AssertNoErrors().Output.Single();
        Assert.Matches("^[0-9a-f]{64}$", (string)id.BaseObject);
        Thread.Sleep(1000);
        Assert.Equal("detached", _engine.DockerOk("exec", c.Id, "cat", "/marker"));

        var piped = PowerShellRunner.Run("Get-DockerContainerLog -Id $l | Invoke-DockerContainerCommand -Container $c sort -r", Vars(("l", logs.Id), ("c", c.Id))).AssertNoErrors();
        Assert.Equal(new object[] { "from-log-2", "from-log-1" }, piped.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Names_pipe_into_Get_DockerContainer_and_a_downstream_throw_keeps_its_own_error()
    {
        var name = "psdt-edge-" + Guid.NewGuid().ToString("N")[..6];
        using var c = _engine.Container("edge", "--name", name, Image, "sleep", "60");
        using var env = Env();
        var found = PowerShellRunner.Run("$n | Get-DockerContainer", Vars(("n", name))).AssertNoErrors().Output.Single();
        Assert.Equal(c.Id, found.Properties["Id"].Value);

        var thrown = PowerShellRunner.Run("Invoke-DockerContainer $i echo hi -Remove | ForEach-Object { throw 'from downstream' }", Vars(("i", Image)));
        var error = Assert.IsType<ErrorRecord>(thrown.Terminating);
        Assert.Equal("from downstream", error.Exception.Message);
        Assert.DoesNotContain("Docker", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void Piped_creations_fail_one_by_one_and_relative_volumes_follow_the_PowerShell_location()
    {
        var good = "psdt-edge-" + Guid.NewGuid().ToString("N")[..6];
        var folder = Directory.CreateTempSubdirectory("psdt-vol-").FullName;
        File.WriteAllText(Path.Combine(folder, "hello.txt"), "from the host");
        using var env = Env();
        try
        {
            var rows = PowerShellRunner.Run(
                "@([pscustomobject]@{ Image = $i; Name = 'bad name!' }, [pscustomobject]@{ Image = $i; Name = $g }) | New-DockerContainer -Label @{'psdocker.test'='edge'}",
                Vars(("i", Image), ("g", good)));
            Assert.Null(rows.Terminating);
            Assert.Single(rows.Errors);
            Assert.Equal(good, rows.Output.Single().Properties["Name"].Value);

            var relative = PowerShellRunner.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($f); Invoke-DockerContainer $i cat /data/hello.txt -Volume './:/data:ro' -Remove", Vars(("f", folder), ("i", Image))).AssertNoErrors();
            Assert.Equal("from the host", relative.Output.Single().BaseObject);
        }
        finally
        {
            _engine.Docker("rm", "-f", good);
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Short_flags_in_the_command_reach_the_command_instead_of_our_parameters()
    {
        using var env = Env();
        var ls = PowerShellRunner.Run("Invoke-DockerContainer $i ls -l /bin/sh -Remove", Vars(("i", Image))).AssertNoErrors();
        Assert.StartsWith("lrwxrwxrwx", (string)ls.Output.Single().BaseObject);
        var df = PowerShellRunner.Run("Invoke-DockerContainer $i df -h / -Remove", Vars(("i", Image))).AssertNoErrors();
        Assert.StartsWith("Filesystem", (string)df.Output[0].BaseObject);

        using var c = _engine.Container("edge", Image, "sleep", "60");
        var sorted = PowerShellRunner.Run("'b', 'a', 'b' | Invoke-DockerContainerCommand -Container $c sort -u", Vars(("c", c.Id))).AssertNoErrors();
        Assert.Equal(new object[] { "a", "b" }, sorted.Output.Select(o => o.BaseObject));
        var uid = PowerShellRunner.Run("Invoke-DockerContainerCommand $c id -u", Vars(("c", c.Id))).AssertNoErrors();
        Assert.Equal("0", uid.Output.Single().BaseObject);
    }

    [Fact]
    public void Mount_options_are_parsed_strictly()
    {
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        foreach (var spec in new[] { "'type=tmpfs,target=/x,tmpfs-sise=1m'", "'type=bind,source=/tmp,target=/x,readonly=maybe'" })
        {
            var result = PowerShellRunner.Run($"New-DockerContainer $i -Mount {spec}", Vars(("i", Image)));
            Assert.StartsWith("InvalidMountSpec,", Assert.IsType<ErrorRecord>(result.Terminating).FullyQualifiedErrorId);
        }

        Assert.Empty(recorder.Paths);
    }

    [Fact]
    public void Mount_options_reach_the_engine()
    {
        var name = "psdt-edge-" + Guid.NewGuid().ToString("N")[..6];
        using var env = Env();
        try
        {
            PowerShellRunner.Run("New-DockerContainer $i -Name $n -Label @{'psdocker.test'='edge'} -Mount 'type=tmpfs,target=/scratch,tmpfs-size=1m,tmpfs-mode=1770', @{Type='bind'; Source='/tmp'; Target='/host-tmp'; ReadOnly='False'}",
                Vars(("i", Image), ("n", name))).AssertNoErrors();
            var mounts = _engine.DockerOk("inspect", "--format", "{{json .HostConfig.Mounts}}", name);
            Assert.Contains("\"SizeBytes\":1048576", mounts);
            Assert.Contains("\"Mode\":1016", mounts);
            Assert.DoesNotContain("\"ReadOnly\":true", mounts);
        }
        finally
        {
            _engine.Docker("rm", "-f", name);
        }
    }
}
