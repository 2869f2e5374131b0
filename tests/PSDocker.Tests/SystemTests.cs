using System.Management.Automation;
using System.Text.RegularExpressions;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// What Pester cannot see of disk usage and prune: a TLS engine, the -WhatIf listing and the confirmation prompt
/// (a recording host), the requests sent. tests/Pester/System.Tests.ps1 checks the rest.
/// </summary>
[Collection(EngineCollection.Name)]
public class SystemTests
{
    private const string Image = EngineFixture.TestImage;
    private readonly EngineFixture _engine;

    public SystemTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private EnvScope Env() => EnvScope.Clean(("DOCKER_HOST", _engine.Host));

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public void Disk_usage_and_events_use_the_session_transport_so_TLS_engines_answer_too()
    {
        var certs = _engine.Tls ?? throw new InvalidOperationException(_engine.TlsHost);
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.TlsHost), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", certs.Good));
        var result = PowerShellRunner.Run("Get-DockerDiskUsage -Type Image; Get-DockerEvent -Since 10m -Until ([datetime]::Now) -Filter @{type='image'}").AssertNoErrors();
        var images = result.Output.First();
        Assert.Equal("Images", images.Properties["Type"].Value);
        Assert.True((long)images.Properties["TotalCount"].Value >= 1);
        Assert.Equal(_engine.TlsHost, images.Properties["DockerHost"].Value);
    }

    /// <summary>
    /// The objects of one prune test, all labelled psdocker.test=prune-&lt;tag&gt; so the prune (filtered on that
    /// label) never touches anything else on the engine.
    /// </summary>
    private sealed class PruneScene : IDisposable
    {
        private readonly EngineFixture _engine;
        private readonly List<string> _containers = new();
        private readonly List<string> _volumes = new();
        private readonly List<string> _networks = new();
        private readonly List<string> _images = new();

        public PruneScene(EngineFixture engine)
        {
            _engine = engine;
            Tag = Unique("prune");
        }

        public string Tag { get; }

        public string Label => EngineFixture.TestLabel + "=" + Tag;

        public string StoppedContainer(params string[] args)
        {
            var id = _engine.DockerOk(new[] { "create", "--label", Label }.Concat(args).Append(Image).Append("true").ToArray());
            _containers.Add(id);
            return id;
        }

        public string RunningContainer(params string[] args)
        {
            var id = _engine.DockerOk(new[] { "run", "-d", "--label", Label }.Concat(args).Append(Image).Append("sleep").Append("120").ToArray());
            _containers.Add(id);
            return id;
        }

        public string Volume(params string[] labels)
        {
            var name = Unique("psdt-pv");
            _engine.DockerOk(new[] { "volume", "create", "--label", Label }.Concat(labels.SelectMany(l => new[] { "--label", l })).Append(name).ToArray());
            _volumes.Add(name);
            return name;
        }

        public string Network(string subnet, params string[] labels)
        {
            var name = Unique("psdt-pn");
            _engine.DockerOk(new[] { "network", "create", "--label", Label, "--subnet", subnet }.Concat(labels.SelectMany(l => new[] { "--label", l })).Append(name).ToArray());
            _networks.Add(name);
            return name;
        }

        /// <summary>An untagged (dangling) image with the scene's label: a commit without a name.</summary>
        public string DanglingImage()
        {
            var seed = _engine.DockerOk("create", "--label", Label, Image, "true");
            try
            {
                var id = _engine.DockerOk("commit", "--change", "LABEL " + EngineFixture.TestLabel + "=" + Tag + " extra=" + Guid.NewGuid().ToString("N"), seed);
                _images.Add(id);
                return id;
            }
            finally
            {
                _engine.Docker("rm", seed);
            }
        }

        public bool ContainerExists(string id) => _engine.Docker("container", "inspect", id).ExitCode == 0;

        public bool VolumeExists(string name) => _engine.Docker("volume", "inspect", name).ExitCode == 0;

        public bool NetworkExists(string name) => _engine.Docker("network", "inspect", name).ExitCode == 0;

        public bool ImageExists(string id) => _engine.Docker("image", "inspect", id).ExitCode == 0;

        public void Dispose()
        {
            foreach (var id in _containers)
            {
                _engine.Docker("rm", "-f", "-v", id);
            }

            NetworkTests.RemoveNetworks(_engine, _networks.ToArray());
            foreach (var name in _volumes)
            {
                _engine.Docker("volume", "rm", "-f", name);
            }

            foreach (var id in _images)
            {
                _engine.Docker("rmi", "-f", id);
            }
        }
    }

    private static string Short(string id) => (id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id)[..12];

    [Fact]
    public void Prune_WhatIf_lists_each_candidate_and_changes_nothing_and_the_real_run_removes_exactly_that_list()
    {
        using var scene = new PruneScene(_engine);
        // Candidates: a stopped container, one whose volume is used by nothing else (it goes with it), an unused
        // volume, an unused network, a dangling image.
        var stopped = scene.StoppedContainer();
        var cascadeVolume = scene.Volume();
        var stoppedWithVolume = scene.StoppedContainer("-v", cascadeVolume + ":/data");
        var unusedVolume = scene.Volume();
        var unusedNetwork = scene.Network("10.241.0.0/24");
        var dangling = scene.DanglingImage();
        // Decoys: labelled keep, or in use by a running container.
        var keptVolume = scene.Volume("keep=1");
        var keptNetwork = scene.Network("10.242.0.0/24", "keep=1");
        var usedVolume = scene.Volume();
        var usedNetwork = scene.Network("10.243.0.0/24");
        var running = scene.RunningContainer("-v", usedVolume + ":/data", "--network", usedNetwork);
        var usedImage = scene.DanglingImage();
        var imageUser = _engine.DockerOk("run", "-d", "--label", scene.Label, usedImage, "sleep", "120");
        using var imageUserHandle = new TestContainer(_engine, imageUser);
        using var env = Env();

        var filter = Vars(("f", new System.Collections.Hashtable { ["label"] = scene.Label, ["label!"] = "keep" }));
        const string Prune = "Clear-DockerSystem -Type Container, Image, Network, Volume -Filter $f";

        var whatIfHost = new RecordingHost();
        using (var runspace = whatIfHost.OpenRunspace())
        {
            var whatIf = PowerShellRunner.Run(runspace, Prune + " -WhatIf", filter).AssertNoErrors();
            Assert.Empty(whatIf.Output);
        }

        var listed = whatIfHost.WhatIf;
        var expected = new[]
        {
            ("container", Short(stopped)),
            ("container", Short(stoppedWithVolume)),
            ("network", Short(_engine.DockerOk("network", "inspect", "--format", "{{.Id}}", unusedNetwork))),
            ("volume", cascadeVolume),
            ("volume", unusedVolume),
            ("image", Short(dangling)),
        };
        Assert.True(expected.Length == listed.Count, "listed:\n" + string.Join("\n", listed));
        foreach (var (kind, id) in expected)
        {
            Assert.Single(listed, l => l.StartsWith($"Performing the operation \"Remove unused {kind}\" on target \"", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
        }

        // -WhatIf changed nothing.
        Assert.True(scene.ContainerExists(stopped) && scene.ContainerExists(stoppedWithVolume) && scene.VolumeExists(cascadeVolume) &&
                    scene.VolumeExists(unusedVolume) && scene.NetworkExists(unusedNetwork) && scene.ImageExists(dangling));

        // The real run, confirming each: at the first prompt (after the listing) new objects appear that match
        // the filter; they must survive.
        string? lateContainer = null, lateVolume = null, lateNetwork = null;
        var confirmHost = new RecordingHost((_, _, choices) =>
        {
            if (lateContainer is null)
            {
                lateContainer = scene.StoppedContainer();
                lateVolume = scene.Volume();
                lateNetwork = scene.Network("10.244.0.0/24");
            }

            return choices.ToList().FindIndex(c => c.StartsWith("Yes to All", StringComparison.Ordinal));
        });
        PsResult real;
        using (var runspace = confirmHost.OpenRunspace())
        {
            real = PowerShellRunner.Run(runspace, Prune + " -Confirm", filter).AssertNoErrors();
        }

        Assert.Single(confirmHost.Prompts);
        var result = real.Output.Single();
        Assert.Equal("PSDocker.Model.DockerPruneResult", result.TypeNames[0]);
        var removed = ((System.Collections.IEnumerable)result.Properties["Removed"].Value).Cast<object>().Select(PSObject.AsPSObject)
            .Select(r => ((string)r.Properties["Type"].Value).ToLowerInvariant() + " " + (string)r.Properties["Id"].Value).ToList();
        Assert.Equal(expected.Length, removed.Count);
        foreach (var (kind, id) in expected)
        {
            Assert.Single(removed, r => r.StartsWith(kind + " ", StringComparison.Ordinal) && r.Contains(id, StringComparison.Ordinal));
        }

        Assert.True((long)result.Properties["SpaceReclaimed"].Value >= 0);
        Assert.Equal(new[] { unusedNetwork }, (IEnumerable<string>)result.Properties["NetworksDeleted"].Value);

        Assert.False(scene.ContainerExists(stopped) || scene.ContainerExists(stoppedWithVolume) || scene.VolumeExists(cascadeVolume) ||
                     scene.VolumeExists(unusedVolume) || scene.NetworkExists(unusedNetwork) || scene.ImageExists(dangling));
        // Decoys and late arrivals survive.
        Assert.True(scene.VolumeExists(keptVolume) && scene.NetworkExists(keptNetwork) && scene.VolumeExists(usedVolume) && scene.NetworkExists(usedNetwork));
        Assert.True(scene.ContainerExists(running) && scene.ImageExists(usedImage) && scene.ContainerExists(imageUser));
        Assert.NotNull(lateContainer);
        Assert.True(scene.ContainerExists(lateContainer!) && scene.VolumeExists(lateVolume!) && scene.NetworkExists(lateNetwork!));
    }

    [Fact]
    public void Bad_prune_filters_fail_before_any_request()
    {
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        foreach (var script in new[]
        {
            "Clear-DockerSystem -Filter @{dangling='true'} -Confirm:$false",
            "Clear-DockerSystem -Type Volume -Filter @{until='24h'} -Confirm:$false",
            "Clear-DockerSystem -Filter @{until='soon-ish'} -Confirm:$false",
            "Clear-DockerSystem -Filter @{label='=x'} -Confirm:$false",
        })
        {
            var error = Assert.IsType<ErrorRecord>(PowerShellRunner.Run(script).Terminating);
            Assert.Matches(new Regex("^(InvalidPruneFilter|InvalidTimeArgument),PSDocker.Commands.SystemCommands.ClearDockerSystemCommand$"), error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        }

        Assert.Empty(recorder.Paths);
    }
}
