using System.Management.Automation;
using System.Text;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>What Pester cannot see of images: the progress records of push and pull (tests/Pester/Images.Tests.ps1 checks the rest).</summary>
[Collection(EngineCollection.Name)]
public class ImageTests
{
    private const string Image = EngineFixture.TestImage;
    private readonly EngineFixture _engine;

    public ImageTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>An image with a layer of its own, tagged <paramref name="reference"/>.</summary>
    private void MakeUniqueImage(string reference)
    {
        using var seed = _engine.Exited("img", Image, "sh", "-c", "echo " + Guid.NewGuid() + " > /unique");
        _engine.DockerOk("commit", seed.Id, reference);
    }

    /// <summary>
    /// Progress records (not capturable in Pester: pwsh cannot redirect the progress stream): push and pull
    /// report each layer, and every layer's bar is completed. The objects themselves are checked in
    /// tests/Pester/Images.Tests.ps1.
    /// </summary>
    [Fact]
    public void Push_and_pull_report_progress_per_layer_and_complete_each_bar()
    {
        var reference = $"{_engine.Registry.Address}/psdocker-test/roundtrip-{Unique()}:v1";
        MakeUniqueImage(reference);
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host), ("DOCKER_CONFIG", Directory.CreateTempSubdirectory("psdt-cfg-").FullName));
        try
        {
            var pushed = PowerShellRunner.Run("Publish-DockerImage $r", Vars(("r", reference))).AssertNoErrors();
            Assert.Contains(pushed.Progress, p => p.Activity.StartsWith("Layer ", StringComparison.Ordinal));

            _engine.DockerOk("rmi", reference);
            var pulled = PowerShellRunner.Run("Install-DockerImage $r", Vars(("r", reference))).AssertNoErrors();
            var layers = pulled.Progress.Where(p => p.Activity.StartsWith("Layer ", StringComparison.Ordinal)).GroupBy(p => p.ActivityId).ToList();
            Assert.NotEmpty(layers);
            Assert.All(layers, g => Assert.Equal(ProgressRecordType.Completed, g.Last().RecordType));
            Assert.Contains(pulled.Progress, p => p.RecordType == ProgressRecordType.Processing && p.PercentComplete is > 0 and <= 100);
        }
        finally
        {
            _engine.Docker("rmi", reference);
        }
    }
}

/// <summary>
/// No secret reaches any stream, progress records included (which Pester cannot capture). Logging in and out,
/// the docker CLI both ways, credential helpers and wrong passwords are in tests/Pester/Registry.Tests.ps1.
/// </summary>
[Collection(EngineCollection.Name)]
public class RegistryLoginTests : IDisposable
{
    private const string User = "psdt-user";
    private const string Password = "s3cret-P4ss-word";
    private readonly EngineFixture _engine;
    private readonly string _folder = Directory.CreateTempSubdirectory("psdt-auth-").FullName;
    private readonly TestRegistry _registry;

    public RegistryLoginTests(EngineFixture engine)
    {
        _engine = engine;
        var htpasswd = Processes.Run("htpasswd", new[] { "-Bbn", User, Password }).EnsureSuccess("htpasswd").StdOut;
        File.WriteAllText(Path.Combine(_folder, "htpasswd"), htpasswd);
        _registry = TestRegistry.Start(Path.Combine(_folder, "htpasswd"));
    }

    public void Dispose()
    {
        _registry.Dispose();
        Directory.Delete(_folder, true);
    }

    private string Registry => _registry.Address;

    private Dictionary<string, string?> CliEnv(string config) => new()
    {
        ["DOCKER_CONFIG"] = config,
        ["DOCKER_HOST"] = _engine.Host,
    };

    private Processes.Result Cli(string config, params string[] args) => Processes.Run("docker", args, CliEnv(config));

