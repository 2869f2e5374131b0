using System.Diagnostics;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Get-DockerContainerStatistic (docker stats).</summary>
[Collection(EngineCollection.Name)]
public class ContainerStatisticTests
{
    private readonly EngineFixture _engine;

    public ContainerStatisticTests(EngineFixture engine) => _engine = engine;

    [Fact]
    public void A_busy_container_shows_cpu_and_memory_and_a_stopped_one_zeros_as_the_CLI_does()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var busy = ContainerScope.Run(_engine, "while :; do :; done");
        using var stopped = ContainerScope.Create(_engine);

        var clock = Stopwatch.StartNew();
        var result = PowerShellRunner.Run("Get-DockerContainerStatistic -Name $a, $b", new Dictionary<string, object?> { ["a"] = busy.Name, ["b"] = stopped.Name })
            .AssertNoErrors();
        clock.Stop();

        Assert.Equal(2, result.Output.Count);
        var running = result.Output[0];
        Assert.Equal("PSDocker.Model.DockerContainerStatistic", running.BaseObject.GetType().FullName);
        Assert.Equal(busy.Name, running.Properties["Container"].Value);
        Assert.Equal(busy.Id, running.Properties["Id"].Value);
        Assert.True((double)running.Properties["CpuPercent"].Value > 0, "CpuPercent of a busy loop");
        Assert.True((long)running.Properties["MemoryUsage"].Value > 0, "MemoryUsage");
        Assert.True((long)running.Properties["MemoryLimit"].Value >= (long)running.Properties["MemoryUsage"].Value);
        Assert.True((long)running.Properties["Pids"].Value >= 1);
        Assert.NotNull(running.Properties["Read"].Value);
        Assert.Equal(_engine.Host, running.Properties["DockerHost"].Value);

        // The limit as the docker CLI prints it (MEM USAGE / LIMIT): same number, same units.
        var cliMemory = _engine.Docker("stats", "--no-stream", "--format", "{{.MemUsage}}", busy.Name).EnsureSuccess("docker stats").StdOut.Trim();
        var limit = PowerShellRunner.Run("[PSDocker.Formats.DockerFormat]::MemorySize($l)", new Dictionary<string, object?> { ["l"] = running.Properties["MemoryLimit"].Value })
            .AssertNoErrors().Output.Single().BaseObject;
        Assert.EndsWith(" / " + limit, cliMemory);

        var idle = result.Output[1];
        Assert.Equal(stopped.Name, idle.Properties["Container"].Value);
        Assert.Equal(0.0, idle.Properties["CpuPercent"].Value);
        Assert.Equal(0L, idle.Properties["MemoryUsage"].Value);
        Assert.Equal(0L, idle.Properties["Pids"].Value);
        Assert.Null(idle.Properties["Read"].Value);

        // Both containers are sampled side by side: one second of engine sampling, not two.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), "took " + clock.Elapsed);
    }

    [Fact]
    public void Stream_follows_until_stopped_and_stops_within_a_second()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var busy = ContainerScope.Run(_engine, "while :; do :; done");
        using var runspace = PowerShellRunner.OpenRunspace();
        using var ps = PowerShell.Create(runspace);
        ps.AddCommand("Get-DockerContainerStatistic").AddParameter("Name", busy.Name).AddParameter("Stream");
        var output = new PSDataCollection<PSObject>();
        var samples = new System.Collections.Concurrent.BlockingCollection<PSObject>();
        output.DataAdded += (_, e) => samples.Add(output[e.Index]);
        var running = ps.BeginInvoke<PSObject, PSObject>(null, output);

        Assert.True(samples.TryTake(out _, TimeSpan.FromSeconds(10)), "first sample");
        Assert.True(samples.TryTake(out var second, TimeSpan.FromSeconds(10)), "second sample");
        Assert.Equal(busy.Name, second!.Properties["Container"].Value);
        Assert.True((double)second.Properties["CpuPercent"].Value > 0);

        var clock = Stopwatch.StartNew();
        ps.Stop();
        clock.Stop();
        Assert.True(running.IsCompleted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "Stop took " + clock.Elapsed);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }

    [Fact]
    public void A_missing_container_is_a_non_terminating_ContainerNotFound_error()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var result = PowerShellRunner.Run("Get-DockerContainerStatistic -Name psdt-no-such-container; 'after'");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ContainerNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("psdt-no-such-container", error.TargetObject);
        Assert.Equal("after", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void Pipeline_containers_bind_and_views_format_like_docker_stats()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var stopped = ContainerScope.Create(_engine);
        var result = PowerShellRunner.Run(
            "$s = Get-DockerContainer -Name $n | Get-DockerContainerStatistic; $s; " +
            "[PSDocker.Formats.DockerFormat]::Percent(56.371); [PSDocker.Formats.DockerFormat]::MemorySize(536576); " +
            "[PSDocker.Formats.DockerFormat]::MemorySize(25276026880); [PSDocker.Formats.DockerFormat]::TransferSize(0); " +
            "[PSDocker.Formats.DockerFormat]::TransferSize(1234); [PSDocker.Formats.DockerFormat]::TransferSize(45210000)",
            new Dictionary<string, object?> { ["n"] = stopped.Name }).AssertNoErrors();
        Assert.Equal(stopped.Name, result.Output[0].Properties["Container"].Value);
        Assert.Equal(new[] { "56.37%", "524KiB", "23.54GiB", "0B", "1.23kB", "45.2MB" }, result.Output.Skip(1).Select(o => o.BaseObject));
    }
}
