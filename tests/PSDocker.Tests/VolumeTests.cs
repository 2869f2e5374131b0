using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Get-, New- and Remove-DockerVolume against the private engine.</summary>
[Collection(EngineCollection.Name)]
public class VolumeTests
{
    private const string Image = EngineFixture.TestImage;
    private readonly EngineFixture _engine;

    public VolumeTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private EnvScope Env() => EnvScope.Clean(("DOCKER_HOST", _engine.Host));

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private bool Exists(string volume) => _engine.Docker("volume", "inspect", volume).ExitCode == 0;

    private string Volume(string name, params string[] options)
    {
        _engine.DockerOk(new[] { "volume", "create", "--label", EngineFixture.TestLabel + "=vol" }.Concat(options).Append(name).ToArray());
        return name;
    }

    [Fact]
    public void New_Get_and_Remove_DockerVolume_with_labels_options_wildcards_and_filters()
    {
        var prefix = Unique("psdt-vol");
        using var env = Env();
        try
        {
            var created = PowerShellRunner.Run(
                "New-DockerVolume $n -Label @{'psdocker.test'='vol'; tier='a'} -DriverOption @{type='tmpfs'; device='tmpfs'; o='size=1m'}; " +
                "New-DockerVolume $m -Label 'psdocker.test=vol', 'tier=b'",
                Vars(("n", prefix + "-a"), ("m", prefix + "-b"))).AssertNoErrors().Output;
            Assert.Equal(2, created.Count);
            var first = created[0];
            Assert.Equal("PSDocker.Model.DockerVolume", first.TypeNames[0]);
            Assert.Equal(prefix + "-a", first.Properties["Name"].Value);
            Assert.Equal("local", first.Properties["Driver"].Value);
            Assert.Equal("a", ((IReadOnlyDictionary<string, string>)first.Properties["Labels"].Value)["tier"]);
            Assert.Equal("tmpfs", ((IReadOnlyDictionary<string, string>)first.Properties["Options"].Value)["type"]);
            Assert.Equal(_engine.Host, first.Properties["DockerHost"].Value);
            Assert.Equal("tmpfs", _engine.DockerOk("volume", "inspect", "--format", "{{.Options.type}}", prefix + "-a"));

            var byWildcard = PowerShellRunner.Run("Get-DockerVolume $p", Vars(("p", prefix + "-*"))).AssertNoErrors();
            Assert.Equal(new[] { prefix + "-a", prefix + "-b" }, byWildcard.Output.Select(o => (string)o.Properties["Name"].Value));

            var byLabel = PowerShellRunner.Run("Get-DockerVolume $p -Label 'tier=b' -Driver local", Vars(("p", prefix + "-*"))).AssertNoErrors();
            Assert.Equal(prefix + "-b", byLabel.Output.Single().Properties["Name"].Value);
            var byFilter = PowerShellRunner.Run("Get-DockerVolume -Filter @{label='tier=a'; dangling=$true} | Where-Object Name -like $p", Vars(("p", prefix + "-*"))).AssertNoErrors();
            Assert.Equal(prefix + "-a", byFilter.Output.Single().Properties["Name"].Value);

            var missing = PowerShellRunner.Run("Get-DockerVolume $a, $n; Get-DockerVolume 'psdt-none-*'", Vars(("a", prefix + "-a"), ("n", prefix + "-nope")));
            Assert.Equal(prefix + "-a", missing.Output.Single().Properties["Name"].Value);
            var error = Assert.Single(missing.Errors);
            Assert.Equal("VolumeNotFound,PSDocker.Commands.Volumes.GetDockerVolumeCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(prefix + "-nope", error.TargetObject);

            // -WhatIf changes nothing; the pipeline removes what Get found, on the engine it came from.
            PowerShellRunner.Run("Get-DockerVolume $p | Remove-DockerVolume -WhatIf; New-DockerVolume $c -WhatIf", Vars(("p", prefix + "-*"), ("c", prefix + "-c"))).AssertNoErrors();
            Assert.True(Exists(prefix + "-a") && Exists(prefix + "-b") && !Exists(prefix + "-c"));
            PowerShellRunner.Run("Get-DockerVolume $p | Remove-DockerVolume", Vars(("p", prefix + "-*"))).AssertNoErrors();
            Assert.False(Exists(prefix + "-a"));
            Assert.False(Exists(prefix + "-b"));
        }
        finally
        {
            _engine.Docker("volume", "rm", prefix + "-a", prefix + "-b");
        }
    }

    [Fact]
    public void An_anonymous_volume_gets_a_name_and_wildcards_remove_only_what_they_match()
    {
        var prefix = Unique("psdt-wild");
        using var env = Env();
        string? anonymous = null;
        try
        {
            anonymous = (string)PowerShellRunner.Run("(New-DockerVolume -Label @{'psdocker.test'='vol'}).Name").AssertNoErrors().Output.Single().BaseObject;
            Assert.Matches("^[0-9a-f]{64}$", anonymous);
            Volume(prefix + "-1");
            Volume(prefix + "-2");
            Volume(prefix + "x");

            PowerShellRunner.Run("Remove-DockerVolume $p", Vars(("p", prefix + "-?"))).AssertNoErrors();
            Assert.False(Exists(prefix + "-1"));
            Assert.False(Exists(prefix + "-2"));
            Assert.True(Exists(prefix + "x"));
            PowerShellRunner.Run("Remove-DockerVolume 'psdt-none-*'").AssertNoErrors();
        }
        finally
        {
            _engine.Docker("volume", "rm", prefix + "-1", prefix + "-2", prefix + "x", anonymous ?? "psdt-none");
        }
    }

    [Fact]
    public void Removing_a_volume_in_use_names_the_container_and_removes_nothing()
    {
        var volume = Volume(Unique("psdt-used"));
        var container = Unique("psdt-user");
        using var user = new TestContainer(_engine, _engine.DockerOk("create", "--name", container, "--label", EngineFixture.TestLabel + "=vol", "-v", volume + ":/data", Image));
        var spare = Volume(Unique("psdt-spare"));
        using var env = Env();
        try
        {
            var result = PowerShellRunner.Run("Remove-DockerVolume $v, $s; Remove-DockerVolume $v -Force; 'after'", Vars(("v", volume), ("s", spare)));
            Assert.Null(result.Terminating);
            Assert.Equal("after", result.Output.Single().BaseObject);
            Assert.Equal(2, result.Errors.Count);
            foreach (var error in result.Errors)
            {
                Assert.Equal("VolumeInUse,PSDocker.Commands.Volumes.RemoveDockerVolumeCommand", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
                Assert.Equal(volume, error.TargetObject);
                Assert.Contains("'" + container + "'", error.Exception.Message);
            }

            Assert.True(Exists(volume));
            Assert.False(Exists(spare)); // the one beside it in the same call went
        }
        finally
        {
            user.Dispose();
            _engine.Docker("volume", "rm", volume, spare);
        }
    }

    [Fact]
    public void Bad_volume_input_is_a_specific_error_and_changes_nothing()
    {
        var taken = Volume(Unique("psdt-taken"));
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        try
        {
            // Refused before any request.
            foreach (var (script, errorId, target) in new[]
            {
                ("New-DockerVolume 'a/b'", "InvalidVolumeName", "a/b"),
                ("New-DockerVolume x", "InvalidVolumeName", "x"),
                ("New-DockerVolume psdt-drv -Driver 'no such driver'", "InvalidVolumeDriver", "no such driver"),
                ("New-DockerVolume psdt-lbl -Label '=x'", "InvalidLabel", "=x"),
            })
            {
                var error = Assert.IsType<ErrorRecord>(PowerShellRunner.Run(script).Terminating);
                Assert.Equal(errorId + ",PSDocker.Commands.Volumes.NewDockerVolumeCommand", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.Equal(target, error.TargetObject);
            }

            Assert.Empty(recorder.Paths);

            var creates = recorder.Paths.Count(p => p.EndsWith("/volumes/create", StringComparison.Ordinal));
            var exists = Assert.IsType<ErrorRecord>(PowerShellRunner.Run("New-DockerVolume $t -Label @{changed='yes'}", Vars(("t", taken))).Terminating);
            Assert.StartsWith("VolumeAlreadyExists,", exists.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, exists.CategoryInfo.Category);
            Assert.Equal(taken, exists.TargetObject);
            Assert.Equal(string.Empty, _engine.DockerOk("volume", "inspect", "--format", "{{index .Labels \"changed\"}}", taken));
            Assert.Equal(creates, recorder.Paths.Count(p => p.EndsWith("/volumes/create", StringComparison.Ordinal)));

            var missing = PowerShellRunner.Run("Remove-DockerVolume psdt-no-such-volume");
            var notFound = Assert.Single(missing.Errors);
            Assert.Equal("VolumeNotFound,PSDocker.Commands.Volumes.RemoveDockerVolumeCommand", notFound.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, notFound.CategoryInfo.Category);
            Assert.Equal("psdt-no-such-volume", notFound.TargetObject);
        }
        finally
        {
            _engine.Docker("volume", "rm", taken);
        }
    }
}
