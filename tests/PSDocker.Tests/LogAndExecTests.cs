using System.Diagnostics;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Get-DockerContainerLog and Invoke-DockerContainerCommand against the private engine.</summary>
[Collection(EngineCollection.Name)]
public class LogAndExecTests
{
    private const string Image = EngineFixture.TestImage;
    private readonly EngineFixture _engine;

    public LogAndExecTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private EnvScope Env() => EnvScope.Clean(("DOCKER_HOST", _engine.Host));

    [Fact]
    public void Logs_are_objects_with_stream_timestamp_line_and_container()
    {
        using var c = _engine.Exited("logs", Image, "sh", "-c", "echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three");
        using var env = Env();
        var result = PowerShellRunner.Run("Get-DockerContainerLog -Id $id", Vars(("id", c.Id))).AssertNoErrors();
        var lines = result.Output.Select(o => ((string)o.Properties["Stream"].Value, (string)o.Properties["Line"].Value)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains(("stdout", "one"), lines);
        Assert.Contains(("stderr", "two"), lines);
        Assert.Contains(("stdout", "three"), lines);
        var first = result.Output[0];
        Assert.Equal("PSDocker.Model.DockerLogLine", first.TypeNames[0]);
        Assert.True(Math.Abs(((DateTime)first.Properties["Timestamp"].Value - DateTime.Now).TotalMinutes) < 5);
        Assert.Equal(c.Id, first.Properties["ContainerId"].Value);

        var stderrOnly = PowerShellRunner.Run("Get-DockerContainerLog -Id $id -Stream Stderr", Vars(("id", c.Id))).AssertNoErrors();
        Assert.Equal(new[] { "two" }, stderrOnly.Output.Select(o => (string)o.Properties["Line"].Value));

        var tail = PowerShellRunner.Run("Get-DockerContainerLog -Id $id -Tail 1 -Stream Stdout", Vars(("id", c.Id))).AssertNoErrors();
        Assert.Equal(new[] { "three" }, tail.Output.Select(o => (string)o.Properties["Line"].Value));

        var since = PowerShellRunner.Run("Get-DockerContainerLog -Id $id -Since ([datetime]::Now.AddMinutes(5))", Vars(("id", c.Id))).AssertNoErrors();
        Assert.Empty(since.Output);
        var sinceDuration = PowerShellRunner.Run("Get-DockerContainerLog -Id $id -Since 10m", Vars(("id", c.Id))).AssertNoErrors();
        Assert.Equal(3, sinceDuration.Output.Count);

        var bad = PowerShellRunner.Run("Get-DockerContainerLog -Id $id -Since 'yesterday-ish'", Vars(("id", c.Id)));
        Assert.Contains(bad.AllErrors, e => e.FullyQualifiedErrorId.StartsWith("InvalidTimeArgument,", StringComparison.Ordinal) && e.CategoryInfo.Category == ErrorCategory.InvalidArgument);
    }

    [Fact]
    public void Logs_of_a_tty_container_come_as_one_stream()
    {
        using var c = _engine.Exited("tty", "-t", Image, "sh", "-c", "echo tty-out; echo tty-err >&2");
        using var env = Env();
        var result = PowerShellRunner.Run("Get-DockerContainerLog -Id $id", Vars(("id", c.Id))).AssertNoErrors();
        Assert.Equal(new[] { "tty-out", "tty-err" }, result.Output.Select(o => (string)o.Properties["Line"].Value));
        Assert.All(result.Output, o => Assert.Equal("stdout", o.Properties["Stream"].Value));
    }

    [Fact]
    public void Follow_streams_new_lines_and_CtrlC_ends_it_within_a_second()
    {
        using var c = _engine.Container("follow", Image, "sh", "-c", "i=0; while true; do i=$((i+1)); echo beat $i; sleep 0.1; done");
        using var env = Env();
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

    [Fact]
    public void Following_a_container_that_is_removed_ends_cleanly()
    {
        using var c = _engine.Container("follow-rm", Image, "sh", "-c", "while true; do echo alive; sleep 0.1; done");
        using var env = Env();
        using var runspace = PowerShellRunner.OpenRunspace();
        using var ps = PowerShell.Create(runspace);
        ps.AddCommand("Get-DockerContainerLog").AddParameter("Id", c.Id).AddParameter("Follow");
        var output = new PSDataCollection<PSObject>();
        var started = new ManualResetEventSlim();
        output.DataAdded += (_, _) => started.Set();
        var handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(started.Wait(TimeSpan.FromSeconds(20)));
        _engine.DockerOk("rm", "-f", c.Id);
        Assert.True(handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "following did not end when the container went away");
        Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
        Assert.False(ps.HadErrors, string.Join("; ", ps.Streams.Error));
    }

    [Fact]
    public void Logs_of_a_missing_container_are_a_ContainerNotFound_error()
    {
        using var env = Env();
        var result = PowerShellRunner.Run("Get-DockerContainerLog psdt-no-such-container");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ContainerNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal("psdt-no-such-container", error.TargetObject);
    }

    [Fact]
    public void Exec_streams_output_takes_stdin_from_the_pipeline_and_sets_the_exit_code()
    {
        using var c = _engine.Container("exec", Image, "sleep", "120");
        using var env = Env();
        var vars = Vars(("id", c.Id));

        var hostname = PowerShellRunner.Run("Invoke-DockerContainerCommand $id hostname", vars).AssertNoErrors();
        Assert.Equal(c.Id[..12], hostname.Output.Single().BaseObject);

        var stdin = PowerShellRunner.Run("'alpha', 'beta' | Invoke-DockerContainerCommand $id sort -r", vars).AssertNoErrors();
        Assert.Equal(new object[] { "beta", "alpha" }, stdin.Output.Select(o => o.BaseObject));

        var exit = PowerShellRunner.Run("Invoke-DockerContainerCommand $id sh -c 'echo bad >&2; exit 4'; $LASTEXITCODE", vars);
        Assert.Equal(4, exit.Output.Single().BaseObject);
        Assert.Equal("bad", Assert.Single(exit.Errors).Exception.Message);

        var options = PowerShellRunner.Run("Invoke-DockerContainerCommand $id -User 1234 -WorkingDirectory /bin -Environment @{GREETING='hej'} sh -c 'echo $(id -u) $(pwd) $GREETING'", vars).AssertNoErrors();
        Assert.Equal("1234 /bin hej", options.Output.Single().BaseObject);

        var piped = PowerShellRunner.Run("Get-DockerContainer -Id $id | Invoke-DockerContainerCommand -Command echo, piped", vars).AssertNoErrors();
        Assert.Equal("piped", piped.Output.Single().BaseObject);
    }

    [Fact]
    public void Exec_in_a_missing_or_stopped_container_is_a_clear_error()
    {
        using var stopped = new TestContainer(_engine, _engine.DockerOk("create", "--label", EngineFixture.TestLabel + "=exec", Image));
        using var env = Env();
        var missing = PowerShellRunner.Run("Invoke-DockerContainerCommand psdt-no-such-container true");
        var error = Assert.Single(missing.Errors);
        Assert.StartsWith("ContainerNotFound,", error.FullyQualifiedErrorId);

        var notRunning = PowerShellRunner.Run("Invoke-DockerContainerCommand $id true", Vars(("id", stopped.Id)));
        var conflict = Assert.Single(notRunning.Errors);
        Assert.StartsWith("ContainerConflict,", conflict.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, conflict.CategoryInfo.Category);
    }
}
