using System.Reflection;

namespace PSDocker.Tests.Harness;

/// <summary>Paths the tests need: the repository root and the built module.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string ModuleManifest => Path.Combine(Root, "out", "PSDocker", "PSDocker.psd1");

    public static string ModuleFolder => Path.Combine(Root, "out", "PSDocker");

    public static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException("No build metadata " + key);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PSDocker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PSDocker.sln not found above " + AppContext.BaseDirectory);
    }
}
