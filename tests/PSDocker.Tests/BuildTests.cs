using System.Diagnostics;
using System.Formats.Tar;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Build-DockerImage against the private engine, compared with the docker CLI's (legacy) builder.</summary>
[Collection(EngineCollection.Name)]
public class BuildTests
{
    private readonly EngineFixture _engine;

    public BuildTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>The paths under /ctx of an image built FROM scratch with COPY . /ctx.</summary>
    private List<string> ContextFiles(string image)
    {
        var container = _engine.DockerOk("create", image, "true");
        try
        {
            var tarFile = Path.Combine(Path.GetTempPath(), "psdt-" + Unique() + ".tar");
            _engine.DockerOk("export", "-o", tarFile, container);
            try
            {
                using var reader = new TarReader(File.OpenRead(tarFile));
                var names = new List<string>();
                while (reader.GetNextEntry() is { } entry)
                {
                    if (entry.Name.StartsWith("ctx/", StringComparison.Ordinal) && entry.Name.Length > 4)
                    {
                        names.Add(entry.Name.TrimEnd('/'));
                    }
                }

                return names.OrderBy(n => n, StringComparer.Ordinal).ToList();
            }
            finally
            {
                File.Delete(tarFile);
            }
        }
        finally
        {
            _engine.Docker("rm", "-f", container);
        }
    }

