using System.Management.Automation;
using System.Reflection;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// Rules every exported cmdlet follows, checked over the whole module so new cmdlets are covered without
/// editing these tests: approved verbs, singular Docker-prefixed nouns, [OutputType] of our own types,
/// ShouldProcess on every state change, pipeline binding of Id/Name, and no client-library type in any
/// public signature.
/// </summary>
public class ConformanceTests
{
    // Verbs whose cmdlets only read, wait or open a session: everything else changes state.
    private static readonly HashSet<string> ReadOnlyVerbs = new(StringComparer.OrdinalIgnoreCase) { "Get", "Test", "Wait", "Enter", "Measure", "Find", "Search", "Watch", "Select" };

    private static List<CmdletInfo> Cmdlets()
    {
        var result = PowerShellRunner.Run("Get-Command -Module PSDocker").AssertNoErrors();
        return result.Output.Select(o => (CmdletInfo)o.BaseObject).ToList();
    }

    private static HashSet<string> ApprovedVerbs() =>
        new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetValue(null)!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets_the_assembly_defines()
    {
        var exported = Cmdlets().Select(c => c.Name).OrderBy(n => n).ToList();
        Assert.True(exported.Count >= 3);
        var assembly = Cmdlets()[0].ImplementingType.Assembly;
        var defined = assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<CmdletAttribute>())
            .Where(a => a != null)
            .Select(a => a!.VerbName + "-" + a.NounName)
            .OrderBy(n => n)
            .ToList();
        Assert.Equal(defined, exported);
    }

    [Fact]
    public void Every_cmdlet_has_an_approved_verb_and_a_singular_Docker_noun()
    {
        var approved = ApprovedVerbs();
        foreach (var cmdlet in Cmdlets())
        {
            Assert.True(approved.Contains(cmdlet.Verb), cmdlet.Name + " uses an unapproved verb");
            Assert.StartsWith("Docker", cmdlet.Noun, StringComparison.Ordinal);
            var plural = cmdlet.Noun.EndsWith("s", StringComparison.Ordinal) && !cmdlet.Noun.EndsWith("ss", StringComparison.Ordinal) && !cmdlet.Noun.EndsWith("us", StringComparison.Ordinal);
            Assert.False(plural, cmdlet.Name + " has a plural noun");
        }
    }

    [Fact]
    public void Every_cmdlet_declares_OutputType_of_our_own_types_or_plain_values()
    {
        // SecureString: Get-DockerSwarm -UnlockKey gives a key that must not be plain text, as Get-Credential gives passwords.
        var allowed = new HashSet<Type> { typeof(string), typeof(bool), typeof(int), typeof(long), typeof(void), typeof(FileInfo), typeof(DirectoryInfo), typeof(PSObject), typeof(System.Security.SecureString) };
        foreach (var cmdlet in Cmdlets())
        {
            Assert.True(cmdlet.OutputType.Count > 0, cmdlet.Name + " declares no [OutputType]");
            foreach (var type in cmdlet.OutputType.Select(t => t.Type))
            {
                Assert.NotNull(type);
                Assert.True(allowed.Contains(type!) || (type!.Namespace == "PSDocker.Model" && type.IsSealed && type.IsPublic),
                    $"{cmdlet.Name} outputs {type}, which is neither a PSDocker.Model sealed type nor a plain value");
            }
        }
    }

    [Fact]
    public void Every_state_changing_cmdlet_supports_ShouldProcess_and_prune_is_ConfirmImpact_High()
    {
        foreach (var cmdlet in Cmdlets())
        {
            var attribute = cmdlet.ImplementingType.GetCustomAttribute<CmdletAttribute>()!;
            if (!ReadOnlyVerbs.Contains(cmdlet.Verb))
            {
                Assert.True(attribute.SupportsShouldProcess, cmdlet.Name + " changes state but does not support -WhatIf/-Confirm");
                Assert.True(cmdlet.Parameters.ContainsKey("WhatIf") && cmdlet.Parameters.ContainsKey("Confirm"));
            }

            // Deploy-DockerStack -Prune is docker stack deploy --prune: the deploy's own clean-up of services the files dropped,
            // each removal confirmed on its own; a High impact would make every deploy ask, at each object.
            var prunes = cmdlet.Verb == "Clear" || cmdlet.Parameters.ContainsKey("Unused") || (cmdlet.Parameters.ContainsKey("Prune") && cmdlet.Verb != "Deploy");
            if (prunes)
            {
                Assert.Equal(ConfirmImpact.High, attribute.ConfirmImpact);
            }
        }
    }

    [Fact]
    public void Every_Id_and_Name_parameter_binds_from_the_pipeline_by_property_name_unless_the_cmdlet_acts_on_what_is_piped()
    {
        foreach (var cmdlet in Cmdlets())
        {
            // Cmdlets that act on existing objects take everything piped through -InputObject ([object[]], by
            // value) and sort it there: strings and their own kind bind, anything else is refused. A -Name or -Id
            // bound by property name would take a volume's Name for a container's.
            var sorts = cmdlet.Parameters.TryGetValue("InputObject", out var input) && input.ParameterType == typeof(object[])
                && input.ParameterSets.Values.All(s => s.ValueFromPipeline);
            foreach (var parameter in cmdlet.Parameters.Values.Where(p => p.Name is "Id" or "Name" or "Container"))
            {
                if (sorts)
                {
                    Assert.True(parameter.ParameterSets.Values.All(s => !s.ValueFromPipeline && !s.ValueFromPipelineByPropertyName),
                        $"{cmdlet.Name} -{parameter.Name} binds from the pipeline beside -InputObject, which sorts what is piped");
                }
                else if (parameter.Name != "Container" && cmdlet.Name != "Import-DockerContext" && !(cmdlet.Name == "Get-DockerTask" && parameter.Name == "Id"))
                {
                    // (Import-DockerContext -Name is the name the import gets: a piped file's Name is not it. Get-DockerTask
                    // takes services from the pipeline: a service's Id is not a task's.)
                    Assert.True(parameter.ParameterSets.Values.All(s => s.ValueFromPipelineByPropertyName),
                        $"{cmdlet.Name} -{parameter.Name} does not bind by property name");
                }
            }

            if (new[] { "Remove", "Stop", "Start", "Restart", "Suspend", "Resume", "Rename", "Update", "Export", "Publish", "Connect", "Disconnect" }.Contains(cmdlet.Verb)
                && (cmdlet.Noun.EndsWith("Container") || cmdlet.Noun.EndsWith("Image") || cmdlet.Noun.EndsWith("Volume") || cmdlet.Noun == "DockerNetwork"))
            {
                Assert.True(sorts, $"{cmdlet.Name} acts on what is piped but does not sort it through -InputObject [object[]]");
            }

            // Every cmdlet that talks to an engine takes where from the pipeline; the context cmdlets only manage the store.
            if (cmdlet.Noun != "DockerContext")
            {
                Assert.True(cmdlet.Parameters["DockerHost"].ParameterSets.Values.All(s => s.ValueFromPipelineByPropertyName));
                Assert.True(cmdlet.Parameters["Context"].ParameterSets.Values.All(s => s.ValueFromPipelineByPropertyName));
            }
        }
    }

    [Fact]
    public void No_client_library_type_appears_in_a_public_signature()
    {
        var assembly = Cmdlets()[0].ImplementingType.Assembly;
        static bool Foreign(Type? type) =>
            type != null && (type.Assembly.GetName().Name!.StartsWith("Docker.DotNet", StringComparison.Ordinal) ||
                             type.Assembly.GetName().Name == "Microsoft.Net.Http.Client" ||
                             (type.IsGenericType && type.GetGenericArguments().Any(Foreign)) ||
                             (type.HasElementType && Foreign(type.GetElementType())));

        foreach (var type in assembly.GetExportedTypes())
        {
            Assert.False(Foreign(type.BaseType), type + " derives from a client-library type");
            Assert.DoesNotContain(type.GetInterfaces(), Foreign);
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                switch (member)
                {
                    case PropertyInfo p:
                        Assert.False(Foreign(p.PropertyType), $"{type}.{p.Name} is a client-library type");
                        break;
                    case MethodInfo m:
                        Assert.False(Foreign(m.ReturnType) || m.GetParameters().Any(x => Foreign(x.ParameterType)), $"{type}.{m.Name} exposes a client-library type");
                        break;
                    case FieldInfo f:
                        Assert.False(Foreign(f.FieldType), $"{type}.{f.Name} is a client-library type");
                        break;
                }
            }
        }
    }

    [Fact]
    public void Output_types_are_sealed_with_get_only_public_properties()
    {
        var assembly = Cmdlets()[0].ImplementingType.Assembly;
        foreach (var type in assembly.GetExportedTypes().Where(t => t.Namespace == "PSDocker.Model" && t.IsClass && !t.IsAbstract))
        {
            Assert.True(type.IsSealed, type + " is not sealed");
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Assert.True(property.SetMethod is null || !property.SetMethod.IsPublic, $"{type}.{property.Name} has a public setter");
            }
        }
    }
}

