using System.Management.Automation;
using System.Text;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Images and registries against the private engine and real registries (one open, one with htpasswd auth).</summary>
[Collection(EngineCollection.Name)]
public class ImageTests
{
    private const string Image = EngineFixture.TestImage;
    private readonly EngineFixture _engine;

    public ImageTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private string ImageId(string reference) => _engine.DockerOk("image", "inspect", "--format", "{{.Id}}", reference);

    /// <summary>An image with a layer of its own, tagged <paramref name="reference"/>.</summary>
    private void MakeUniqueImage(string reference)
    {
        using var seed = _engine.Exited("img", Image, "sh", "-c", "echo " + Guid.NewGuid() + " > /unique");
        _engine.DockerOk("commit", seed.Id, reference);
    }

    [Fact]
    public void Get_DockerImage_lists_one_row_per_tag_with_wildcards_and_inspect()
    {
        var repo = "psdocker-test/list-" + Unique();
        _engine.DockerOk("tag", Image, repo + ":a");
        _engine.DockerOk("tag", Image, repo + ":b");
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        try
        {
            var rows = PowerShellRunner.Run("Get-DockerImage -Name $p", Vars(("p", repo))).AssertNoErrors().Output;
            Assert.Equal(new[] { "a", "b" }, rows.Select(r => (string)r.Properties["Tag"].Value).OrderBy(t => t));
            Assert.All(rows, r => Assert.Equal(ImageId(Image), r.Properties["Id"].Value));
            Assert.All(rows, r => Assert.Equal(repo, r.Properties["Repository"].Value));
            Assert.Contains(repo + ":a", (IEnumerable<string>)rows[0].Properties["RepoTags"].Value);
            Assert.True((long)rows[0].Properties["Size"].Value > 1_000_000);
            Assert.Equal("image", ((IReadOnlyDictionary<string, string>)rows[0].Properties["Labels"].Value)[EngineFixture.TestLabel]);

            var wildcard = PowerShellRunner.Run("Get-DockerImage -Name ($p + ':*')", Vars(("p", repo.Substring(0, repo.Length - 3) + "*"))).AssertNoErrors().Output;
            Assert.Equal(2, wildcard.Count);

            var byId = PowerShellRunner.Run("Get-DockerImage -Id $id", Vars(("id", ImageId(Image)[7..19]))).AssertNoErrors().Output;
            Assert.Contains(byId, r => (string)r.Properties["Name"].Value == Image);

            var detail = PowerShellRunner.Run("Get-DockerImage -Name $n -Inspect", Vars(("n", repo + ":a"))).AssertNoErrors().Output.Single();
            Assert.Equal("PSDocker.Model.DockerImageDetail", detail.TypeNames[0]);
            Assert.Equal(new[] { "/bin/sh" }, (IEnumerable<string>)detail.Properties["Command"].Value);
            Assert.NotEmpty((IEnumerable<string>)detail.Properties["Layers"].Value);

            var missing = PowerShellRunner.Run("Get-DockerImage -Name psdocker-test/no-such-image");
            var error = Assert.Single(missing.Errors);
            Assert.StartsWith("ImageNotFound,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("psdocker-test/no-such-image", error.TargetObject);

            var history = PowerShellRunner.Run("Get-DockerImageHistory $n", Vars(("n", repo + ":a"))).AssertNoErrors().Output;
            Assert.Contains(history, h => ((string)h.Properties["CreatedBy"].Value).Contains("COPY", StringComparison.Ordinal));
        }
        finally
        {
            _engine.Docker("rmi", repo + ":a", repo + ":b");
        }
    }

    [Fact]
    public void Remove_with_WhatIf_removes_nothing_and_the_real_run_only_untags_what_was_named()
    {
        var run = Unique();
        var names = new[] { $"psdocker-test/rm-{run}:one", $"psdocker-test/rm-{run}:two" };
        var decoy = $"psdocker-decoy/keep-{run}:x";
        foreach (var name in names.Append(decoy))
        {
            _engine.DockerOk("tag", Image, name);
        }

        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        try
        {
            var whatIf = PowerShellRunner.Run("Get-DockerImage -Name 'psdocker-test/*' | Remove-DockerImage -WhatIf").AssertNoErrors();
            Assert.Empty(whatIf.Output);
            Assert.All(names.Append(decoy).Append(Image), n => Assert.Equal(0, _engine.Docker("image", "inspect", n).ExitCode));

            var removed = PowerShellRunner.Run("Get-DockerImage -Name $p | Remove-DockerImage", Vars(("p", $"psdocker-test/rm-{run}"))).AssertNoErrors().Output;
            Assert.Equal(names.OrderBy(n => n), removed.SelectMany(r => (IEnumerable<string>)r.Properties["Untagged"].Value).OrderBy(n => n));
            Assert.All(removed, r => Assert.Empty((IEnumerable<string>)r.Properties["Deleted"].Value));
            Assert.All(names, n => Assert.NotEqual(0, _engine.Docker("image", "inspect", n).ExitCode));
            Assert.Equal(0, _engine.Docker("image", "inspect", decoy).ExitCode);
            Assert.Equal(0, _engine.Docker("image", "inspect", Image).ExitCode);
        }
        finally
        {
            _engine.Docker("rmi", decoy);
            foreach (var name in names)
            {
                _engine.Docker("rmi", name);
            }
        }
    }

    [Fact]
    public void Push_remove_and_pull_back_gives_the_same_image_id()
    {
        var reference = $"{_engine.Registry.Address}/psdocker-test/roundtrip-{Unique()}:v1";
        MakeUniqueImage(reference);
        var id = ImageId(reference);
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host), ("DOCKER_CONFIG", Directory.CreateTempSubdirectory("psdt-cfg-").FullName));
        try
        {
            var pushed = PowerShellRunner.Run("Publish-DockerImage $r", Vars(("r", reference))).AssertNoErrors();
            var push = pushed.Output.Single();
            Assert.Equal(reference, push.Properties["Name"].Value);
            Assert.StartsWith("sha256:", (string)push.Properties["Digest"].Value);
            Assert.Contains(pushed.Progress, p => p.Activity.StartsWith("Layer ", StringComparison.Ordinal));

            var removed = PowerShellRunner.Run("Remove-DockerImage $r", Vars(("r", reference))).AssertNoErrors().Output.Single();
            Assert.Contains(id, (IEnumerable<string>)removed.Properties["Deleted"].Value);
            Assert.NotEqual(0, _engine.Docker("image", "inspect", reference).ExitCode);

            var pulled = PowerShellRunner.Run("Install-DockerImage $r", Vars(("r", reference))).AssertNoErrors();
            Assert.Equal(id, pulled.Output.Single().Properties["Id"].Value);
            Assert.Equal("v1", pulled.Output.Single().Properties["Tag"].Value);
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

    [Fact]
    public void Export_then_Import_round_trips_images_and_commit_and_rootfs_import_make_new_ones()
    {
        var run = Unique();
        var first = $"psdocker-test/save-a-{run}:1";
        var second = $"psdocker-test/save-b-{run}:1";
        MakeUniqueImage(first);
        MakeUniqueImage(second);
        var ids = new[] { ImageId(first), ImageId(second) };
        var folder = Directory.CreateTempSubdirectory("psdt-save-").FullName;
        var archive = Path.Combine(folder, "images.tar");
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var committed = $"psdocker-test/committed-{run}:1";
        var imported = $"psdocker-test/imported-{run}:1";
        try
        {
            var saved = PowerShellRunner.Run("$a, $b | Export-DockerImage -Path $f", Vars(("a", first), ("b", second), ("f", archive))).AssertNoErrors();
            Assert.Equal(archive, ((FileInfo)saved.Output.Single().BaseObject).FullName);
            var again = PowerShellRunner.Run("Export-DockerImage $a -Path $f", Vars(("a", first), ("f", archive)));
            Assert.StartsWith("ExportFileExists,", Assert.IsType<ErrorRecord>(again.Terminating).FullyQualifiedErrorId);
            var missing = PowerShellRunner.Run("Export-DockerImage psdocker-test/no-such-image:1 -Path $f", Vars(("f", Path.Combine(folder, "none.tar"))));
            Assert.StartsWith("ImageNotFound,", Assert.IsType<ErrorRecord>(missing.Terminating).FullyQualifiedErrorId);
            Assert.False(File.Exists(Path.Combine(folder, "none.tar")));
            Assert.Empty(Directory.GetFiles(folder, "*.partial"));

            _engine.DockerOk("rmi", first, second);
            var loaded = PowerShellRunner.Run("Import-DockerImage $f", Vars(("f", archive))).AssertNoErrors().Output;
            Assert.Equal(ids.OrderBy(i => i), loaded.Select(o => (string)o.Properties["Id"].Value).OrderBy(i => i));

            using (var source = _engine.Exited("commit", EngineFixture.TestImage, "sh", "-c", "echo committed > /marker"))
            {
                var image = PowerShellRunner.Run("New-DockerImage -Container $c -Tag $t -Message 'made by a test' -Author psdt -Change 'ENV MARK=1'",
                    Vars(("c", source.Id), ("t", committed))).AssertNoErrors().Output.Single();
                Assert.Equal(committed, image.Properties["Name"].Value);
                Assert.Equal("committed", _engine.DockerOk("run", "--rm", committed, "cat", "/marker"));
                Assert.Contains("MARK=1", _engine.DockerOk("image", "inspect", "--format", "{{json .Config.Env}}", committed));
                Assert.Equal("psdt made by a test", _engine.DockerOk("image", "inspect", "--format", "{{.Author}} {{.Comment}}", committed));

                var rootfs = Path.Combine(folder, "rootfs.tar");
                _engine.DockerOk("export", "-o", rootfs, source.Id);
                var fromRootfs = PowerShellRunner.Run("Import-DockerImage $f -RootFilesystem -Tag $t -Change 'CMD [\"/bin/sh\"]'",
                    Vars(("f", rootfs), ("t", imported))).AssertNoErrors().Output.Single();
                Assert.Equal(imported, fromRootfs.Properties["Name"].Value);
                Assert.Equal("committed", _engine.DockerOk("run", "--rm", imported, "cat", "/marker"));
            }

            var bad = Path.Combine(folder, "not-a-tar.tar");
            File.WriteAllText(bad, "this is not an image archive");
            var invalid = PowerShellRunner.Run("Import-DockerImage $f", Vars(("f", bad)));
            Assert.Contains(invalid.AllErrors, e => e.CategoryInfo.Category is ErrorCategory.InvalidData or ErrorCategory.InvalidArgument or ErrorCategory.InvalidOperation);
        }
        finally
        {
            _engine.Docker("rmi", first, second, committed, imported);
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Pull_errors_say_not_found_or_unreachable()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host), ("DOCKER_CONFIG", Directory.CreateTempSubdirectory("psdt-cfg-").FullName));
        var missing = PowerShellRunner.Run("Install-DockerImage $r", Vars(("r", $"{_engine.Registry.Address}/psdocker-test/never-pushed:1")));
        var notFound = Assert.Single(missing.Errors);
        Assert.StartsWith("ImageNotFound,", notFound.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, notFound.CategoryInfo.Category);

        var down = PowerShellRunner.Run("Install-DockerImage $r", Vars(("r", $"127.0.0.1:{EngineFixture.FreePort()}/psdocker-test/x:1")));
        var unreachable = Assert.Single(down.Errors);
        Assert.StartsWith("RegistryUnreachable,", unreachable.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, unreachable.CategoryInfo.Category);
    }
}

