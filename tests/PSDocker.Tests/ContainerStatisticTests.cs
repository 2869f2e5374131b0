using System.Diagnostics;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// Get-DockerContainerStatistic -Stream stopped through the host (Ctrl+C), and how fast it stops.
/// What a script sees of the samples is in tests/Pester/ContainerLogsExec.Tests.ps1.
/// </summary>
[Collection(EngineCollection.Name)]
public class ContainerStatisticTests
{
    private readonly EngineFixture _engine;

    public ContainerStatisticTests(EngineFixture engine) => _engine = engine;

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
}
