using System.Management.Automation;
using System.Text.RegularExpressions;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>`dotnet build` alone lays out a loadable module folder.</summary>
public class ModuleLayoutTests
{
    [Fact]
    public void Module_folder_has_manifest_dll_formats_help_and_dependencies_only_under_dependencies()
    {
        var root = Repo.ModuleFolder;
        Assert.True(File.Exists(Path.Combine(root, "PSDocker.psd1")));
        Assert.True(File.Exists(Path.Combine(root, "PSDocker.dll")));
        Assert.True(File.Exists(Path.Combine(root, "PSDocker.Format.ps1xml")));
        Assert.True(File.Exists(Path.Combine(root, "en-US", "PSDocker.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(root, "en-US", "about_PSDocker.help.txt")));
        Assert.Equal(new[] { "PSDocker.dll" }, Directory.GetFiles(root, "*.dll").Select(Path.GetFileName));

        var dependencies = Directory.GetFiles(Path.Combine(root, "dependencies"), "*.dll").Select(Path.GetFileName).ToList();
        foreach (var expected in new[] { "Docker.DotNet.dll", "Docker.DotNet.X509.dll", "Docker.DotNet.Unix.dll", "Docker.DotNet.LegacyHttp.dll",
                     "Docker.DotNet.NPipe.dll", "Docker.DotNet.Handler.Abstractions.dll", "Microsoft.Net.Http.Client.dll", "BouncyCastle.Cryptography.dll", "System.Text.Json.dll" })
        {
            Assert.Contains(expected, dependencies);
        }

        Assert.DoesNotContain("System.Management.Automation.dll", dependencies);
    }

    [Fact]
    public void Manifest_version_is_stamped_from_Directory_Build_props()
    {
        var props = File.ReadAllText(Path.Combine(Repo.Root, "Directory.Build.props"));
        var version = Regex.Match(props, "<ModuleVersion>([^<]+)</ModuleVersion>").Groups[1].Value;
        Assert.Equal("0.1.0", version);
        Assert.Equal(version, Repo.Metadata("ModuleVersion"));

        var result = PowerShellRunner.Run("Test-ModuleManifest -Path $path", new Dictionary<string, object?> { ["path"] = Repo.ModuleManifest }, importModule: false)
            .AssertNoErrors();
        var info = result.Single<PSModuleInfo>();
        Assert.Equal(new Version(version), info.Version);
        Assert.Contains("Core", info.CompatiblePSEditions);
        Assert.Contains("Desktop", info.CompatiblePSEditions);
    }

    [Fact]
    public void Import_in_a_fresh_runspace_writes_no_warning_or_error_and_exports_the_cmdlets()
    {
        var result = PowerShellRunner.Run(
            "Import-Module $path -WarningVariable w; $w; Get-Command -Module PSDocker | ForEach-Object Name",
            new Dictionary<string, object?> { ["path"] = Repo.ModuleManifest }, importModule: false);
        result.AssertNoErrors();
        Assert.Empty(result.Warnings);
        var names = result.Output.Select(o => o.BaseObject).OfType<string>().ToList();
        Assert.Contains("Test-DockerConnection", names);
        Assert.Contains("Get-DockerVersion", names);
        Assert.Contains("Get-DockerInfo", names);
    }

    [Fact]
    public void Remove_Module_removes_the_dependency_resolver_with_the_last_runspace_that_imported_it()
    {
        using var first = PowerShellRunner.OpenRunspace();
        using var second = PowerShellRunner.OpenRunspace();
        var assembly = PowerShellRunner.Run(first, "(Get-Module PSDocker).ImplementingAssembly").Output.Single().BaseObject;
        Assert.True(ResolverInstalled(assembly));

        PowerShellRunner.Run(first, "Remove-Module PSDocker").AssertNoErrors();
        Assert.True(ResolverInstalled(assembly)); // the second runspace still has the module
        PowerShellRunner.Run(second, "Remove-Module PSDocker").AssertNoErrors();
        Assert.False(ResolverInstalled(assembly));

        // Importing again puts it back and the module works.
        PowerShellRunner.Run(second, "Import-Module $path", new Dictionary<string, object?> { ["path"] = Repo.ModuleManifest }).AssertNoErrors();
        Assert.True(ResolverInstalled(assembly));
    }

    internal static bool ResolverInstalled(object assembly) =>
        (bool)((System.Reflection.Assembly)assembly).GetType("PSDocker.ModuleInitializer")!
            .GetProperty("IsResolverInstalled", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .GetValue(null)!;
}
