using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Errors that tell the user what to do: ids, categories, targets, messages.</summary>
[Collection(EngineCollection.Name)]
public class ErrorTests
{
    private readonly EngineFixture _engine;

    public ErrorTests(EngineFixture engine) => _engine = engine;

    [Fact]
    public void Missing_socket_is_a_terminating_DockerEngineUnreachable_error_with_the_CLI_sentence()
    {
        var host = "unix:///tmp/psdocker-no-such-dir/docker.sock";
        using var env = EnvScope.Clean(("DOCKER_HOST", host));
        var result = PowerShellRunner.Run("Get-DockerVersion; 'not reached'");
        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Equal("DockerEngineUnreachable,PSDocker.Commands.SystemCommands.GetDockerVersionCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Equal(host, error.TargetObject);
        Assert.Contains($"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?", error.Exception.Message);
    }

    [Fact]
    public void Test_DockerConnection_says_false_for_a_missing_engine_without_an_error()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", "unix:///tmp/psdocker-no-such-dir/docker.sock"));
        var result = PowerShellRunner.Run("Test-DockerConnection; Test-DockerConnection -Detailed -Verbose").AssertNoErrors();
        Assert.Equal(false, result.Output[0].BaseObject);
        Assert.Equal(false, result.Output[1].Properties["Success"].Value);
        Assert.Equal("DockerEngineUnreachable", result.Output[1].Properties["ErrorId"].Value);
        Assert.Contains(result.Verbose, v => v.Message.Contains("Is the docker daemon running?"));
    }

    [Fact]
    public void Closed_tcp_port_is_DockerEngineUnreachable()
    {
        var port = EngineFixture.FreePort(); // free, so nothing listens there
        var host = $"tcp://127.0.0.1:{port}";
        using var env = EnvScope.Clean();
        var result = PowerShellRunner.Run("Get-DockerInfo -DockerHost $h", new Dictionary<string, object?> { ["h"] = host });
        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("DockerEngineUnreachable,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains($"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?", error.Exception.Message);
    }

    [Theory]
    [InlineData("foo://x")]
    [InlineData("/var/run/docker.sock")]
    [InlineData("tcp://127.0.0.1:notaport")]
    [InlineData("unix://relative/docker.sock")]
    public void Malformed_host_is_InvalidArgument_DockerHostInvalid(string host)
    {
        using var env = EnvScope.Clean();
        foreach (var script in new[] { "Get-DockerVersion -DockerHost $h", "Test-DockerConnection -DockerHost $h" })
        {
            var result = PowerShellRunner.Run(script, new Dictionary<string, object?> { ["h"] = host });
            var error = Assert.IsType<ErrorRecord>(result.Terminating);
            Assert.StartsWith("DockerHostInvalid,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(host, error.TargetObject);
        }
    }

    [Fact]
    public void Malformed_DOCKER_HOST_variable_is_DockerHostInvalid_too()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", "foo://x"));
        var error = Assert.IsType<ErrorRecord>(PowerShellRunner.Run("Get-DockerInfo").Terminating);
        Assert.StartsWith("DockerHostInvalid,", error.FullyQualifiedErrorId);
        Assert.Equal("foo://x", error.TargetObject);
    }

    [Fact]
    public void Ssh_hosts_are_clearly_not_supported_yet()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", "ssh://me@build-server"));
        var error = Assert.IsType<ErrorRecord>(PowerShellRunner.Run("Get-DockerVersion").Terminating);
        Assert.StartsWith("DockerHostSchemeNotSupported,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Contains("not supported yet", error.Exception.Message);
        Assert.Equal("ssh://me@build-server", error.TargetObject);
    }

    [Fact]
    public void Permission_denied_maps_to_a_message_that_says_how_to_get_access()
    {
        // The suite runs as root, which no socket refuses: test the mapping itself on the loaded module.
        using var runspace = PowerShellRunner.OpenRunspace();
        var assembly = (System.Reflection.Assembly)PowerShellRunner.Run(runspace, "(Get-Module PSDocker).ImplementingAssembly").Output.Single().BaseObject;
        var resolver = assembly.GetType("PSDocker.Connection.EndpointResolver")!;
        var endpointSource = assembly.GetType("PSDocker.Connection.EndpointSource")!;
        var endpoint = resolver.GetMethod("ParseHost", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!
            .Invoke(null, new object?[] { "unix:///var/run/docker.sock", null, Enum.ToObject(endpointSource, 0), null });
        var mapper = assembly.GetType("PSDocker.Connection.DockerErrorMapper")!.GetMethod("ToException", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!;
        var denied = new HttpRequestException("Connection failed.", new SocketException((int)SocketError.AccessDenied));
        var mapped = (Exception)mapper.Invoke(null, new object?[] { denied, endpoint, null, "DockerEngine", null })!;
        var record = (ErrorRecord)mapped.GetType().GetMethod("ToErrorRecord", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .Invoke(mapped, new object?[] { null })!;

        Assert.Equal("DockerEnginePermissionDenied", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, record.CategoryInfo.Category);
        Assert.Equal("unix:///var/run/docker.sock", record.TargetObject);
        Assert.Contains("docker' group", record.Exception.Message);
        Assert.Contains("equivalent to root", record.Exception.Message);
        Assert.Contains("rootless", record.Exception.Message);
    }

    [Fact]
    public void Permission_denied_for_real_when_a_non_root_user_opens_the_engine_socket()
    {
        // Root passes every permission check, so ask a child process running as 'nobody'.
        var setpriv = Processes.Which("setpriv") ?? throw new InvalidOperationException("setpriv (util-linux) is needed for this test");
        // The checkout may sit where 'nobody' cannot read: give the child its own copy of module and host.
        var home = Directory.CreateTempSubdirectory("psdt-nobody-").FullName;
        CopyTree(Repo.ModuleFolder, Path.Combine(home, "PSDocker"));
        var hostDll = Repo.Metadata("TestHost");
        CopyTree(Path.GetDirectoryName(hostDll)!, Path.Combine(home, "host"));
        Processes.Run("chmod", new[] { "-R", "a+rwX", home }).EnsureSuccess("chmod");
        var socket = _engine.Host.Substring("unix://".Length);
        // The engine's socket is root-owned with mode 660: 'nobody' may reach it but not open it.
        Processes.Run("chmod", new[] { "660", socket }).EnsureSuccess("chmod");
        var script = $"Import-Module '{home}/PSDocker/PSDocker.psd1'; Get-DockerVersion -DockerHost '{_engine.Host}'";
        var result = Processes.Run(setpriv, new[] { "--reuid=nobody", "--regid=nogroup", "--clear-groups", "dotnet", Path.Combine(home, "host", Path.GetFileName(hostDll)), script },
            new Dictionary<string, string?> { ["HOME"] = home, ["DOTNET_CLI_HOME"] = home, ["DOCKER_HOST"] = null, ["DOTNET_NOLOGO"] = "1" });
        Directory.Delete(home, true);

        var line = result.StdOut.Split('\n').FirstOrDefault(l => l.StartsWith("ERR ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("no error reported:\n" + result.StdOut + result.StdErr);
        Assert.StartsWith("ERR DockerEnginePermissionDenied,", line);
        Assert.Contains("|PermissionDenied|" + _engine.Host + "|", line);
        Assert.Contains("docker' group", line);
        Assert.Equal(1, result.ExitCode);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
        }
    }
}
