using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;

namespace PSDocker.Tests.Harness;

/// <summary>
/// A host that records what PowerShell writes to it (the "What if:" lines of -WhatIf go nowhere else) and
/// answers confirmation prompts through a callback, so tests can see and steer ShouldProcess.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingUI _ui;

    /// <param name="onPrompt">Gets the prompt's caption, message and choice labels; returns the index to choose. Without it every prompt fails the test.</param>
    public RecordingHost(Func<string, string, IReadOnlyList<string>, int>? onPrompt = null) => _ui = new RecordingUI(onPrompt);

    /// <summary>Every line written to the host, in order.</summary>
    public IReadOnlyList<string> Lines => _ui.Lines;

    /// <summary>Each confirmation prompt as caption: message.</summary>
    public IReadOnlyList<string> Prompts => _ui.Prompts;

    /// <summary>The lines ShouldProcess wrote for -WhatIf, without their "What if: " prefix.</summary>
    public IReadOnlyList<string> WhatIf => Lines.Where(l => l.StartsWith("What if: ", StringComparison.Ordinal)).Select(l => l.Substring(9).Trim()).ToList();

    /// <summary>A runspace on this host with PSDocker imported.</summary>
    public Runspace OpenRunspace()
    {
        var runspace = RunspaceFactory.CreateRunspace(this, InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create(runspace);
        ps.AddCommand("Import-Module").AddParameter("Name", Repo.ModuleManifest).AddParameter("ErrorAction", "Stop");
        ps.Invoke();
        return runspace;
    }

    public override string Name => "PSDocker.Tests";

    public override Version Version => new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    private sealed class RecordingUI : PSHostUserInterface
    {
        private readonly Func<string, string, IReadOnlyList<string>, int>? _onPrompt;
        private readonly List<string> _lines = new();
        private readonly List<string> _prompts = new();
        private readonly System.Text.StringBuilder _partial = new();

        public RecordingUI(Func<string, string, IReadOnlyList<string>, int>? onPrompt) => _onPrompt = onPrompt;

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToList();
                }
            }
        }

        public IReadOnlyList<string> Prompts
        {
            get
            {
                lock (_lines)
                {
                    return _prompts.ToList();
                }
            }
        }

        public override PSHostRawUserInterface RawUI { get; } = new RawUI();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (_lines)
            {
                _prompts.Add(caption + ": " + message);
            }

            if (_onPrompt is null)
            {
                throw new InvalidOperationException("Unexpected prompt: " + caption + ": " + message);
            }

            return _onPrompt(caption, message, choices.Select(c => c.Label.Replace("&", string.Empty, StringComparison.Ordinal)).ToList());
        }

        public override void Write(string value) => Append(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);

        public override void WriteLine(string value) => Append(value + "\n");

        public override void WriteErrorLine(string value) => Append(value + "\n");

        public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");

        public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");

        public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override string ReadLine() => throw new NotSupportedException();

        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException();

        private void Append(string text)
        {
            lock (_lines)
            {
                _partial.Append(text);
                var all = _partial.ToString();
                var end = all.LastIndexOf('\n');
                if (end < 0)
                {
                    return;
                }

                _lines.AddRange(all.Substring(0, end).Split('\n'));
                _partial.Clear().Append(all.Substring(end + 1));
            }
        }
    }

    private sealed class RawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; }

        public override Size BufferSize { get; set; } = new(200, 50);

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; }

        public override ConsoleColor ForegroundColor { get; set; }

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => new(200, 50);

        public override Size MaxWindowSize => new(200, 50);

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get; set; } = new(200, 50);

        public override string WindowTitle { get; set; } = string.Empty;

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
    }
}