/// <summary>Logging in, compatible with the docker CLI both ways, in the file and through a credential helper.</summary>
[Collection(EngineCollection.Name)]
public class RegistryLoginTests : IDisposable
{
    private const string User = "psdt-user";
    private const string Password = "s3cret-P4ss-word";
    private readonly EngineFixture _engine;
    private readonly string _folder = Directory.CreateTempSubdirectory("psdt-auth-").FullName;
    private readonly TestRegistry _registry;
    private readonly string _helperStore;

    public RegistryLoginTests(EngineFixture engine)
    {
        _engine = engine;
        var htpasswd = Processes.Run("htpasswd", new[] { "-Bbn", User, Password }).EnsureSuccess("htpasswd").StdOut;
        File.WriteAllText(Path.Combine(_folder, "htpasswd"), htpasswd);
        _registry = TestRegistry.Start(Path.Combine(_folder, "htpasswd"));

        // A credential helper speaking the documented protocol, keeping secrets in files of its own.
        _helperStore = Directory.CreateDirectory(Path.Combine(_folder, "helper-store")).FullName;
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        var helper = Path.Combine(bin, "docker-credential-psdtest");
        File.WriteAllText(helper, $$"""
            #!/bin/sh
            store='{{_helperStore}}'
            case "$1" in
              store) json=$(cat); url=$(printf '%s' "$json" | sed -n 's/.*"ServerURL"[ ]*:[ ]*"\([^"]*\)".*/\1/p'); printf '%s' "$json" > "$store/$(printf '%s' "$url" | base64 | tr -d '\n/')" ;;
              get) url=$(cat); f="$store/$(printf '%s' "$url" | base64 | tr -d '\n/')"; if [ -f "$f" ]; then cat "$f"; else echo "credentials not found in native keychain"; exit 1; fi ;;
              erase) url=$(cat); rm -f "$store/$(printf '%s' "$url" | base64 | tr -d '\n/')" ;;
              list) echo '{}' ;;
              *) echo "unknown action $1" >&2; exit 1 ;;
            esac
            """.Replace("\r", string.Empty));
        Processes.Run("chmod", new[] { "755", helper }).EnsureSuccess("chmod");
        Bin = bin;
    }

