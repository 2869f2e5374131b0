using System.Diagnostics;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// Get-DockerContainerLog -Follow stopped through the host (Ctrl+C), and how fast it stops.
/// What a script sees of logs and exec is in tests/Pester/ContainerLogsExec.Tests.ps1.
/// </summary>
[Collection(EngineCollection.Name)]
public class LogAndExecTests
{
    private const string Image = EngineFixture.TestImage;
    private readonly EngineFixture _engine;

    public LogAndExecTests(EngineFixture engine) => _engine = engine;

    [Fact]
    public void Follow_streams_new_lines_and_CtrlC_ends_it_within_a_second()
    {
        using var c = _engine.Container("follow", Image, "sh", "-c", "i=0; while true; do i=$((i+1)); echo beat $i; sleep 0.1; done");
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var runspace = PowerShellRunner.OpenRunspace();
        using var ps = PowerShell.Create(runspace);
        ps.AddCommand("Get-DockerContainerLog").AddParameter("Id", c.Id).AddParameter("Follow");
        var output = new PSDataCollection<PSObject>();
        var enough = new ManualResetEventSlim();
        output.DataAdded += (_, _) =>
        {
            if (output.Count >= 5)
            {
                enough.Set();
            }
        };
        var handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(enough.Wait(TimeSpan.FromSeconds(20)), "no lines arrived while following");
        var clock = Stopwatch.StartNew();
        ps.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"stop took {clock.Elapsed}");
        Assert.True(handle.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }
}
