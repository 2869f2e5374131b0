using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Net.Sockets;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>The engine layer: one negotiated session per endpoint, shared, leak-free, and stoppable.</summary>
[Collection(EngineCollection.Name)]
public class SessionTests
{
    private readonly EngineFixture _engine;

    public SessionTests(EngineFixture engine) => _engine = engine;

    [Fact]
    public void One_version_request_per_session_then_every_call_uses_the_negotiated_api_path()
    {
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        var result = PowerShellRunner.Run("1..5 | ForEach-Object { Test-DockerConnection }; Get-DockerVersion; Get-DockerInfo").AssertNoErrors();
        Assert.Equal(7, result.Output.Count);
        var negotiated = (Version)result.Output[5].Properties["NegotiatedApiVersion"].Value;

        var paths = recorder.Paths;
        Assert.Equal(new[] { "/version" }, paths.Where(p => p.EndsWith("/version", StringComparison.Ordinal)));
        Assert.Equal("/version", paths[0]);
        var rest = paths.Skip(1).ToList();
        Assert.Equal(6, rest.Count); // 5 pings and one info: Get-DockerVersion reuses the session's answer
        Assert.All(rest, p => Assert.StartsWith($"/v{negotiated}/", p));
        Assert.Equal(5, rest.Count(p => p.EndsWith("/_ping", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_Unix_socket_connection_is_kept_for_call_after_call_and_upgraded_or_cut_streams_are_not_reused()
    {
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        var result = PowerShellRunner.Run("""
            1..20 | ForEach-Object { Test-DockerConnection } | Out-Null
            $name = 'psdt-keep-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
            New-DockerContainer $image -Name $name -Label @{ 'psdocker.test' = 'keepalive' } cat | Out-Null
            Start-DockerContainer $name
            Stop-DockerContainer $name -Timeout 0
            Invoke-DockerContainer $image -Remove -Label @{ 'psdocker.test' = 'keepalive' } echo from-the-run
            Get-DockerContainer -All -Name $name | Remove-DockerContainer
            Test-DockerConnection
            """, new Dictionary<string, object?> { ["image"] = EngineFixture.TestImage }).AssertNoErrors();

        // The run's attached output came back; the 204s of start and stop ended where they end.
        Assert.True(result.Output.Count == 2, "output: " + string.Join(" | ", result.Output) + " errors: " + string.Join(" | ", result.Errors));
        Assert.Equal("from-the-run", result.Output[0].ToString());
        Assert.Equal(true, result.Output[1].BaseObject);
        var requests = recorder.Requests.Count;
        Assert.True(requests > 28, $"only {requests} requests were seen");
        // One connection for the pings and the rest; the attach of the run is its own and is not kept.
        Assert.True(recorder.Connections <= 4, $"{recorder.Connections} connections for {requests} requests");
    }

    [Fact]
    public void DOCKER_API_VERSION_pins_the_version_like_the_CLI()
    {
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host), ("DOCKER_API_VERSION", "1.40"));
        var result = PowerShellRunner.Run("Get-DockerVersion; Get-DockerInfo").AssertNoErrors();
        Assert.Equal(new Version(1, 40), result.Output[0].Properties["NegotiatedApiVersion"].Value);
        Assert.Contains("/v1.40/info", recorder.Paths);
    }

    [Fact]
    public void Parallel_runspaces_share_one_session()
    {
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(new[] { Repo.ModuleManifest });
        using var pool = RunspaceFactory.CreateRunspacePool(iss);
        pool.SetMaxRunspaces(8);
        pool.Open();
        var calls = Enumerable.Range(0, 16).Select(_ =>
        {
            var ps = PowerShell.Create();
            ps.RunspacePool = pool;
            ps.AddCommand("Test-DockerConnection");
            return (ps, handle: ps.BeginInvoke());
        }).ToList();
        foreach (var (ps, handle) in calls)
        {
            var output = ps.EndInvoke(handle);
            Assert.Equal(true, Assert.Single(output).BaseObject);
            ps.Dispose();
        }

        Assert.Single(recorder.Paths, p => p == "/version");
        Assert.Equal(16, recorder.Paths.Count(p => p.EndsWith("/_ping", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ten_thousand_calls_leak_no_file_descriptors()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var runspace = PowerShellRunner.OpenRunspace();
        PowerShellRunner.Run(runspace, "1..50 | ForEach-Object { Test-DockerConnection } | Out-Null").AssertNoErrors();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Directory.GetFiles("/proc/self/fd").Length;

        var result = PowerShellRunner.Run(runspace, "$ok = 0; foreach ($i in 1..10000) { if (Test-DockerConnection) { $ok++ } }; $ok").AssertNoErrors();
        Assert.Equal(10000, (int)result.Output.Single().BaseObject);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var after = Directory.GetFiles("/proc/self/fd").Length;
        Assert.True(after - before < 10, $"file descriptors grew from {before} to {after} over 10,000 calls");
    }

    [Fact]
    public void Stopping_the_pipeline_returns_at_once_while_the_engine_does_not_answer()
    {
        // A listener that accepts and never answers: the request would hang for the client's 100 s timeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var env = EnvScope.Clean(("DOCKER_HOST", $"tcp://127.0.0.1:{port}"));
        using var runspace = PowerShellRunner.OpenRunspace();
        using var ps = PowerShell.Create(runspace);
        ps.AddCommand("Get-DockerVersion");
        var handle = ps.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => silent.Pending(), TimeSpan.FromSeconds(10)), "the cmdlet never connected");
        Thread.Sleep(200);
        Assert.False(handle.IsCompleted);

        var clock = Stopwatch.StartNew();
        ps.Stop();
        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {clock.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }
}
