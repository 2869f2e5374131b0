using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Text;

namespace PSDocker.Tests.Harness;

/// <summary>
/// A PowerShell host that keeps what the engine's formatter writes, so tests can read the tables and lists a
/// user would see (Out-Default renders through the module's format views).
/// </summary>
public sealed class CaptureHost : PSHost
{
    private readonly CaptureUI _ui = new();
    private readonly Guid _id = Guid.NewGuid();

    public override string Name => "psdocker-test-capture";
    public override Version Version => new(1, 0);
    public override Guid InstanceId => _id;
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void EnterNestedPrompt() { }
    public override void ExitNestedPrompt() { }
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    public string Text => _ui.Text.ToString();

    /// <summary>Runs <paramref name="script"/> | Out-Default with PSDocker imported and returns the rendered lines.</summary>
    public static List<string> Render(string script, IDictionary<string, object?>? variables = null)
    {
        var host = new CaptureHost();
        using var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create(runspace);
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        ps.AddScript("Import-Module '" + Repo.ModuleManifest + "'; " + script).AddCommand("Out-Default");
        ps.Invoke();
        if (ps.HadErrors)
        {
            throw new InvalidOperationException(string.Join("\n", ps.Streams.Error));
        }

        // The console's colours are not part of what is compared.
        var plain = System.Text.RegularExpressions.Regex.Replace(host.Text, "\x1b\\[[0-9;]*[A-Za-z]", string.Empty);
        return plain.Split('\n').Select(l => l.TrimEnd('\r').TrimEnd()).ToList();
    }

    private sealed class CaptureUI : PSHostUserInterface
    {
        private readonly CaptureRaw _raw = new();
        public StringBuilder Text { get; } = new();
        public override PSHostRawUserInterface RawUI => _raw;
        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override string ReadLine() => string.Empty;
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override void Write(string value) => Text.Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Text.Append(value);
        public override void WriteLine(string value) => Text.Append(value).Append('\n');
        public override void WriteErrorLine(string value) => Text.Append("ERROR: ").Append(value).Append('\n');
        public override void WriteDebugLine(string message) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
    }

    private sealed class CaptureRaw : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.White;
        public override Size BufferSize { get => new(200, 9999); set { } }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override Size MaxPhysicalWindowSize => new(200, 9999);
        public override Size MaxWindowSize => new(200, 9999);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get => new(200, 50); set { } }
        public override string WindowTitle { get; set; } = "capture";
        public override bool KeyAvailable => false;
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
