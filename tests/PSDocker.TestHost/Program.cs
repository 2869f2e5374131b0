// Runs one PowerShell script in a fresh process and reports, one line each:
//   OUT <object as string>      ERR <ErrorId>|<Category>|<TargetObject>|<message>      WARN <message>
// Exit code: 0 when no error was written, 1 otherwise.
using System.Management.Automation;
using System.Management.Automation.Runspaces;

var script = args.Length > 0 ? args[0] : Console.In.ReadToEnd();
using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
runspace.Open();
using var ps = PowerShell.Create(runspace);
ps.AddScript(script);
var failed = false;
try
{
    foreach (var item in ps.Invoke())
    {
        Console.WriteLine("OUT " + item);
    }
}
catch (RuntimeException e)
{
    Report(e.ErrorRecord);
}

foreach (var error in ps.Streams.Error)
{
    Report(error);
}

foreach (var warning in ps.Streams.Warning)
{
    Console.WriteLine("WARN " + warning.Message);
}

return failed ? 1 : 0;

void Report(ErrorRecord record)
{
    failed = true;
    Console.WriteLine($"ERR {record.FullyQualifiedErrorId}|{record.CategoryInfo.Category}|{record.TargetObject}|{record.Exception.Message.ReplaceLineEndings(" ")}");
}
