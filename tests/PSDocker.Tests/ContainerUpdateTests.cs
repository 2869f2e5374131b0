using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Update-DockerContainer (docker update).</summary>
[Collection(EngineCollection.Name)]
public class ContainerUpdateTests
{
    private readonly EngineFixture _engine;

    public ContainerUpdateTests(EngineFixture engine) => _engine = engine;

    [Fact]
    public void Update_changes_memory_cpus_and_restart_policy_as_inspect_shows()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var sleeper = ContainerScope.Run(_engine, "sleep 1000");
        var result = PowerShellRunner.Run(
            "Update-DockerContainer $n -Memory 64m -MemorySwap 128m -Cpus 0.5 -RestartPolicy on-failure:3 -PassThru; Get-DockerContainer $n -Inspect",
            new Dictionary<string, object?> { ["n"] = sleeper.Name }).AssertNoErrors();

        Assert.Equal(2, result.Output.Count);
        Assert.Equal("PSDocker.Model.DockerContainer", result.Output[0].BaseObject.GetType().FullName);
        Assert.Equal(sleeper.Name, result.Output[0].Properties["Name"].Value);
        var detail = result.Output[1];
        Assert.Equal(64L * 1024 * 1024, detail.Properties["MemoryLimit"].Value);
        Assert.Equal(0.5, detail.Properties["Cpus"].Value);
        Assert.Equal("on-failure:3", detail.Properties["RestartPolicy"].Value);
    }

    [Fact]
    public void WhatIf_changes_nothing()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var sleeper = ContainerScope.Run(_engine, "sleep 1000");
        var result = PowerShellRunner.Run("Get-DockerContainer $n | Update-DockerContainer -RestartPolicy always -WhatIf -PassThru; (Get-DockerContainer $n -Inspect).RestartPolicy",
            new Dictionary<string, object?> { ["n"] = sleeper.Name }).AssertNoErrors();
        Assert.Equal("no", Assert.Single(result.Output).BaseObject);
    }

    [Theory]
    [InlineData("-Memory 12x", "InvalidMemory")]
    [InlineData("-Cpus -1", "InvalidCpus")]
    [InlineData("-RestartPolicy sometimes", "InvalidRestartPolicy")]
    [InlineData("", "UpdateNothingGiven")]
    public void Bad_values_fail_before_any_request(string arguments, string errorId)
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        // The container does not exist: the error is about the value, so no request was made.
        var result = PowerShellRunner.Run("Update-DockerContainer psdt-no-such " + arguments);
        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_missing_container_is_ContainerNotFound()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var error = Assert.Single(PowerShellRunner.Run("Update-DockerContainer psdt-no-such -Cpus 1").Errors);
        Assert.StartsWith("ContainerNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal("psdt-no-such", error.TargetObject);
    }
}