    private string Bin { get; }

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
        ["PATH"] = Bin + ":" + Environment.GetEnvironmentVariable("PATH"),
    };

    private Processes.Result Cli(string config, params string[] args) => Processes.Run("docker", args, CliEnv(config));

    private EnvScope Env(string config) =>
        EnvScope.Clean(("DOCKER_HOST", _engine.Host), ("DOCKER_CONFIG", config), ("PATH", Bin + ":" + Environment.GetEnvironmentVariable("PATH")));

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
    public void CLI_login_then_Install_DockerImage_and_Connect_DockerRegistry_then_CLI_pull()
    {
        var reference = Seed();
        try
        {
            // docker login → our pull.
            var cliConfig = Config();
            Processes.Run("docker", new[] { "login", Registry, "-u", User, "--password-stdin" }, CliEnv(cliConfig), stdin: Password).EnsureSuccess("docker login");
            using (Env(cliConfig))
            {
                PowerShellRunner.Run("Install-DockerImage $r", Vars(("r", reference))).AssertNoErrors();
            }

            _engine.DockerOk("rmi", reference);

            // Our login → docker pull.
            var ourConfig = Config();
            using (Env(ourConfig))
            {
                var login = PowerShellRunner.Run("Connect-DockerRegistry $g -Credential $c", Vars(("g", Registry), ("c", Credential(User, Password)))).AssertNoErrors();
                Assert.Equal(Path.Combine(ourConfig, "config.json"), login.Output.Single().Properties["StoredIn"].Value);
                Assert.Contains(login.Warnings, w => w.Message.Contains("unencrypted", StringComparison.Ordinal));
            }

            var mode = Processes.Run("stat", new[] { "-c", "%a", Path.Combine(ourConfig, "config.json") }).StdOut.Trim();
            Assert.Equal("600", mode);
            Cli(ourConfig, "pull", reference).EnsureSuccess("docker pull with PSDocker's login");

            // Logging out erases it: the CLI can no longer pull.
            _engine.DockerOk("rmi", reference);
            using (Env(ourConfig))
            {
                PowerShellRunner.Run("Disconnect-DockerRegistry $g", Vars(("g", Registry))).AssertNoErrors();
            }

            Assert.NotEqual(0, Cli(ourConfig, "pull", reference).ExitCode);
        }
        finally
        {
            _engine.Docker("rmi", reference);
        }
    }

    [Fact]
    public void Build_pulls_a_private_base_image_with_the_stored_credentials()
    {
        var reference = Seed();
        var context = Directory.CreateTempSubdirectory("psdt-ctx-").FullName;
        var tag = "psdocker-test/from-private:" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {reference}\nRUN echo built-on-private > /marker\n");
        try
        {
            // Not logged in: the engine cannot pull the base image.
            using (Env(Config()))
            {
                var refused = PowerShellRunner.Run("Build-DockerImage $p -Tag $t -Pull", Vars(("p", context), ("t", tag)));
                var error = Assert.IsType<ErrorRecord>(refused.Terminating);
                Assert.StartsWith("BuildStepFailed,", error.FullyQualifiedErrorId);
                Assert.Contains("FROM " + reference, error.Exception.Message);
            }

            var config = Config();
            using (Env(config))
            {
                PowerShellRunner.Run("Connect-DockerRegistry $g -Credential $c", Vars(("g", Registry), ("c", Credential(User, Password)))).AssertNoErrors();
                var built = PowerShellRunner.Run("Build-DockerImage $p -Tag $t -Pull -Verbose", Vars(("p", context), ("t", tag))).AssertNoErrors();
                Assert.Equal(tag, built.Output.Single().Properties["Name"].Value);
                Assert.Contains(built.Verbose, v => v.Message == "Sending credentials for 1 registry.");
                Assert.DoesNotContain(built.Verbose, v => v.Message.Contains(Password, StringComparison.Ordinal));
            }

            Assert.Equal("built-on-private", _engine.DockerOk("run", "--rm", tag, "cat", "/marker"));
        }
        finally
        {
            _engine.Docker("rmi", tag, reference);
            Directory.Delete(context, true);
        }
    }

    [Fact]
    public void Credential_helpers_work_both_ways()
    {
        var reference = Seed();
        try
        {
            foreach (var json in new[] { "{\"credsStore\":\"psdtest\"}", $"{{\"credHelpers\":{{\"{Registry}\":\"psdtest\"}}}}" })
            {
                foreach (var file in Directory.GetFiles(_helperStore))
                {
                    File.Delete(file);
                }

                // CLI login into the helper → our pull.
                var cliConfig = Config(json);
                Processes.Run("docker", new[] { "login", Registry, "-u", User, "--password-stdin" }, CliEnv(cliConfig), stdin: Password).EnsureSuccess("docker login");
                Assert.NotEmpty(Directory.GetFiles(_helperStore));
                Assert.DoesNotContain(Password, File.ReadAllText(Path.Combine(cliConfig, "config.json")));
                using (Env(cliConfig))
                {
                    PowerShellRunner.Run("Install-DockerImage $r", Vars(("r", reference))).AssertNoErrors();
                }

                _engine.DockerOk("rmi", reference);
                foreach (var file in Directory.GetFiles(_helperStore))
                {
                    File.Delete(file);
                }

                // Our login into the helper → CLI pull.
                var ourConfig = Config(json);
                using (Env(ourConfig))
                {
                    var login = PowerShellRunner.Run("Connect-DockerRegistry $g -Credential $c", Vars(("g", Registry), ("c", Credential(User, Password)))).AssertNoErrors();
                    Assert.Equal("docker-credential-psdtest", login.Output.Single().Properties["StoredIn"].Value);
                    Assert.Empty(login.Warnings);
                }

                Assert.DoesNotContain(Password, File.ReadAllText(Path.Combine(ourConfig, "config.json")));
                Cli(ourConfig, "pull", reference).EnsureSuccess("docker pull with PSDocker's helper login");
                _engine.DockerOk("rmi", reference);
            }
        }
        finally
        {
            _engine.Docker("rmi", reference);
        }
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