    private EnvScope Env(string config) =>
        EnvScope.Clean(("DOCKER_HOST", _engine.Host), ("DOCKER_CONFIG", config));

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private string Config(string? json = null)
    {
        var dir = Directory.CreateTempSubdirectory("psdt-cfg-").FullName;
        if (json != null)
        {
            File.WriteAllText(Path.Combine(dir, "config.json"), json);
        }

        return dir;
    }

    /// <summary>Puts a fresh image into the auth registry (pushed by the CLI, logged in) and removes it locally.</summary>
    private string Seed()
    {
        var reference = $"{Registry}/psdocker-test/auth-{Guid.NewGuid().ToString("N")[..8]}:1";
        var config = Config();
        var login = Processes.Run("docker", new[] { "login", Registry, "-u", User, "--password-stdin" }, CliEnv(config), stdin: Password);
        login.EnsureSuccess("docker login");
        _engine.DockerOk("tag", EngineFixture.TestImage, reference);
        Cli(config, "push", reference).EnsureSuccess("docker push");
        _engine.DockerOk("rmi", reference);
        return reference;
    }

    private static PSCredential Credential(string user, string password)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in password)
        {
            secure.AppendChar(c);
        }

        return new PSCredential(user, secure);
    }

    [Fact]
    public void Bad_credentials_are_an_AuthenticationError_and_no_secret_reaches_any_stream()
    {
        var reference = Seed();
        var config = Config();
        var wrong = "wr0ng-" + Password;
        using var env = Env(config);
        try
        {
            // Each step on its own, so a terminating error (the bad login) does not end the script; caught
            // errors come out as objects and are scanned like everything else.
            var script = """
                $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
                $steps = { Connect-DockerRegistry $g -Credential $bad },
                         { Connect-DockerRegistry $g -Credential $good },
                         { Install-DockerImage $r },
                         { Install-DockerImage $r -Credential $good },
                         { Publish-DockerImage $r -Credential $good },
                         { Install-DockerImage $r -Credential $bad }
                foreach ($step in $steps) { try { & $step } catch { $_ } }
                """;
            var result = PowerShellRunner.Run(script, Vars(("g", Registry), ("r", reference), ("bad", Credential(User, wrong)), ("good", Credential(User, Password))));
            var errors = result.AllErrors.Concat(result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>()).ToList();
            var loginError = errors.First();
            Assert.Equal(ErrorCategory.AuthenticationError, loginError.CategoryInfo.Category);
            Assert.StartsWith("RegistryAuthenticationFailed,", loginError.FullyQualifiedErrorId);
            Assert.Contains(result.Output.Select(o => o.BaseObject), o => o.GetType().Name == "DockerImagePushResult");
            Assert.Contains(errors.Skip(1), e => e.CategoryInfo.Category == ErrorCategory.AuthenticationError);

            var everything = new List<string>();
            everything.AddRange(result.Output.Select(o => o.ToString()));
            everything.AddRange(result.Output.Where(o => o.BaseObject is not ErrorRecord)
                .SelectMany(o => o.BaseObject.GetType().GetProperties().Select(p => p.GetValue(o.BaseObject)?.ToString() ?? string.Empty)));
            everything.AddRange(errors.Select(e => e + " " + e.Exception + " " + e.TargetObject + " " + e.ErrorDetails));
            everything.AddRange(result.Warnings.Select(w => w.Message));
            everything.AddRange(result.Verbose.Select(v => v.Message));
            everything.AddRange(result.Debug.Select(d => d.Message));
            everything.AddRange(result.Information.Select(i => i.MessageData?.ToString() ?? string.Empty));
            everything.AddRange(result.Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation));
            Assert.NotEmpty(result.Verbose);
            var secrets = new[]
            {
                Password, wrong,
                Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password)),
                Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + wrong)),
            };
            foreach (var text in everything)
            {
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, text);
                }
            }
        }
        finally
        {
            _engine.Docker("rmi", reference);
        }
    }
}
