using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Get-DockerContainerProcess (docker top) and Get-DockerContainerChange (docker diff).</summary>
[Collection(EngineCollection.Name)]
public class ContainerProcessTests
{
    private readonly EngineFixture _engine;

    public ContainerProcessTests(EngineFixture engine) => _engine = engine;

    [Fact]
    public void Processes_carry_the_ps_columns_as_properties()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var sleeper = ContainerScope.Run(_engine, "sleep 1000");
        var result = PowerShellRunner.Run(
            "Get-DockerContainerProcess $n; '--'; Get-DockerContainer -Name $n | Get-DockerContainerProcess -PsArguments '-o pid,comm'",
            new Dictionary<string, object?> { ["n"] = sleeper.Name }).AssertNoErrors();

        var separator = result.Output.ToList().FindIndex(o => "--".Equals(o.BaseObject));
        var ef = result.Output.Take(separator).ToList();
        var process = Assert.Single(ef, p => ((string)p.Properties["CMD"].Value).Contains("sleep 1000"));
        Assert.Equal("PSDocker.Model.DockerContainerProcess#ps-ef", process.TypeNames[0]);
        Assert.Equal(sleeper.Name, process.Properties["Container"].Value);
        Assert.IsType<long>(process.Properties["PID"].Value);
        Assert.True((long)process.Properties["PID"].Value > 0);
        foreach (var column in new[] { "UID", "PPID", "C", "STIME", "TTY", "TIME" })
        {
            Assert.NotNull(process.Properties[column]);
        }

        Assert.Equal(_engine.Host, process.Properties["DockerHost"].Value);

        var custom = result.Output.Skip(separator + 1).ToList();
        Assert.NotEmpty(custom);
        Assert.All(custom, p => Assert.Equal(new[] { "PID", "COMMAND" }, (IEnumerable<string>)p.Properties["Titles"].Value));
        Assert.Contains(custom, p => "sleep".Equals(p.Properties["COMMAND"].Value));
        Assert.Equal("PSDocker.Model.DockerContainerProcess", custom[0].TypeNames[0]);
    }

    [Fact]
    public void A_stopped_container_has_no_processes_ContainerNotRunning()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var stopped = ContainerScope.Create(_engine);
        var result = PowerShellRunner.Run("Get-DockerContainerProcess $n", new Dictionary<string, object?> { ["n"] = stopped.Name });
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ContainerNotRunning,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Equal(stopped.Name, error.TargetObject);
    }

    [Fact]
    public void Changes_list_added_changed_and_deleted_paths()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var changed = ContainerScope.Run(_engine, "echo hi > /added.txt && rm /bin/ls", detach: false);
        using var untouched = ContainerScope.Create(_engine);
        var result = PowerShellRunner.Run("Get-DockerContainerChange $a, $b", new Dictionary<string, object?> { ["a"] = changed.Name, ["b"] = untouched.Name })
            .AssertNoErrors();

        var changes = result.Output.Select(o => ((string)o.Properties["Path"].Value, o.Properties["Kind"].Value.ToString(), (string)o.Properties["Container"].Value)).ToList();
        Assert.Contains(("/added.txt", "Added", changed.Name), changes);
        Assert.Contains(("/bin/ls", "Deleted", changed.Name), changes);
        Assert.Contains(("/bin", "Changed", changed.Name), changes);
        Assert.DoesNotContain(changes, c => c.Item3 == untouched.Name);
        Assert.Equal("A /added.txt", result.Output.Single(o => "/added.txt".Equals(o.Properties["Path"].Value)).ToString());
    }

    [Fact]
    public void Changes_of_a_missing_container_are_ContainerNotFound()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var error = Assert.Single(PowerShellRunner.Run("Get-DockerContainerChange psdt-no-such").Errors);
        Assert.StartsWith("ContainerNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }
}
