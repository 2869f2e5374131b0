using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// The help that `dotnet build` compiles from docs/PSDocker into out/PSDocker/en-US: every cmdlet has full
/// help, docs and cmdlets do not drift apart, and the compiler refuses a malformed doc. No engine needed.
/// </summary>
public class HelpTests
{
    [Fact]
    public void Every_cmdlet_has_a_synopsis_description_parameter_help_and_an_example_in_Get_Help()
    {
        // Get-Command -Module, so a new cmdlet is covered the day it is exported.
        var problems = PowerShellRunner.Run("""
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            foreach ($command in Get-Command -Module PSDocker -CommandType Cmdlet) {
                $name = $command.Name
                $help = Get-Help $name -Full
                $synopsis = "$($help.Synopsis)".Trim()
                # Without help files Get-Help makes the synopsis up from the syntax: "Name [-Param <Type>] ...".
                if (-not $synopsis -or $synopsis -match "^$([regex]::Escape($name))(\s|$)") { "${name}: no synopsis, only the generated syntax stub" }
                if (-not ($help.description.Text -join '').Trim()) { "${name}: no description" }
                # Hidden parameters ([Parameter(DontShow = true)], e.g. the -c catcher of New-/Invoke-DockerContainer) are
                # not part of the documented surface: Get-Command's syntax and tab completion leave them out too.
                $hidden = @($command.Parameters.Values | Where-Object {
                    $sets = @($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
                    $sets.Count -gt 0 -and @($sets | Where-Object { -not $_.DontShow }).Count -eq 0
                } | ForEach-Object { $_.Name })
                foreach ($parameter in $command.Parameters.Keys | Where-Object { $common -notcontains $_ -and $hidden -notcontains $_ }) {
                    $entry = @($help.parameters.parameter) | Where-Object { $_.name -eq $parameter }
                    if (-not $entry) { "${name}: -$parameter is missing from the help" }
                    elseif (-not ($entry.description.Text -join '').Trim()) { "${name}: -$parameter has no description" }
                }
                $examples = @($help.examples.example)
                if ($examples.Count -eq 0) { "${name}: no example" }
                foreach ($example in $examples) {
                    if (-not "$($example.code)".Trim()) { "${name}: '$($example.title)' has no code" }
                    if (-not ($example.remarks.Text -join '').Trim()) { "${name}: '$($example.title)' does not say what it does" }
                }
            }
            """).AssertNoErrors().Output.Select(o => o.ToString()).ToList();

        Assert.True(problems.Count == 0, "Help problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Docs_and_cmdlets_do_not_drift_apart()
    {
        var cmdlets = PowerShellRunner.Run("Get-Command -Module PSDocker -CommandType Cmdlet").AssertNoErrors()
            .Output.Select(o => (CmdletInfo)o.BaseObject).ToDictionary(c => c.Name);
        Assert.NotEmpty(cmdlets);
        var docs = HelpDocs.Cmdlets().ToDictionary(d => d.Name);
        var problems = new List<string>();

        problems.AddRange(cmdlets.Keys.Except(docs.Keys).Select(n => $"{n} has no docs/PSDocker/{n}.md"));
        problems.AddRange(docs.Keys.Except(cmdlets.Keys).Select(n => $"{docs[n].File} documents {n}, which the module does not export"));
        foreach (var name in cmdlets.Keys.Intersect(docs.Keys))
        {
            // Hidden parameters ([Parameter(DontShow = true)] in every set, e.g. the -c catcher of New-/Invoke-DockerContainer)
            // are not part of the documented surface, as they are not part of Get-Command's syntax or tab completion:
            // they need no doc, and a doc must not show them. -WhatIf and -Confirm are documented where the cmdlet has
            // them, as PlatyPS writes them: Get-Help builds the syntax from the MAML alone, so without them it hides them.
            var hidden = cmdlets[name].Parameters.Values.Where(IsHidden).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var real = cmdlets[name].Parameters.Values
                .Where(p => !Cmdlet.CommonParameters.Contains(p.Name) && !hidden.Contains(p.Name))
                .Where(p => !Cmdlet.OptionalCommonParameters.Contains(p.Name) || p.Name is "WhatIf" or "Confirm")
                .ToDictionary(p => p.Name, p => TypeName(p.ParameterType));
            var documented = docs[name].Parameters;
            problems.AddRange(real.Keys.Except(documented.Keys).Select(p => $"{name}: -{p} is not documented"));
            problems.AddRange(documented.Keys.Except(real.Keys).Select(p => hidden.Contains(p)
                ? $"{name}: the doc has -{p}, which is hidden (DontShow) and must not be documented"
                : $"{name}: the doc has -{p}, which the cmdlet does not have"));
            problems.AddRange(real.Keys.Intersect(documented.Keys)
                .Where(p => !string.Equals(real[p], documented[p], StringComparison.OrdinalIgnoreCase))
                .Select(p => $"{name}: -{p} is {real[p]}, the doc says Type: {documented[p]}"));
        }

        Assert.True(problems.Count == 0, "Docs and cmdlets differ:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Get_Help_about_PSDocker_finds_the_topic_and_it_names_every_error_id_the_engine_layer_raises()
    {
        var text = string.Join("\n", PowerShellRunner.Run("Get-Help about_PSDocker").AssertNoErrors().Output.Select(o => o.ToString()));
        Assert.Contains("about_PSDocker", text);
        Assert.Contains("SHORT DESCRIPTION", text);
        Assert.Contains("Cannot connect to the Docker daemon at", text);

        // Every fixed ErrorId in the source, e.g. new DockerPSException(..., "DockerHostInvalid", ErrorCategory.InvalidArgument, ...).
        var ids = Directory.GetFiles(Path.Combine(Repo.Root, "src", "PSDocker"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"""(Docker\w+)"",\s*(?:System\.Management\.Automation\.)?ErrorCategory\.").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.Contains("DockerEngineUnreachable", ids);
        var missing = ids.Where(id => !text.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "about_PSDocker does not explain: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_fixed_ErrorId_the_module_can_write_is_in_about_PSDocker_and_none_is_a_dotnet_type_name()
    {
        var text = string.Join("\n", PowerShellRunner.Run("Get-Help about_PSDocker").AssertNoErrors().Output.Select(o => o.ToString()));
        // Every literal id: new DockerPSException(..., "Id", ErrorCategory.X, ...), ArgumentValue.Bad("Id", ...), and the
        // ids a kind's resolver is given (WrongInputId = "InputNotAContainer").
        var patterns = new[]
        {
            @"""([A-Z]\w+)"",\s*(?:System\.Management\.Automation\.)?ErrorCategory\.",
            @"\.Bad\(\s*""([A-Z]\w+)""",
            @"WrongInputId\s*=\s*""([A-Z]\w+)""",
            @"\?\s*""([A-Z]\w+)""\s*:\s*""([A-Z]\w+)"",\s*ErrorCategory\.",
        };
        var ids = Directory.GetFiles(Path.Combine(Repo.Root, "src", "PSDocker"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .SelectMany(source => patterns.SelectMany(p => Regex.Matches(source, p).SelectMany(m => m.Groups.Cast<Group>().Skip(1).Where(g => g.Success).Select(g => g.Value))))
            .Distinct()
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
        Assert.True(ids.Count > 100, "found only " + ids.Count + " ids: the patterns no longer match the source");
        Assert.Contains("InputNotAContainer", ids);
        Assert.Contains("ImageInUse", ids);

        var typeNames = ids.Where(id => id.EndsWith("Exception", StringComparison.Ordinal)
            || AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetType("System." + id, false) != null || a.GetType("System.IO." + id, false) != null)).ToList();
        Assert.True(typeNames.Count == 0, "ErrorIds that are .NET type names: " + string.Join(", ", typeNames));

        var missing = ids.Where(id => !text.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "about_PSDocker does not name: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_help_compiler_compiles_a_well_formed_doc()
    {
        using var folder = new TempDocs(HelpCompilerFixtures.ValidDoc);
        var result = folder.Compile();
        Assert.True(result.ExitCode == 0, result.StdErr);
        var maml = File.ReadAllText(Path.Combine(folder.Output, "PSDocker.dll-Help.xml"));
        Assert.Contains("<command:name>Get-Thing</command:name>", maml);
        Assert.Contains("<maml:name>Name</maml:name>", maml);
    }

    [Theory]
    [InlineData("no SYNOPSIS", "## SYNOPSIS\nGets a thing.\n", "", "## SYNOPSIS")]
    [InlineData("no DESCRIPTION", "## DESCRIPTION\nThe Get-Thing cmdlet gets a thing.\n", "", "## DESCRIPTION")]
    [InlineData("no EXAMPLES", "## EXAMPLES\n\n### Example 1: Get it\n```powershell\nGet-Thing\n```\n\nGets the thing.\n", "", "## EXAMPLES")]
    [InlineData("an example without code", "```powershell\nGet-Thing\n```\n", "", "## EXAMPLES > ### Example 1: Get it")]
    [InlineData("a parameter without yaml block", "```yaml\nType: String", "```text\nType: String", "## PARAMETERS > ### -Name")]
    [InlineData("a parameter without description", "The name of the thing.\n", "", "## PARAMETERS > ### -Name")]
    [InlineData("a PlatyPS placeholder", "The name of the thing.", "{{ Fill Name Description }}", "## PARAMETERS > ### -Name")]
    public void The_help_compiler_fails_on_a_malformed_doc_naming_file_and_section(string what, string remove, string insert, string section)
    {
        Assert.Contains(remove, HelpCompilerFixtures.ValidDoc);
        using var folder = new TempDocs(HelpCompilerFixtures.ValidDoc.Replace(remove, insert, StringComparison.Ordinal));
        var result = folder.Compile();

        Assert.True(result.ExitCode != 0, $"{what}: the compiler succeeded\n{result.StdOut}");
        Assert.Contains("Get-Thing.md(", result.StdErr);
        Assert.Contains(section + ":", result.StdErr);
        Assert.False(File.Exists(Path.Combine(folder.Output, "PSDocker.dll-Help.xml")), "nothing is written when a doc is malformed");
    }

    private static bool IsHidden(ParameterMetadata parameter) =>
        parameter.Attributes.OfType<ParameterAttribute>().Any() && parameter.Attributes.OfType<ParameterAttribute>().All(a => a.DontShow);

    private static string TypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.Name;
    }

    /// <summary>A throw-away docs folder with one cmdlet doc, and the compiler run on it.</summary>
    private sealed class TempDocs : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("psdt-help-").FullName;

        public TempDocs(string doc)
        {
            Directory.CreateDirectory(Docs);
            File.WriteAllText(Path.Combine(Docs, "Get-Thing.md"), doc);
        }

        public string Docs => Path.Combine(_root, "docs");

        public string Output => Path.Combine(_root, "en-US");

        public Processes.Result Compile() => Processes.Run("dotnet", new[] { Repo.Metadata("HelpCompiler"), Docs, Output });

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}

internal sealed record CmdletDoc(string File, string Name, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// Reads docs/PSDocker/*.md on its own, line by line, rather than through the compiler: the tests check the
/// docs against the module, and the compiler against its own rules.
/// </summary>
internal static class HelpDocs
{
    public static string Folder => Path.Combine(Repo.Root, "docs", "PSDocker");

    public static IEnumerable<CmdletDoc> Cmdlets() =>
        Directory.GetFiles(Folder, "*.md")
            .Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(Read);

    private static CmdletDoc Read(string path)
    {
        var file = Path.GetFileName(path);
        string name = string.Empty, section = string.Empty, subsection = string.Empty;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? fenceInfo = null;
        var fence = new StringBuilder();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (fenceInfo is null)
                {
                    fenceInfo = line.Substring(3).Trim();
                    fence.Clear();
                    continue;
                }

                if (section == "PARAMETERS" && subsection.StartsWith('-') && fenceInfo == "yaml")
                {
                    var type = Regex.Match(fence.ToString(), @"^Type:\s*(.*)$", RegexOptions.Multiline).Groups[1].Value.Trim();
                    parameters[subsection.Substring(1)] = type;
                }

                fenceInfo = null;
                continue;
            }

            if (fenceInfo != null)
            {
                fence.Append(line).Append('\n');
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                name = line.Substring(2).Trim();
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                (section, subsection) = (line.Substring(3).Trim(), string.Empty);
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                subsection = line.Substring(4).Trim();
                if (section == "PARAMETERS" && subsection.StartsWith('-'))
                {
                    parameters[subsection.Substring(1)] = string.Empty;
                }
            }
        }

        // A doc without its # heading still names a cmdlet: the one its file is named after.
        return new CmdletDoc(file, name.Length > 0 ? name : Path.GetFileNameWithoutExtension(path), parameters);
    }
}

/// <summary>A small, complete cmdlet doc that the compiler accepts; each malformed case breaks one thing in it.</summary>
internal static class HelpCompilerFixtures
{
    public const string ValidDoc = """
        ---
        external help file: PSDocker.dll-Help.xml
        Module Name: PSDocker
        online version:
        schema: 2.0.0
        ---

        # Get-Thing

        ## SYNOPSIS
        Gets a thing.

        ## SYNTAX

        ```
        Get-Thing [-Name <String>] [<CommonParameters>]
        ```

        ## DESCRIPTION
        The Get-Thing cmdlet gets a thing.

        ## EXAMPLES

        ### Example 1: Get it
        ```powershell
        Get-Thing
        ```

        Gets the thing.

        ## PARAMETERS

        ### -Name
        The name of the thing.

        ```yaml
        Type: String
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        This cmdlet supports the common parameters.

        ## INPUTS

        ### None

        ## OUTPUTS

        ### System.Object
        The thing.

        ## NOTES

        ## RELATED LINKS
        """;
}
