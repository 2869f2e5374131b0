using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// Permission denied on the engine socket: the mapping itself (reflection on the loaded module, since the suite
/// runs as root) and for real as 'nobody' with a private copy of module and host. The connection and host errors
/// a script sees are in tests/Pester/System.Tests.ps1.
/// </summary>
[Collection(EngineCollection.Name)]
public class ErrorTests
{
    private readonly EngineFixture _engine;

    public ErrorTests(EngineFixture engine) => _engine = engine;

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
        var mapped = (Exception)mapper.Invoke(null, new object?[] { denied, endpoint, null, "DockerEngine", null, null })!;
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
