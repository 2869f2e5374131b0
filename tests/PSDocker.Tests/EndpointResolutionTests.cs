using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// Where to connect, in the CLI's order: -DockerHost/-Context, DOCKER_HOST, DOCKER_CONTEXT, config.json's
/// currentContext, the default socket. Contexts are made with the real docker CLI, so both tools agree.
/// </summary>
[Collection(EngineCollection.Name)]
public class EndpointResolutionTests : IDisposable
{
    private readonly EngineFixture _engine;
    private readonly string _config = Directory.CreateTempSubdirectory("psdt-config-").FullName;
    private const string Missing = "unix:///tmp/psdocker-no-such-dir/docker.sock";

    public EndpointResolutionTests(EngineFixture engine) => _engine = engine;

    public void Dispose() => Directory.Delete(_config, recursive: true);

    private void Cli(params string[] args) =>
        Processes.Run("docker", args, new Dictionary<string, string?> { ["DOCKER_CONFIG"] = _config, ["DOCKER_HOST"] = null, ["DOCKER_CONTEXT"] = null })
            .EnsureSuccess("docker " + string.Join(' ', args));

    private PSObject Detailed(string script = "Test-DockerConnection -Detailed") =>
        PowerShellRunner.Run(script).AssertNoErrors().Output.Single();

    [Fact]
    public void DOCKER_CONTEXT_names_a_context_made_by_the_CLI()
    {
        Cli("context", "create", "psdt-ctx", "--docker", "host=" + _engine.Host);
        using var env = EnvScope.Clean(("DOCKER_CONFIG", _config), ("DOCKER_CONTEXT", "psdt-ctx"));
        var detail = Detailed();
        Assert.Equal(true, detail.Properties["Success"].Value);
        Assert.Equal("DOCKER_CONTEXT", detail.Properties["Source"].Value);
        Assert.Equal("psdt-ctx", detail.Properties["Context"].Value);
        Assert.Equal(_engine.Host, detail.Properties["DockerHost"].Value);
    }

    [Fact]
    public void Config_json_currentContext_is_used_when_no_variable_is_set()
    {
        Cli("context", "create", "psdt-current", "--docker", "host=" + _engine.Host);
        Cli("context", "use", "psdt-current");
        using var env = EnvScope.Clean(("DOCKER_CONFIG", _config));
        var detail = Detailed();
        Assert.Equal("config.json", detail.Properties["Source"].Value);
        Assert.Equal("psdt-current", detail.Properties["Context"].Value);
        Assert.Equal(true, detail.Properties["Success"].Value);
    }

    [Fact]
    public void DOCKER_HOST_beats_DOCKER_CONTEXT_and_the_parameter_beats_both()
    {
        Cli("context", "create", "psdt-broken", "--docker", "host=" + Missing);
        using var env = EnvScope.Clean(("DOCKER_CONFIG", _config), ("DOCKER_CONTEXT", "psdt-broken"), ("DOCKER_HOST", _engine.Host));
        var detail = Detailed();
        Assert.Equal("DOCKER_HOST", detail.Properties["Source"].Value);
        Assert.Equal(true, detail.Properties["Success"].Value);

        using var env2 = EnvScope.Set(("DOCKER_HOST", Missing));
        var viaParameter = PowerShellRunner.Run("Test-DockerConnection -Detailed -DockerHost $h", new Dictionary<string, object?> { ["h"] = _engine.Host })
            .AssertNoErrors().Output.Single();
        Assert.Equal("Parameter", viaParameter.Properties["Source"].Value);
        Assert.Equal(true, viaParameter.Properties["Success"].Value);
    }

    [Fact]
    public void Context_parameter_selects_a_context_and_output_carries_it()
    {
        Cli("context", "create", "psdt-param", "--docker", "host=" + _engine.Host);
        using var env = EnvScope.Clean(("DOCKER_CONFIG", _config), ("DOCKER_HOST", Missing));
        var version = PowerShellRunner.Run("Get-DockerVersion -Context psdt-param").AssertNoErrors().Output.Single();
        Assert.Equal("psdt-param", version.Properties["Context"].Value);
        Assert.Equal(_engine.Host, version.Properties["DockerHost"].Value);

        // Piping it on binds both DockerHost and Context by name; they agree, so it just works.
        var piped = PowerShellRunner.Run("Get-DockerVersion -Context psdt-param | Get-DockerInfo").AssertNoErrors().Output.Single();
        Assert.Equal("psdt-param", piped.Properties["Context"].Value);
    }

    [Fact]
    public void Conflicting_DockerHost_and_Context_is_an_error()
    {
        Cli("context", "create", "psdt-conflict", "--docker", "host=" + _engine.Host);
        using var env = EnvScope.Clean(("DOCKER_CONFIG", _config));
        var error = Assert.IsType<ErrorRecord>(PowerShellRunner.Run("Get-DockerVersion -Context psdt-conflict -DockerHost $h",
            new Dictionary<string, object?> { ["h"] = Missing }).Terminating);
        Assert.StartsWith("DockerHostAndContextConflict,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void A_missing_context_is_ObjectNotFound()
    {
        using var env = EnvScope.Clean(("DOCKER_CONFIG", _config), ("DOCKER_CONTEXT", "psdt-nope"));
        var error = Assert.IsType<ErrorRecord>(PowerShellRunner.Run("Get-DockerInfo").Terminating);
        Assert.StartsWith("DockerContextNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("psdt-nope", error.TargetObject);
    }

    [Fact]
    public void Without_any_setting_the_default_socket_is_used()
    {
        using var env = EnvScope.Clean(("DOCKER_CONFIG", _config));
        var detail = Detailed();
        Assert.Equal("Default", detail.Properties["Source"].Value);
        Assert.Equal("unix:///var/run/docker.sock", detail.Properties["DockerHost"].Value);
    }

    [Fact]
    public void A_TLS_context_uses_its_own_certificates()
    {
        var certs = _engine.Tls ?? throw new InvalidOperationException(_engine.TlsHost);
        Cli("context", "create", "psdt-tls", "--docker",
            $"host={_engine.TlsHost},ca={certs.Good}/ca.pem,cert={certs.Good}/cert.pem,key={certs.Good}/key.pem");
        using var env = EnvScope.Clean(("DOCKER_CONFIG", _config));
        var detail = Detailed("Test-DockerConnection -Detailed -Context psdt-tls");
        Assert.Equal(true, detail.Properties["Success"].Value);
        Assert.Equal(true, detail.Properties["Tls"].Value);
    }
}
