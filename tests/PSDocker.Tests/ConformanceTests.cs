using System.Management.Automation;
using System.Reflection;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>Rules every cmdlet of the module keeps (STYLE.md 5, 10, 13, 16). No engine needed.</summary>
public class ConformanceTests
{
    private static readonly string[] ReadOnlyVerbs = { "Get", "Test", "Wait", "Enter", "Invoke" };

    [Fact]
    public void Every_cmdlet_in_the_assembly_is_exported_has_an_OutputType_and_an_approved_verb_and_state_changers_support_ShouldProcess()
    {
        var loaded = PowerShellRunner.Run("(Get-Module PSDocker).ImplementingAssembly; Get-Command -Module PSDocker -CommandType Cmdlet | ForEach-Object Name").AssertNoErrors().Output;
        var assembly = (Assembly)loaded[0].BaseObject;
        var exported = loaded.Skip(1).Select(o => (string)o.BaseObject).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetValue(null)!)
            .ToHashSet(StringComparer.Ordinal);

        var problems = new List<string>();
        foreach (var type in assembly.GetExportedTypes().Where(t => !t.IsAbstract))
        {
            if (type.GetCustomAttribute<CmdletAttribute>() is not CmdletAttribute cmdlet)
            {
                continue;
            }

            var name = cmdlet.VerbName + "-" + cmdlet.NounName;
            if (!exported.Contains(name)) problems.Add(name + ": not in CmdletsToExport");
            if (!approved.Contains(cmdlet.VerbName)) problems.Add(name + ": '" + cmdlet.VerbName + "' is not an approved verb");
            if (!type.GetCustomAttributes<OutputTypeAttribute>().Any()) problems.Add(name + ": no [OutputType]");
            if (!ReadOnlyVerbs.Contains(cmdlet.VerbName) && !cmdlet.SupportsShouldProcess) problems.Add(name + ": changes state but does not support ShouldProcess");
        }

        Assert.True(problems.Count == 0, "Conformance problems:\n" + string.Join("\n", problems));
        Assert.Contains("Clear-DockerSystem", exported);
    }

    [Fact]
    public void Prune_asks_before_it_removes()
    {
        var type = (Type)PowerShellRunner.Run("(Get-Command Clear-DockerSystem).ImplementingType").AssertNoErrors().Output.Single().BaseObject;
        Assert.Equal(ConfirmImpact.High, type.GetCustomAttribute<CmdletAttribute>()!.ConfirmImpact);
    }
}
