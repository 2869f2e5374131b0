using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>TLS for real: the private engine listens on tcp://127.0.0.1 with --tlsverify and certificates made for this run.</summary>
[Collection(EngineCollection.Name)]
public class TlsTests
{
    private readonly EngineFixture _engine;

    public TlsTests(EngineFixture engine) => _engine = engine;

    private TestCertificates Certs => _engine.Tls ?? throw new InvalidOperationException(_engine.TlsHost);

    [Fact]
    public void DOCKER_TLS_VERIFY_and_DOCKER_CERT_PATH_connect_like_the_CLI()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.TlsHost), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", Certs.Good));
        // The certificates are good for the CLI too.
        Processes.Run("docker", new[] { "version", "--format", "{{.Server.Version}}" }).EnsureSuccess("docker over TLS");

        var result = PowerShellRunner.Run("Test-DockerConnection -Detailed; Get-DockerVersion; Get-DockerInfo").AssertNoErrors();
        Assert.Equal(true, result.Output[0].Properties["Success"].Value);
        Assert.Equal(true, result.Output[0].Properties["Tls"].Value);
        Assert.Equal(_engine.TlsHost, result.Output[1].Properties["DockerHost"].Value);
        Assert.Equal("PSDocker.Model.DockerSystemInfo", result.Output[2].TypeNames[0]);
    }

    [Fact]
    public void A_wrong_CA_fails_with_DockerTlsVerifyFailed()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.TlsHost), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", Certs.WrongCa));
        var result = PowerShellRunner.Run("Get-DockerVersion");
        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("DockerTlsVerifyFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Equal(_engine.TlsHost, error.TargetObject);
        Assert.Contains(Certs.WrongCa, error.Exception.Message);

        var test = PowerShellRunner.Run("Test-DockerConnection -Detailed").AssertNoErrors();
        Assert.Equal("DockerTlsVerifyFailed", test.Output.Single().Properties["ErrorId"].Value);
    }

    [Fact]
    public void No_client_certificate_is_refused_with_a_clear_error()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.TlsHost), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", Certs.CaOnly));
        var result = PowerShellRunner.Run("Get-DockerVersion");
        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("DockerTlsClientCertificateRequired,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("cert.pem and key.pem", error.Exception.Message);
        Assert.Contains(Certs.CaOnly, error.Exception.Message);
    }

    [Fact]
    public void Plain_http_to_the_TLS_port_says_TLS_is_required()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.TlsHost));
        var result = PowerShellRunner.Run("Get-DockerVersion");
        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("DockerTlsRequired,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("DOCKER_TLS_VERIFY=1", error.Exception.Message);
    }
}