    private static void Write(string root, string relative, string content = "x")
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Fact]
    public void Dockerignore_is_honoured_exactly_as_the_docker_CLI_honours_it()
    {
        var context = Directory.CreateTempSubdirectory("psdt-ctx-").FullName;
        try
        {
            foreach (var file in new[]
                     {
                         "a.txt", "b.log", "c.md", "keep.log", "docs/readme.md", "docs/private/secret.md", "docs/private/keep.md",
                         "src/app.go", "src/app_test.go", "src/pkg/util_test.go", "src/pkg/util.go", "src/vendor/lib.go", "src/vendor/keep/lib.go",
                         "build/out.bin", "build/keep.txt", "build/sub/deep.txt", "nested/deep/x/y/z.tmp", "nested/deep/x/y/z.txt", "top.tmp",
                         "with space.txt", ".hidden/h.txt", "dir.with.dots/f.txt", "logs/2024/app.log", "logs/readme",
                         "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/a-file-name-that-makes-the-path-longer-than-one-hundred-characters.txt",
                     })
            {
                Write(context, file);
            }

            File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY . /ctx\n");
            File.WriteAllText(Path.Combine(context, ".dockerignore"), string.Join("\n",
                "# a comment line",
                "*.log",
                "!keep.log",
                "**/*.tmp",
                "!nested/**/z.tmp",
                "docs/private",
                "!docs/private/keep.md",
                "src/**/*_test.go",
                "src/vendor",
                "!src/vendor/keep",
                "build/*",
                "!build/keep.txt",
                "/c.md",
                "  .hidden  ",
                "dir.with.dots/",
                "logs/**",
                "!logs/readme",
                "Dockerfile",
                ".dockerignore",
                ""));

            var ours = "psdocker-test/ctx-ours:" + Unique();
            var theirs = "psdocker-test/ctx-cli:" + Unique();
            using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
            try
            {
                PowerShellRunner.Run("Build-DockerImage $p -Tag $t", Vars(("p", context), ("t", ours))).AssertNoErrors();
                _engine.DockerOk("build", "-q", "-t", theirs, context);
                var cliFiles = ContextFiles(theirs);
                var ourFiles = ContextFiles(ours);
                Assert.NotEmpty(cliFiles);
                Assert.Contains("ctx/keep.log", cliFiles);
                Assert.DoesNotContain("ctx/b.log", cliFiles);
                Assert.Equal(cliFiles, ourFiles);
            }
            finally
            {
                _engine.Docker("rmi", ours, theirs);
            }
        }
        finally
        {
            Directory.Delete(context, true);
        }
    }

    [Fact]
    public void Build_streams_output_to_the_information_stream_and_returns_the_image()
    {
        var context = Directory.CreateTempSubdirectory("psdt-ctx-").FullName;
        var outside = Path.Combine(Directory.CreateTempSubdirectory("psdt-df-").FullName, "Custom.Dockerfile");
        var tag = "psdocker-test/built:" + Unique();
        try
        {
            Write(context, "hello.txt", "hello");
            File.WriteAllText(outside, $"FROM {EngineFixture.TestImage}\nARG GREETING\nCOPY hello.txt /hello.txt\nRUN echo \"$GREETING\" > /greeting\n");
            using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
            var result = PowerShellRunner.Run("Build-DockerImage -Path $p -Dockerfile $f -Tag $t -BuildArg @{GREETING='hej'} -Label @{'psdocker.test'='build'}",
                Vars(("p", context), ("f", outside), ("t", tag))).AssertNoErrors();
            var image = result.Output.Single();
            Assert.Equal("PSDocker.Model.DockerImage", image.TypeNames[0]);
            Assert.Equal(tag, image.Properties["Name"].Value);
            Assert.Contains(result.Information, i => (i.MessageData?.ToString() ?? string.Empty).StartsWith("Step 1/", StringComparison.Ordinal));
            Assert.Contains(result.Information, i => i.Tags.Contains("Build"));
            Assert.Equal("hej", _engine.DockerOk("run", "--rm", tag, "cat", "/greeting"));
            Assert.Equal("hello", _engine.DockerOk("run", "--rm", tag, "cat", "/hello.txt"));
            Assert.Equal("build", _engine.DockerOk("image", "inspect", "--format", "{{index .Config.Labels \"psdocker.test\"}}", tag));
        }
        finally
        {
            _engine.Docker("rmi", tag);
            Directory.Delete(context, true);
            Directory.Delete(Path.GetDirectoryName(outside)!, true);
        }
    }

    [Fact]
    public void A_failing_step_is_an_error_naming_the_step_and_leaves_no_intermediate_container()
    {
        var context = Directory.CreateTempSubdirectory("psdt-ctx-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {EngineFixture.TestImage}\nRUN echo before\nRUN sh -c 'echo failing >&2; exit 3'\nRUN echo never\n");
            var before = _engine.DockerOk("ps", "-aq").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
            var result = PowerShellRunner.Run("Build-DockerImage $p -Tag psdocker-test/fails:1", Vars(("p", context)));
            var error = Assert.IsType<ErrorRecord>(result.Terminating);
            Assert.StartsWith("BuildStepFailed,", error.FullyQualifiedErrorId);
            Assert.Contains("Step 3/4 : RUN sh -c 'echo failing >&2; exit 3'", error.Exception.Message);
            Assert.Contains("returned a non-zero code: 3", error.Exception.Message);
            Assert.Equal(context, error.TargetObject);
            var after = _engine.DockerOk("ps", "-aq").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.Equal(before, after);
            Assert.NotEqual(0, _engine.Docker("image", "inspect", "psdocker-test/fails:1").ExitCode);
        }
        finally
        {
            Directory.Delete(context, true);
        }
    }

    [Fact]
    public void Bad_build_input_fails_before_any_request()
    {
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        var empty = Directory.CreateTempSubdirectory("psdt-ctx-").FullName;
        try
        {
            var missing = PowerShellRunner.Run("Build-DockerImage /tmp/psdocker-no-such-context");
            Assert.StartsWith("BuildContextNotFound,", Assert.IsType<ErrorRecord>(missing.Terminating).FullyQualifiedErrorId);
            var noDockerfile = PowerShellRunner.Run("Build-DockerImage $p", Vars(("p", empty)));
            Assert.StartsWith("BuildDockerfileNotFound,", Assert.IsType<ErrorRecord>(noDockerfile.Terminating).FullyQualifiedErrorId);
            File.WriteAllText(Path.Combine(empty, "Dockerfile"), "FROM scratch\n");
            var badTag = PowerShellRunner.Run("Build-DockerImage $p -Tag 'Not A Tag'", Vars(("p", empty)));
            var error = Assert.IsType<ErrorRecord>(badTag.Terminating);
            Assert.StartsWith("InvalidImageReference,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Empty(recorder.Paths);
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }

    [Fact]
    public void A_1GB_context_is_sent_with_less_than_100MB_working_set_growth()
    {
        var context = Directory.CreateTempSubdirectory("psdt-big-").FullName;
        var tag = "psdocker-test/bigctx:" + Unique();
        try
        {
            using (var big = new FileStream(Path.Combine(context, "big.bin"), FileMode.CreateNew))
            {
                big.SetLength(1L << 30); // sparse: a gigabyte to read and send, no gigabyte of disk here
            }

            File.WriteAllText(Path.Combine(context, "small.txt"), "small");
            File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY small.txt /\n");
            using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
            using var runspace = PowerShellRunner.OpenRunspace();
            PowerShellRunner.Run(runspace, "Get-DockerVersion | Out-Null").AssertNoErrors();
            using var memory = new PeakWorkingSet();
            var result = PowerShellRunner.Run(runspace, "Build-DockerImage $p -Tag $t -Verbose", Vars(("p", context), ("t", tag))).AssertNoErrors();
            var growth = memory.GrowthMegabytes;
            Assert.Contains(result.Verbose, v => v.Message.Contains("1.07GB", StringComparison.Ordinal));
            Assert.True(growth < 100, $"working set grew by {growth:N1} MB while sending a 1 GB context");
            Assert.Contains(result.Progress, p => p.StatusDescription.StartsWith("Sending build context", StringComparison.Ordinal) || p.StatusDescription.StartsWith("Step", StringComparison.Ordinal));
        }
        finally
        {
            _engine.Docker("rmi", tag);
            Directory.Delete(context, true);
        }
    }
}
