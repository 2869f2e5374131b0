using System.Diagnostics;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>The container lifecycle against the private engine: list, create, run, start/stop, remove, rename, wait.</summary>
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
    public void Get_DockerContainer_lists_running_by_default_and_all_with_All_in_one_request()
    {
        using var running = _engine.Container("list", Image, "sleep", "60");
        using var stopped = new TestContainer(_engine, _engine.DockerOk("create", "--label", EngineFixture.TestLabel + "=list", Image, "true"));
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        var result = PowerShellRunner.Run("Get-DockerContainer -Filter @{label='psdocker.test=list'}; '--'; Get-DockerContainer -All -Filter @{label='psdocker.test=list'}").AssertNoErrors();
        var split = result.Output.Select((o, i) => (o, i)).First(x => "--".Equals(x.o.BaseObject)).i;
        var defaultIds = result.Output.Take(split).Select(o => (string)o.Properties["Id"].Value).ToList();
        var allIds = result.Output.Skip(split + 1).Select(o => (string)o.Properties["Id"].Value).ToList();

        Assert.Equal(new[] { running.Id }, defaultIds);
        Assert.Equal(new[] { running.Id, stopped.Id }.OrderBy(x => x), allIds.OrderBy(x => x));
        var first = result.Output[0];
        Assert.Equal("PSDocker.Model.DockerContainer", first.TypeNames[0]);
        Assert.Equal("running", first.Properties["State"].Value);
        Assert.Equal(Image, first.Properties["Image"].Value);
        Assert.StartsWith("sha256:", (string)first.Properties["ImageId"].Value);
        Assert.Equal("sleep 60", first.Properties["Command"].Value);
        Assert.True(Math.Abs(((DateTime)first.Properties["Created"].Value - DateTime.Now).TotalMinutes) < 5);
        Assert.Equal("list", ((IReadOnlyDictionary<string, string>)first.Properties["Labels"].Value)[EngineFixture.TestLabel]);
        Assert.Equal(_engine.Host, ((string)first.Properties["DockerHost"].Value).Replace(recorder.Host, _engine.Host));

        // One list request per call, no inspect per container.
        Assert.Equal(2, recorder.Paths.Count(p => p.Contains("/containers/json", StringComparison.Ordinal)));
        Assert.DoesNotContain(recorder.Paths, p => p.EndsWith("/json", StringComparison.Ordinal) && !p.Contains("/containers/json", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_DockerContainer_selects_by_wildcard_name_and_id_prefix_and_reports_missing_names()
    {
        var prefix = Unique("psdt-sel");
        using var a = _engine.Container("sel", "--name", prefix + "-a", Image, "sleep", "60");
        using var b = new TestContainer(_engine, _engine.DockerOk("create", "--name", prefix + "-b", "--label", EngineFixture.TestLabel + "=sel", Image));
        using var env = Env();

        var byWildcard = PowerShellRunner.Run("Get-DockerContainer -Name $p", Vars(("p", prefix + "-*"))).AssertNoErrors();
        Assert.Equal(new[] { prefix + "-a", prefix + "-b" }, byWildcard.Output.Select(o => (string)o.Properties["Name"].Value).OrderBy(n => n));

        var byId = PowerShellRunner.Run("Get-DockerContainer -Id $id", Vars(("id", b.Id[..10]))).AssertNoErrors();
        Assert.Equal(b.Id, byId.Output.Single().Properties["Id"].Value);

        var missing = PowerShellRunner.Run("Get-DockerContainer -Name $n, $m", Vars(("n", prefix + "-a"), ("m", prefix + "-nope")));
        Assert.Equal(prefix + "-a", missing.Output.Single().Properties["Name"].Value);
        var error = Assert.Single(missing.Errors);
        Assert.Equal("ContainerNotFound,PSDocker.Commands.Containers.GetDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(prefix + "-nope", error.TargetObject);

        // A wildcard that matches nothing is not an error, as for Get-Process.
        PowerShellRunner.Run("Get-DockerContainer -Name 'psdt-none-*'").AssertNoErrors();
    }

    [Fact]
    public void Get_DockerContainer_passes_filters_to_the_engine_and_honours_Last_and_Size()
    {
        using var exited = _engine.Exited("filt", Image, "true");
        using var running = _engine.Container("filt", Image, "sleep", "60");
        using var env = Env();
        var result = PowerShellRunner.Run("Get-DockerContainer -Filter @{status='exited'; label='psdocker.test=filt'}").AssertNoErrors();
        Assert.Equal(exited.Id, result.Output.Single().Properties["Id"].Value);
        Assert.Equal("exited", result.Output.Single().Properties["State"].Value);

        var last = PowerShellRunner.Run("Get-DockerContainer -Last 1 -Size").AssertNoErrors().Output.Single();
        Assert.Equal(running.Id, last.Properties["Id"].Value);
        Assert.NotNull(last.Properties["SizeRootFs"].Value);

        var bad = PowerShellRunner.Run("Get-DockerContainer -Filter @{nonsense='x'}");
        var error = Assert.IsType<ErrorRecord>(bad.Terminating);
        Assert.StartsWith("ContainerInvalidArgument,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Inspect_gives_the_full_container_detail()
    {
        var name = Unique("psdt-insp");
        using var c = _engine.Exited("insp", "--name", name, "-e", "GREETING=hi", "-v", "/data", "--restart", "no", Image, "sh", "-c", "exit 7");
        using var env = Env();
        var detail = PowerShellRunner.Run("Get-DockerContainer $n -Inspect", Vars(("n", name))).AssertNoErrors().Output.Single();
        Assert.Equal("PSDocker.Model.DockerContainerDetail", detail.TypeNames[0]);
        Assert.Equal(7L, detail.Properties["ExitCode"].Value);
        Assert.Equal("exited", detail.Properties["State"].Value);
        Assert.Contains("GREETING=hi", (IEnumerable<string>)detail.Properties["Environment"].Value);
        Assert.Equal(new[] { "sh", "-c", "exit 7" }, (IEnumerable<string>)detail.Properties["Command"].Value);
        var mount = ((System.Collections.IEnumerable)detail.Properties["Mounts"].Value).Cast<object>().Single();
        Assert.Equal("/data", PSObject.AsPSObject(mount).Properties["Destination"].Value);
        Assert.Equal(0L, detail.Properties["RestartCount"].Value);
        Assert.Equal("no", detail.Properties["RestartPolicy"].Value);
        Assert.NotNull(detail.Properties["FinishedAt"].Value);
    }

    [Fact]
    public void Remove_with_WhatIf_removes_nothing_and_the_real_run_removes_exactly_the_filtered_ones()
    {
        var tag = Unique("t");
        using var one = new TestContainer(_engine, _engine.DockerOk("create", "--label", "t=" + tag, "--label", EngineFixture.TestLabel + "=rm", Image));
        using var two = new TestContainer(_engine, _engine.DockerOk("create", "--label", "t=" + tag, "--label", EngineFixture.TestLabel + "=rm", Image));
        using var decoy = new TestContainer(_engine, _engine.DockerOk("create", "--label", "t=other", "--label", EngineFixture.TestLabel + "=rm", Image));
        using var env = Env();

        var whatIf = PowerShellRunner.Run("Get-DockerContainer -All -Filter @{label=$l} | Remove-DockerContainer -WhatIf", Vars(("l", "t=" + tag))).AssertNoErrors();
        Assert.Empty(whatIf.Output);
        Assert.True(Exists(one.Id) && Exists(two.Id) && Exists(decoy.Id));

        PowerShellRunner.Run("Get-DockerContainer -All -Filter @{label=$l} | Remove-DockerContainer", Vars(("l", "t=" + tag))).AssertNoErrors();
        Assert.False(Exists(one.Id));
        Assert.False(Exists(two.Id));
        Assert.True(Exists(decoy.Id));
    }

    [Fact]
    public void A_missing_name_in_the_middle_of_the_pipeline_is_one_non_terminating_error()
    {
        var first = Unique("psdt-p1");
        var last = Unique("psdt-p3");
        using var a = new TestContainer(_engine, _engine.DockerOk("create", "--name", first, "--label", EngineFixture.TestLabel + "=pipe", Image));
        using var c = new TestContainer(_engine, _engine.DockerOk("create", "--name", last, "--label", EngineFixture.TestLabel + "=pipe", Image));
        using var env = Env();
        var result = PowerShellRunner.Run("$a, 'psdt-no-such-container', $c | Remove-DockerContainer; 'after'", Vars(("a", first), ("c", last)));
        Assert.Null(result.Terminating);
        Assert.Equal("after", result.Output.Single().BaseObject);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ContainerNotFound,PSDocker.Commands.Containers.RemoveDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("psdt-no-such-container", error.TargetObject);
        Assert.False(Exists(first));
        Assert.False(Exists(last));
    }

    [Fact]
    public void A_taken_name_is_ResourceExists_and_removing_a_running_container_needs_Force()
    {
        var name = Unique("psdt-taken");
        using var running = _engine.Container("taken", "--name", name, Image, "sleep", "60");
        using var env = Env();

        var taken = PowerShellRunner.Run("New-DockerContainer $i -Name $n", Vars(("i", Image), ("n", name)));
        var error = Assert.IsType<ErrorRecord>(taken.Terminating);
        Assert.StartsWith("ContainerAlreadyExists,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);

        var notForced = PowerShellRunner.Run("Remove-DockerContainer $n", Vars(("n", name)));
        var running2 = Assert.Single(notForced.Errors);
        Assert.StartsWith("ContainerIsRunning,", running2.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, running2.CategoryInfo.Category);
        Assert.Contains("-Force", running2.Exception.Message);
        Assert.True(Exists(name));

        PowerShellRunner.Run("Remove-DockerContainer $n -Force", Vars(("n", name))).AssertNoErrors();
        Assert.False(Exists(name));
    }

    [Fact]
    public void Invoke_DockerContainer_prints_hello()
    {
        using var env = Env();
        var result = PowerShellRunner.Run("Invoke-DockerContainer $i echo hello -Remove; $LASTEXITCODE", Vars(("i", Image))).AssertNoErrors();
        Assert.Equal(new object[] { "hello", 0 }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Exit_codes_set_LASTEXITCODE_and_stderr_goes_to_the_error_stream()
    {
        using var env = Env();
        var result = PowerShellRunner.Run("Invoke-DockerContainer $i sh -c 'echo out; echo err >&2; exit 3' -Remove; $LASTEXITCODE", Vars(("i", Image)));
        Assert.Null(result.Terminating);
        Assert.Equal(new object[] { "out", 3 }, result.Output.Select(o => o.BaseObject));
        var err = Assert.Single(result.Errors);
        Assert.Equal("err", err.Exception.Message);
        Assert.StartsWith("ContainerStandardError,", err.FullyQualifiedErrorId);

        var strict = PowerShellRunner.Run("$PSNativeCommandUseErrorActionPreference = $true; Invoke-DockerContainer $i sh -c 'exit 5' -Remove", Vars(("i", Image)));
        Assert.Contains(strict.AllErrors, e => e.FullyQualifiedErrorId.StartsWith("ProgramExitedWithNonZeroCode", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_streams_line_by_line_before_the_container_exits()
    {
        using var env = Env();
        using var runspace = PowerShellRunner.OpenRunspace();
        using var ps = PowerShell.Create(runspace);
        ps.AddScript("Invoke-DockerContainer $args[0] sh -c 'for i in 1 2 3 4 5; do echo tick $i; sleep 0.2; done' -Remove").AddArgument(Image);
        var output = new PSDataCollection<PSObject>();
        var arrivals = new List<(string Line, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        output.DataAdded += (_, e) => arrivals.Add(((string)output[e.Index].BaseObject, clock.Elapsed));
        ps.Invoke(null, output);
        var total = clock.Elapsed;

        Assert.Equal(new[] { "tick 1", "tick 2", "tick 3", "tick 4", "tick 5" }, arrivals.Select(a => a.Line));
        // The first line arrives while the container still has ~800 ms of work left.
        Assert.True(total - arrivals[0].At > TimeSpan.FromMilliseconds(500), $"first line at {arrivals[0].At}, end at {total}");
        Assert.True(arrivals[4].At - arrivals[0].At > TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Bad_options_fail_with_InvalidArgument_before_any_request()
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
        };
        foreach (var (options, errorId) in cases)
        {
            foreach (var verb in new[] { "New-DockerContainer", "Invoke-DockerContainer" })
            {
                var result = PowerShellRunner.Run($"{verb} $i {options} -Label @{{'psdocker.test'='bad'}}", Vars(("i", Image)));
                var error = Assert.IsType<ErrorRecord>(result.Terminating);
                Assert.True(error.FullyQualifiedErrorId.StartsWith(errorId + ",", StringComparison.Ordinal), $"{verb} {options}: {error.FullyQualifiedErrorId}");
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.NotNull(error.TargetObject);
            }
        }

        // Nothing reached the engine at all: not even the connection's /version.
        Assert.Empty(recorder.Paths);
        Assert.Equal(string.Empty, _engine.DockerOk("ps", "-aq", "--filter", "label=psdocker.test=bad"));
    }

    [Fact]
    public void New_DockerContainer_applies_the_friendly_options()
    {
        var name = Unique("psdt-new");
        using var env = Env();
        var script = "New-DockerContainer $i sh -c 'sleep 1' -Name $n -Environment @{A='1'; B='two'} -Label @{'psdocker.test'='new'} " +
                     "-Publish '127.0.0.1:18080:80/udp', @{19090 = 90} -Volume '/anon', ($v + ':/named:ro') -WorkingDirectory /tmp -User 1000 " +
                     "-Hostname box -RestartPolicy 'on-failure:3' -Memory 64m -Cpus 0.5 -ReadOnly -Init -Entrypoint ''";
        var volume = Unique("psdt-vol");
        try
        {
            var result = PowerShellRunner.Run(script, Vars(("i", Image), ("n", name), ("v", volume))).AssertNoErrors();
            Assert.Equal(name, result.Output.Single().Properties["Name"].Value);
            Assert.Equal("created", result.Output.Single().Properties["State"].Value);

            string Inspect(string format) => _engine.DockerOk("inspect", "--format", format, name);
            Assert.Contains("A=1", Inspect("{{json .Config.Env}}"));
            Assert.Contains("B=two", Inspect("{{json .Config.Env}}"));
            Assert.Equal("[\"sh\",\"-c\",\"sleep 1\"]", Inspect("{{json .Config.Cmd}}"));
            Assert.Contains("\"80/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"18080\"}]", Inspect("{{json .HostConfig.PortBindings}}"));
            Assert.Contains("\"90/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"19090\"}]", Inspect("{{json .HostConfig.PortBindings}}"));
            Assert.Contains(volume + ":/named:ro", Inspect("{{json .HostConfig.Binds}}"));
            Assert.Contains("/anon", Inspect("{{json .Config.Volumes}}"));
            Assert.Equal("/tmp 1000 box", Inspect("{{.Config.WorkingDir}} {{.Config.User}} {{.Config.Hostname}}"));
            Assert.Equal("on-failure 3", Inspect("{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}"));
            Assert.Equal("67108864 500000000 true true", Inspect("{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Init}}"));
            Assert.Equal("[\"\"]", Inspect("{{json .Config.Entrypoint}}").Replace("null", "[\"\"]"));
        }
        finally
        {
            _engine.Docker("rm", "-f", "-v", name);
            _engine.Docker("volume", "rm", volume);
        }
    }

    [Fact]
    public void Entrypoint_overrides_the_image_and_RawConfig_is_an_escape_hatch()
    {
        using var env = Env();
        var result = PowerShellRunner.Run("Invoke-DockerContainer $i -Entrypoint /bin/echo -Remove -- from entrypoint", Vars(("i", Image))).AssertNoErrors();
        Assert.Equal("from entrypoint", result.Output.Single().BaseObject);

        var raw = PowerShellRunner.Run("Invoke-DockerContainer $i -RawConfig @{ Env = @('RAW=yes'); HostConfig = @{ ReadonlyRootfs = $true } } -Remove -- sh -c 'echo $RAW; touch /x 2>/dev/null || echo readonly'",
            Vars(("i", Image))).AssertNoErrors();
        Assert.Equal(new object[] { "yes", "readonly" }, raw.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Lifecycle_start_stop_kill_restart_pause_resume_rename_wait()
    {
        var name = Unique("psdt-life");
        var renamed = name + "-renamed";
        using var c = new TestContainer(_engine, _engine.DockerOk("create", "--name", name, "--label", EngineFixture.TestLabel + "=life", Image, "sleep", "300"));
        using var env = Env();
        var vars = Vars(("n", name), ("r", renamed));

        var renamedResult = PowerShellRunner.Run("Rename-DockerContainer $n $r -PassThru", vars).AssertNoErrors().Output.Single();
        Assert.Equal(renamed, renamedResult.Properties["Name"].Value);
        vars["n"] = renamed;

        Assert.Equal("running", PowerShellRunner.Run("(Start-DockerContainer $n -PassThru).State", vars).AssertNoErrors().Output.Single().BaseObject);
        PowerShellRunner.Run("Start-DockerContainer $n", vars).AssertNoErrors(); // already running: fine
        Assert.Equal("paused", PowerShellRunner.Run("(Suspend-DockerContainer $n -PassThru).State", vars).AssertNoErrors().Output.Single().BaseObject);
        Assert.Equal("running", PowerShellRunner.Run("(Resume-DockerContainer $n -PassThru).State", vars).AssertNoErrors().Output.Single().BaseObject);
        Assert.Equal("running", PowerShellRunner.Run("(Restart-DockerContainer $n -Timeout 0 -PassThru).State", vars).AssertNoErrors().Output.Single().BaseObject);

        var clock = Stopwatch.StartNew();
        PowerShellRunner.Run("Stop-DockerContainer $r -Signal SIGKILL", vars).AssertNoErrors();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        var exit = PowerShellRunner.Run("Wait-DockerContainer $r", vars).AssertNoErrors().Output.Single();
        Assert.Equal(137L, exit.Properties["ExitCode"].Value);

        // Stopping (or killing) a stopped container is not an error, as in the CLI.
        PowerShellRunner.Run("Stop-DockerContainer $r; Stop-DockerContainer $r -Force", vars).AssertNoErrors();
        Assert.Equal("exited", c.State);
    }

    [Fact]
    public void Stop_uses_the_timeout_before_killing()
    {
        using var c = _engine.Container("stop", Image, "sleep", "300");
        using var env = Env();
        var clock = Stopwatch.StartNew();
        var stopped = PowerShellRunner.Run("Get-DockerContainer -Id $id | Stop-DockerContainer -Timeout 1 -PassThru", Vars(("id", c.Id))).AssertNoErrors().Output.Single();
        Assert.Equal("exited", stopped.Properties["State"].Value);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1) && clock.Elapsed < TimeSpan.FromSeconds(8), clock.Elapsed.ToString());
    }

    [Fact]
    public void Wait_reports_the_exit_code_and_times_out_as_a_non_terminating_error()
    {
        using var quick = _engine.Container("wait", Image, "sh", "-c", "sleep 0.3; exit 4");
        using var slow = _engine.Container("wait", Image, "sleep", "300");
        using var env = Env();
        var done = PowerShellRunner.Run("Wait-DockerContainer -Id $id", Vars(("id", quick.Id))).AssertNoErrors().Output.Single();
        Assert.Equal(4L, done.Properties["ExitCode"].Value);

        var clock = Stopwatch.StartNew();
        var timedOut = PowerShellRunner.Run("Wait-DockerContainer -Id $id -Timeout 1; 'after'", Vars(("id", slow.Id)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal("after", timedOut.Output.Single().BaseObject);
        var error = Assert.Single(timedOut.Errors);
        Assert.StartsWith("WaitTimeout,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
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
    public void Detach_returns_the_running_container_at_once()
    {
        var name = Unique("psdt-detach");
        using var env = Env();
        try
        {
            var result = PowerShellRunner.Run("Invoke-DockerContainer $i sleep 60 -Detach -Name $n -Label @{'psdocker.test'='detach'}", Vars(("i", Image), ("n", name))).AssertNoErrors();
            var container = result.Output.Single();
            Assert.Equal("PSDocker.Model.DockerContainer", container.TypeNames[0]);
            Assert.Equal("running", container.Properties["State"].Value);
        }
        finally
        {
            _engine.Docker("rm", "-f", name);
        }
    }

    [Fact]
    public void A_missing_image_is_pulled_with_progress_or_refused_with_Pull_never()
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
            var never = PowerShellRunner.Run("Invoke-DockerContainer $r echo hi -Pull never -Remove", Vars(("r", remote)));
            var error = Assert.IsType<ErrorRecord>(never.Terminating);
            Assert.StartsWith("ImageNotFound,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);

            var pulled = PowerShellRunner.Run("Invoke-DockerContainer $r echo pulled -Remove", Vars(("r", remote))).AssertNoErrors();
            Assert.Equal("pulled", pulled.Output.Single().BaseObject);
            Assert.NotEmpty(pulled.Progress);
            var layerActivities = pulled.Progress.Where(p => p.Activity.StartsWith("Layer ", StringComparison.Ordinal)).GroupBy(p => p.ActivityId).ToList();
            Assert.NotEmpty(layerActivities);
            Assert.All(layerActivities, g => Assert.Equal(ProgressRecordType.Completed, g.Last().RecordType));
            Assert.All(layerActivities, g => Assert.Single(g.Select(p => p.Activity).Distinct()));

            var missing = PowerShellRunner.Run("Invoke-DockerContainer $r echo hi -Remove", Vars(("r", $"{registry}/psdocker-test/does-not-exist:1")));
            var notFound = Assert.IsType<ErrorRecord>(missing.Terminating);
            Assert.StartsWith("ImageNotFound,", notFound.FullyQualifiedErrorId);
        }
        finally
        {
            _engine.Docker("rmi", remote);
        }
    }
}
