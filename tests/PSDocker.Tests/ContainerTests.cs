using System.Diagnostics;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// What the container cmdlets do on the wire and in the host: requests made (or not made), progress records, Ctrl+C.
/// What a script sees of them (objects, errors, engine state) is in tests/Pester/Containers.Tests.ps1.
/// </summary>
[Collection(EngineCollection.Name)]
public class ContainerTests
{
    private const string Image = EngineFixture.TestImage;
    private readonly EngineFixture _engine;

    public ContainerTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private EnvScope Env() => EnvScope.Clean(("DOCKER_HOST", _engine.Host));

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private bool Exists(string nameOrId) => _engine.Docker("inspect", nameOrId).ExitCode == 0;

    [Fact]
    public void Get_DockerContainer_lists_in_one_request_without_an_inspect_per_container()
    {
        using var running = _engine.Container("list", Image, "sleep", "60");
        using var stopped = new TestContainer(_engine, _engine.DockerOk("create", "--label", EngineFixture.TestLabel + "=list", Image, "true"));
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        var result = PowerShellRunner.Run("Get-DockerContainer -Filter @{label='psdocker.test=list'}; Get-DockerContainer -All -Filter @{label='psdocker.test=list'}").AssertNoErrors();
        Assert.Equal(3, result.Output.Count);

        // One list request per call, no inspect per container.
        Assert.Equal(2, recorder.Paths.Count(p => p.Contains("/containers/json", StringComparison.Ordinal)));
        Assert.DoesNotContain(recorder.Paths, p => p.EndsWith("/json", StringComparison.Ordinal) && !p.Contains("/containers/json", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_options_fail_before_any_request()
    {
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        var cases = new (string Options, string ErrorId)[]
        {
            ("-Publish '99999:80'", "InvalidPublishSpec"),
            ("-Publish '127.0.0.1:80:80/xyz'", "InvalidPublishSpec"),
            ("-Publish 'a:b:c:d'", "InvalidPublishSpec"),
            ("-Volume 'data:relative/path'", "InvalidVolumeSpec"),
            ("-Volume 'bad name!:/x'", "InvalidVolumeSpec"),
            ("-Environment '=x'", "InvalidEnvironment"),
            ("-Memory 'lots'", "InvalidMemory"),
            ("-Cpus -1", "InvalidCpus"),
            ("-RestartPolicy 'sometimes'", "InvalidRestartPolicy"),
            ("-Mount 'type=bind,target=/x'", "InvalidMountSpec"),
            ("-Mount 'type=weird,target=/x'", "InvalidMountSpec"),
            ("-Mount 'type=tmpfs,target=/x,tmpfs-sise=1m'", "InvalidMountSpec"),
            ("-Mount 'type=bind,source=/tmp,target=/x,readonly=maybe'", "InvalidMountSpec"),
        };
        foreach (var (options, errorId) in cases)
        {
            foreach (var verb in new[] { "New-DockerContainer", "Invoke-DockerContainer" })
            {
                // The error about the value (its category and target are checked in Pester) ...
                var result = PowerShellRunner.Run($"{verb} $i {options} -Label @{{'psdocker.test'='bad'}}", Vars(("i", Image)));
                var error = Assert.IsType<ErrorRecord>(result.Terminating);
                Assert.True(error.FullyQualifiedErrorId.StartsWith(errorId + ",", StringComparison.Ordinal), $"{verb} {options}: {error.FullyQualifiedErrorId}");
            }
        }

        // ... came before anything reached the engine at all: not even the connection's /version.
        Assert.Empty(recorder.Paths);
    }

    [Fact]
    public void Remove_runs_even_when_the_run_is_stopped_with_CtrlC()
    {
        var name = Unique("psdt-ctrlc");
        using var env = Env();
        using var runspace = PowerShellRunner.OpenRunspace();
        using var ps = PowerShell.Create(runspace);
        ps.AddScript("Invoke-DockerContainer $args[0] sh -c 'echo started; sleep 300' -Name $args[1] -Remove").AddArgument(Image).AddArgument(name);
        var output = new PSDataCollection<PSObject>();
        var started = new ManualResetEventSlim();
        output.DataAdded += (_, _) => started.Set();
        var handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the container never started");
        Assert.True(Exists(name));

        var clock = Stopwatch.StartNew();
        ps.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stop took {clock.Elapsed}");
        Assert.False(Exists(name));
        GC.KeepAlive(handle);
    }

    [Fact]
    public void A_missing_image_is_pulled_with_one_progress_activity_per_layer()
    {
        var registry = _engine.Registry.Address;
        var remote = $"{registry}/psdocker-test/pullme:{Guid.NewGuid().ToString("N")[..8]}";
        // An image with a layer of its own, so the pull really downloads something.
        using (var seed = _engine.Exited("pull", Image, "sh", "-c", "echo " + Guid.NewGuid() + " > /unique"))
        {
            _engine.DockerOk("commit", seed.Id, remote);
        }

        _engine.DockerOk("push", remote);
        _engine.DockerOk("rmi", remote);
        using var env = Env();
        try
        {
            var pulled = PowerShellRunner.Run("Invoke-DockerContainer $r echo pulled -Remove", Vars(("r", remote))).AssertNoErrors();
            Assert.Equal("pulled", pulled.Output.Single().BaseObject);
            Assert.NotEmpty(pulled.Progress);
            var layerActivities = pulled.Progress.Where(p => p.Activity.StartsWith("Layer ", StringComparison.Ordinal)).GroupBy(p => p.ActivityId).ToList();
            Assert.NotEmpty(layerActivities);
            Assert.All(layerActivities, g => Assert.Equal(ProgressRecordType.Completed, g.Last().RecordType));
            Assert.All(layerActivities, g => Assert.Single(g.Select(p => p.Activity).Distinct()));
        }
        finally
        {
            _engine.Docker("rmi", remote);
        }
    }
}
