using System.Management.Automation;
using System.Runtime.Versioning;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Copy-DockerContainerItem (docker cp), both ways. Modes are Unix modes: the engine tests run on Linux.</summary>
[UnsupportedOSPlatform("windows")]
[Collection(EngineCollection.Name)]
public sealed class ContainerCopyTests : IDisposable
{
    private static readonly DateTime Old = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private static readonly DateTime Older = new(1999, 12, 31, 23, 59, 58, DateTimeKind.Utc);
    private readonly EngineFixture _engine;
    private readonly string _folder = Directory.CreateTempSubdirectory("psdt-cp-").FullName;

    public ContainerCopyTests(EngineFixture engine) => _engine = engine;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_tar_library_ships_under_dependencies()
    {
        var dependencies = Path.Combine(Repo.ModuleFolder, "dependencies");
        Assert.True(File.Exists(Path.Combine(dependencies, "ICSharpCode.SharpZipLib.dll")));
        Assert.True(File.Exists(Path.Combine(dependencies, "System.IO.Pipelines.dll")));
        Assert.False(File.Exists(Path.Combine(Repo.ModuleFolder, "ICSharpCode.SharpZipLib.dll")));
    }

    [Fact]
    public void A_tree_round_trips_with_contents_modes_and_times()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var container = ContainerScope.Run(_engine, "sleep 1000");
        var tree = MakeTree(Path.Combine(_folder, "tree"));
        var back = Path.Combine(_folder, "back");
        var variables = new Dictionary<string, object?> { ["n"] = container.Name, ["tree"] = tree, ["back"] = back };

        var into = PowerShellRunner.Run("Copy-DockerContainerItem -Path $tree -Destination /copied -ToContainer $n -PassThru", variables).AssertNoErrors();
        var item = Assert.Single(into.Output);
        Assert.Equal("/copied", item.Properties["Path"].Value);
        Assert.Equal(true, item.Properties["IsDirectory"].Value);
        Assert.Equal(container.Name, item.Properties["Container"].Value);

        // What the container sees, by its own stat.
        var seen = container.Exec("stat", "-c", "%a %Y %n", "/copied/run.sh", "/copied/nested", "/copied/nested/deeper/file.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"755 {new DateTimeOffset(Old).ToUnixTimeSeconds()} /copied/run.sh", seen[0]);
        Assert.Equal($"750 {new DateTimeOffset(Older).ToUnixTimeSeconds()} /copied/nested", seen[1]);
        Assert.StartsWith("640 ", seen[2]);
        Assert.Equal("deep\n", container.Exec("cat", "/copied/nested/deeper/file.txt"));
        Assert.Equal("long\n", container.Exec("cat", "/copied/nested/" + LongName));

        var outOf = PowerShellRunner.Run("Copy-DockerContainerItem -Path /copied -Destination $back -FromContainer $n -PassThru", variables).AssertNoErrors();
        Assert.Equal(back, Assert.IsType<DirectoryInfo>(Assert.Single(outOf.Output).BaseObject).FullName);
        AssertSameTree(tree, back);
    }

    [Fact]
    public void Files_land_by_docker_cp_rules()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var container = ContainerScope.Run(_engine, "mkdir /into && sleep 1000");
        var tree = MakeTree(Path.Combine(_folder, "tree"));
        var variables = new Dictionary<string, object?> { ["n"] = container.Name, ["tree"] = tree, ["f"] = _folder };
        PowerShellRunner.Run(
            "Copy-DockerContainerItem -Path $tree/run.sh -Destination /into -ToContainer $n; " +        // into an existing folder, under its name
            "Copy-DockerContainerItem -Path $tree/run.sh -Destination /into/renamed -ToContainer $n; " + // a new name in an existing folder
            "Copy-DockerContainerItem -Path $tree/nested/. -Destination /into -ToContainer $n; " +      // a folder's contents
            "Copy-DockerContainerItem -Path /into/renamed -Destination $f -FromContainer $n; " +
            "Copy-DockerContainerItem -Path /into/deeper -Destination $f -FromContainer $n",
            variables).AssertNoErrors();

