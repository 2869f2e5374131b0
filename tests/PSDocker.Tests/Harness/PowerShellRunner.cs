using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace PSDocker.Tests.Harness;

/// <summary>Everything one script produced, stream by stream.</summary>
public sealed class PsResult
{
    public required IReadOnlyList<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<WarningRecord> Warnings { get; init; }
    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }
    public required IReadOnlyList<DebugRecord> Debug { get; init; }
    public required IReadOnlyList<InformationRecord> Information { get; init; }
    public required IReadOnlyList<ProgressRecord> Progress { get; init; }

    /// <summary>The error that stopped the script, if one did.</summary>
    public ErrorRecord? Terminating { get; init; }

    /// <summary>Every error, non-terminating and terminating.</summary>
    public IEnumerable<ErrorRecord> AllErrors => Terminating is null ? Errors : Errors.Append(Terminating);

    public T Single<T>() => Assert.Single(Output.Select(o => o.BaseObject).OfType<T>());

    /// <summary>Fails with the errors' text when the script wrote any error.</summary>
    public PsResult AssertNoErrors()
    {
        var errors = AllErrors.ToList();
        Assert.True(errors.Count == 0, "Unexpected errors:\n" + string.Join("\n", errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
        return this;
    }
}

/// <summary>Runs scripts in the hosted PowerShell engine the way a user types them, with PSDocker imported.</summary>
public static class PowerShellRunner
{
    public static Runspace OpenRunspace(bool importModule = true)
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        if (importModule)
        {
            using var ps = PowerShell.Create(runspace);
            ps.AddCommand("Import-Module").AddParameter("Name", Repo.ModuleManifest).AddParameter("ErrorAction", "Stop");
            ps.Invoke();
        }

        return runspace;
    }

    public static PsResult Run(string script, IDictionary<string, object?>? variables = null, bool importModule = true)
    {
        using var runspace = OpenRunspace(importModule);
        return Run(runspace, script, variables);
    }

    public static PsResult Run(Runspace runspace, string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create(runspace);
        if (variables != null)
        {
            foreach (var (name, value) in variables)
            {
                runspace.SessionStateProxy.SetVariable(name, value);
            }
        }

        // A statement-terminating error (ThrowTerminatingError) ends the script here, as it would end a
        // user's try block; non-terminating errors do not reach the catch.
        runspace.SessionStateProxy.SetVariable("global:PSDT_Terminating", null);
        ps.AddScript("try {\n" + script + "\n} catch { $global:PSDT_Terminating = $_ }");
        var result = Invoke(ps);
        if (runspace.SessionStateProxy.GetVariable("global:PSDT_Terminating") is ErrorRecord caught)
        {
            return Collect(ps, result.Output, caught);
        }

        return result;
    }

    public static PsResult Invoke(PowerShell ps)
    {
        Collection<PSObject> output = new();
        ErrorRecord? terminating = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException e)
        {
            terminating = e.ErrorRecord;
        }

        return Collect(ps, output, terminating);
    }

    public static PsResult Collect(PowerShell ps, IEnumerable<PSObject> output, ErrorRecord? terminating) => new()
    {
        Output = output.Where(o => o != null).ToList(),
        Errors = ps.Streams.Error.ToList(),
        Warnings = ps.Streams.Warning.ToList(),
        Verbose = ps.Streams.Verbose.ToList(),
        Debug = ps.Streams.Debug.ToList(),
        Information = ps.Streams.Information.ToList(),
        Progress = ps.Streams.Progress.ToList(),
        Terminating = terminating,
    };
}