/// <summary>Argument completers, through TabExpansion2 as the shell calls them.</summary>
[Collection(EngineCollection.Name)]
public class CompleterTests
{
    private readonly EngineFixture _engine;

    public CompleterTests(EngineFixture engine) => _engine = engine;

    private static List<string> Complete(string line) =>
        PowerShellRunner.Run("(TabExpansion2 -inputScript $s -cursorColumn $s.Length).CompletionMatches | ForEach-Object CompletionText",
            new Dictionary<string, object?> { ["s"] = line }).AssertNoErrors().Output.Select(o => (string)o.BaseObject).ToList();

    [Fact]
    public void Container_names_complete_from_the_engine_the_command_line_names()
    {
        var prefix = "psdt-comp-" + Guid.NewGuid().ToString("N")[..6];
        using var a = new TestContainer(_engine, _engine.DockerOk("create", "--name", prefix + "-one", "--label", EngineFixture.TestLabel + "=comp", EngineFixture.TestImage));
        using var b = new TestContainer(_engine, _engine.DockerOk("create", "--name", prefix + "-two", "--label", EngineFixture.TestLabel + "=comp", EngineFixture.TestImage));

        // DOCKER_HOST points nowhere: the -DockerHost typed on the line is what counts.
        using (EnvScope.Clean(("DOCKER_HOST", "unix:///tmp/psdocker-no-such-dir/docker.sock")))
        {
            Assert.Equal(new[] { prefix + "-one", prefix + "-two" }, Complete($"Stop-DockerContainer -DockerHost {_engine.Host} -Name {prefix}"));
            Assert.Equal(new[] { prefix + "-two" }, Complete($"Remove-DockerContainer -DockerHost {_engine.Host} {prefix}-t"));
            Assert.Empty(Complete($"Stop-DockerContainer -Name {prefix}")); // the environment's engine is absent: no completions, no error
        }

        using (EnvScope.Clean(("DOCKER_HOST", _engine.Host)))
        {
            Assert.Contains(a.Id[..12], Complete($"Get-DockerContainer -Id {a.Id[..6]}"));
            Assert.Contains(EngineFixture.TestImage, Complete("Invoke-DockerContainer psdocker-test/busy"));
        }
    }

