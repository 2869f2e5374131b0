using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// Copy-DockerContainerItem's packaging: the tar library it needs ships in the module's dependencies folder.
/// What the copies do (docker cp's rules, modes, times, errors) is in tests/Pester/ContainerFiles.Tests.ps1.
/// </summary>
public sealed class ContainerCopyTests
{
    [Fact]
    public void The_tar_library_ships_under_dependencies()
    {
        var dependencies = Path.Combine(Repo.ModuleFolder, "dependencies");
        Assert.True(File.Exists(Path.Combine(dependencies, "ICSharpCode.SharpZipLib.dll")));
        Assert.False(File.Exists(Path.Combine(Repo.ModuleFolder, "ICSharpCode.SharpZipLib.dll")));
    }
}
