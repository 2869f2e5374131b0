using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// The module's Docker.DotNet loads beside another version of the same assembly (same name and key).
/// Runs in a fresh process: this one has long since loaded the module.
/// </summary>
[Collection(EngineCollection.Name)]
public class IsolationTests
{
    private readonly EngineFixture _engine;

    public IsolationTests(EngineFixture engine) => _engine = engine;

    [Fact]
    public void Module_works_after_the_original_Docker_DotNet_3_125_was_loaded_first()
    {
        var legacy = Repo.Metadata("LegacyDockerDotNet");
        Assert.True(File.Exists(legacy), "missing " + legacy);
        var script = $$"""
            $legacy = [System.Reflection.Assembly]::LoadFrom('{{legacy}}')
            'legacy ' + $legacy.GetName().Version
            Import-Module '{{Repo.ModuleManifest}}'
            'connected ' + (Test-DockerConnection -DockerHost '{{_engine.Host}}')
            'engine ' + (Get-DockerVersion -DockerHost '{{_engine.Host}}').Version
            foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies()) {
              if ($a.GetName().Name -eq 'Docker.DotNet') {
                'loaded ' + $a.GetName().Version + ' in ' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a).Name
              }
            }
            """;
        var result = Processes.Run("dotnet", new[] { Repo.Metadata("TestHost"), script }, new Dictionary<string, string?> { ["DOCKER_HOST"] = null });
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("OUT legacy 3.125.0.0", lines);
        Assert.Contains("OUT connected True", lines);
        Assert.Contains(lines, l => l.StartsWith("OUT engine ", StringComparison.Ordinal) && l.Length > "OUT engine ".Length);
        Assert.Contains("OUT loaded 3.125.0.0 in Default", lines);
        Assert.Contains("OUT loaded 4.3.0.0 in PSDocker", lines);
    }
}