    [Fact]
    public void Volumes_and_networks_complete_from_the_engine()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var volume = "psdt-compvol-" + suffix;
        var network = "psdt-compnet-" + suffix;
        _engine.DockerOk("volume", "create", "--label", EngineFixture.TestLabel + "=comp", volume);
        // An explicit subnet no test sends traffic to.
        _engine.DockerOk("network", "create", "--label", EngineFixture.TestLabel + "=comp", "--subnet", "10.252.77.0/24", network);
        try
        {
            using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
            Assert.Equal(new[] { volume }, Complete("Remove-DockerVolume psdt-compvol-" + suffix[..3]));
            Assert.Equal(new[] { network }, Complete("Get-DockerNetwork -Name psdt-compnet-" + suffix[..3]));
            Assert.Equal(new[] { network }, Complete("Connect-DockerNetwork psdt-compnet-" + suffix[..3]));
        }
        finally
        {
            _engine.Docker("volume", "rm", volume);
            _engine.Docker("network", "rm", network);
        }
    }

    [Fact]
    public void Contexts_complete_from_the_config_folder()
    {
        var config = Directory.CreateTempSubdirectory("psdt-comp-config-").FullName;
        try
        {
            Processes.Run("docker", new[] { "context", "create", "psdt-comp-ctx", "--docker", "host=" + _engine.Host },
                new Dictionary<string, string?> { ["DOCKER_CONFIG"] = config }).EnsureSuccess("docker context create");
            using var env = EnvScope.Clean(("DOCKER_CONFIG", config));
            var contexts = Complete("Get-DockerInfo -Context psdt");
            Assert.Equal(new[] { "psdt-comp-ctx" }, contexts);
            Assert.Contains("default", Complete("Get-DockerInfo -Context def"));
        }
        finally
        {
            Directory.Delete(config, true);
        }
    }
}