        Assert.Equal(new[] { "deeper", LongName, "renamed", "run.sh" }.Order(StringComparer.Ordinal),
            container.Exec("ls", "-1", "/into").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.Equal("#!/bin/sh\necho run\n", File.ReadAllText(Path.Combine(_folder, "renamed")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(Path.Combine(_folder, "renamed")));
        Assert.Equal("deep\n", File.ReadAllText(Path.Combine(_folder, "deeper", "file.txt")));
    }

    [Fact]
    public void Missing_paths_are_ObjectNotFound_errors_that_name_them()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var container = ContainerScope.Run(_engine, "sleep 1000");
        var missingLocal = Path.Combine(_folder, "no-such-file");
        var variables = new Dictionary<string, object?> { ["n"] = container.Name, ["f"] = _folder, ["m"] = missingLocal };

        var fromContainer = Assert.Single(PowerShellRunner.Run("Copy-DockerContainerItem -Path /no/such/path -Destination $f -FromContainer $n", variables).Errors);
        Assert.StartsWith("ContainerPathNotFound,", fromContainer.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, fromContainer.CategoryInfo.Category);
        Assert.Equal("/no/such/path", fromContainer.TargetObject);
        Assert.Contains("/no/such/path", fromContainer.Exception.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));

        var local = Assert.Single(PowerShellRunner.Run("Copy-DockerContainerItem -Path $m -Destination /tmp -ToContainer $n", variables).Errors);
        Assert.StartsWith("CopySourceNotFound,", local.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, local.CategoryInfo.Category);
        Assert.Equal(missingLocal, local.TargetObject);

        File.WriteAllText(Path.Combine(_folder, "x.txt"), "x");
        var intoMissing = Assert.Single(PowerShellRunner.Run("Copy-DockerContainerItem -Path $f/x.txt -Destination /no/such/x.txt -ToContainer $n", variables).Errors);
        Assert.StartsWith("ContainerPathNotFound,", intoMissing.FullyQualifiedErrorId);
        Assert.Equal("/no/such", intoMissing.TargetObject);

        var noContainer = Assert.Single(PowerShellRunner.Run("Copy-DockerContainerItem -Path /etc -Destination $f -FromContainer psdt-no-such", variables).Errors);
        Assert.StartsWith("ContainerNotFound,", noContainer.FullyQualifiedErrorId);
        Assert.Equal("psdt-no-such", noContainer.TargetObject);
    }

    [Fact]
    public void WhatIf_copies_nothing()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var container = ContainerScope.Run(_engine, "sleep 1000");
        var tree = MakeTree(Path.Combine(_folder, "tree"));
        var variables = new Dictionary<string, object?> { ["n"] = container.Name, ["tree"] = tree, ["back"] = Path.Combine(_folder, "back") };
        PowerShellRunner.Run(
            "Copy-DockerContainerItem -Path $tree -Destination /copied -ToContainer $n -WhatIf; Copy-DockerContainerItem -Path /bin -Destination $back -FromContainer $n -WhatIf",
            variables).AssertNoErrors();
        Assert.Equal("no", container.Exec("sh", "-c", "test -e /copied && echo yes || echo no").Trim());
        Assert.False(Directory.Exists(Path.Combine(_folder, "back")));
    }

    private static readonly string LongName = new string('l', 120) + ".txt";

    /// <summary>tree/run.sh (0755, old time), tree/nested (0750, older time)/deeper/file.txt (0640), and a name past tar's 100 characters.</summary>
    private static string MakeTree(string root)
    {
        var deeper = Directory.CreateDirectory(Path.Combine(root, "nested", "deeper")).FullName;
        File.WriteAllText(Path.Combine(deeper, "file.txt"), "deep\n");
        File.SetUnixFileMode(Path.Combine(deeper, "file.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.WriteAllText(Path.Combine(root, "nested", LongName), "long\n");
        var script = Path.Combine(root, "run.sh");
        File.WriteAllText(script, "#!/bin/sh\necho run\n");
        File.SetUnixFileMode(script, (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetLastWriteTimeUtc(script, Old);
        var nested = Path.Combine(root, "nested");
        File.SetUnixFileMode(nested, (UnixFileMode)Convert.ToInt32("750", 8));
        Directory.SetLastWriteTimeUtc(nested, Older);
        return root;
    }

    private static void AssertSameTree(string expected, string actual)
    {
        static IEnumerable<string> List(string root) =>
            Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p)).Order(StringComparer.Ordinal);

        Assert.Equal(List(expected), List(actual));
        foreach (var relative in List(expected).Prepend("."))
        {
            var source = Path.Combine(expected, relative);
            var copy = Path.Combine(actual, relative);
            Assert.True(File.GetUnixFileMode(source) == File.GetUnixFileMode(copy), "mode of " + relative);
            Assert.True(Seconds(File.GetLastWriteTimeUtc(source)) == Seconds(File.GetLastWriteTimeUtc(copy)),
                $"time of {relative}: {File.GetLastWriteTimeUtc(source):O} vs {File.GetLastWriteTimeUtc(copy):O}");
            if (File.Exists(source))
            {
                Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(copy));
            }
        }
    }

    private static long Seconds(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeSeconds();
}
