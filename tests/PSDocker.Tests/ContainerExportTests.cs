using System.Formats.Tar;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Export-DockerContainer (docker export).</summary>
[Collection(EngineCollection.Name)]
public sealed class ContainerExportTests : IDisposable
{
    private readonly EngineFixture _engine;
    private readonly string _folder = Directory.CreateTempSubdirectory("psdt-export-").FullName;

    public ContainerExportTests(EngineFixture engine) => _engine = engine;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Export_writes_the_file_system_as_a_tar_with_the_files_the_container_wrote()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var container = ContainerScope.Run(_engine, "echo exported > /marker.txt", detach: false);
        var path = Path.Combine(_folder, "c.tar");
        var result = PowerShellRunner.Run("Export-DockerContainer $n -Path $p", new Dictionary<string, object?> { ["n"] = container.Name, ["p"] = path })
            .AssertNoErrors();

        var file = result.Single<FileInfo>();
        Assert.Equal(path, file.FullName);
        Assert.True(file.Length > 0);
        Assert.Equal(new[] { "c.tar" }, Directory.GetFiles(_folder).Select(Path.GetFileName)); // no partial file left

        using var stream = File.OpenRead(path);
        using var reader = new TarReader(stream);
        string? marker = null;
        var names = new List<string>();
        while (reader.GetNextEntry() is TarEntry entry)
        {
            names.Add(entry.Name);
            if (entry.Name.TrimStart('.', '/') == "marker.txt")
            {
                using var text = new StreamReader(entry.DataStream!);
                marker = text.ReadToEnd();
            }
        }

        Assert.Equal("exported\n", marker);
        Assert.Contains(names, n => n.TrimStart('.', '/') == "bin/busybox");
    }

    [Fact]
    public void An_existing_file_needs_Force_and_a_missing_folder_is_ObjectNotFound()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        using var container = ContainerScope.Create(_engine);
        var existing = Path.Combine(_folder, "existing.tar");
        File.WriteAllText(existing, "old");
        var missing = Path.Combine(_folder, "no-such-folder", "c.tar");
        var variables = new Dictionary<string, object?> { ["n"] = container.Name, ["e"] = existing, ["m"] = missing };

        var refused = PowerShellRunner.Run("Export-DockerContainer $n -Path $e", variables);
        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("ExportFileExists,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(existing, error.TargetObject);
        Assert.Equal("old", File.ReadAllText(existing));

        var notFound = Assert.Single(PowerShellRunner.Run("Export-DockerContainer $n -Path $m", variables).Errors);
        Assert.StartsWith("ExportFolderNotFound,", notFound.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, notFound.CategoryInfo.Category);

        PowerShellRunner.Run("Export-DockerContainer $n -Path $e -Force -WhatIf", variables).AssertNoErrors();
        Assert.Equal("old", File.ReadAllText(existing));

        PowerShellRunner.Run("Get-DockerContainer $n | Export-DockerContainer -Path $e -Force", variables).AssertNoErrors();
        Assert.True(new FileInfo(existing).Length > 1024);
        Assert.Equal(new[] { "existing.tar" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_container_leaves_no_file()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var path = Path.Combine(_folder, "none.tar");
        var error = Assert.Single(PowerShellRunner.Run("Export-DockerContainer psdt-no-such -Path $p", new Dictionary<string, object?> { ["p"] = path }).Errors);
        Assert.StartsWith("ContainerNotFound,", error.FullyQualifiedErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }
}
