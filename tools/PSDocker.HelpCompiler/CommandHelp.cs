using System.Globalization;
using Markdig.Syntax;

namespace PSDocker.HelpCompiler;

internal sealed record ParameterMetadata(
    string Type,
    IReadOnlyList<string> Sets, // empty: every parameter set ("(All)")
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool Required,
    string Position, // "named" or a number
    string DefaultValue,
    string PipelineInput,
    bool Globbing)
{
    public bool IsSwitch => Type is "SwitchParameter" or "switch";

    public bool InSet(string? set) => set is null || Sets.Count == 0 || Sets.Contains(set, StringComparer.OrdinalIgnoreCase);
}

internal sealed record ParameterHelp(string Name, IReadOnlyList<string> Description, IReadOnlyList<ParameterMetadata> Metadata);

internal sealed record TypeHelp(string Name, IReadOnlyList<string> Description);

internal sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

internal sealed record LinkHelp(string Text, string Uri);

/// <summary>One cmdlet's help, read from a doc in PlatyPS's markdown schema (version 2.0.0).</summary>
internal sealed record CommandHelp(
    string Name,
    string HelpFile,
    IReadOnlyList<string> Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<string?> ParameterSets, // one null entry: the cmdlet has a single, unnamed set
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<LinkHelp> Links)
{
    private static readonly string[] KnownSections =
        { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

    private static readonly string[] RequiredMetadata =
        { "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters" };

    private static readonly string[] OptionalMetadata = { "Accepted values" };

    /// <summary>The headings PlatyPS writes under PARAMETERS for parameters PowerShell adds itself.</summary>
    private static readonly string[] CommonParameterHeadings = { "CommonParameters", "WorkflowCommonParameters" };

    public static CommandHelp Parse(MarkdownDoc doc)
    {
        var front = doc.FrontMatter ?? throw doc.Error(null, "no YAML front matter; start the file with ---, external help file: ..., schema: 2.0.0, ---.");
        var helpFile = front.GetValueOrDefault("external help file");
        if (string.IsNullOrWhiteSpace(helpFile))
        {
            throw doc.Error(null, "the front matter has no 'external help file' (the MAML file the cmdlet's help goes into, e.g. PSDocker.dll-Help.xml).");
        }

        if (front.GetValueOrDefault("schema") != "2.0.0")
        {
            throw doc.Error(null, "the front matter must say 'schema: 2.0.0' (the PlatyPS markdown schema this compiler reads).");
        }

        var top = doc.Root.Children.Where(s => s.Level == 1).ToList();
        if (top.Count != 1)
        {
            throw doc.Error(top.Skip(1).FirstOrDefault(), "a cmdlet doc has exactly one level-1 heading: # <cmdlet name>.");
        }

        var command = top[0];
        var expectedName = System.IO.Path.GetFileNameWithoutExtension(doc.Path);
        if (!string.Equals(command.Title, expectedName, StringComparison.Ordinal))
        {
            throw doc.Error(command, $"the heading names '{command.Title}' but the file is {expectedName}.md; they must match.");
        }

        foreach (var section in command.Children)
        {
            if (!KnownSections.Contains(section.Title, StringComparer.Ordinal))
            {
                throw doc.Error(section, "unknown section; the schema's sections are ## " + string.Join(", ## ", KnownSections) + ".");
            }

            if (command.Children.Count(s => s.Title == section.Title) > 1)
            {
                throw doc.Error(section, "the section appears twice.");
            }
        }

        // Read in the schema's order, so that the first mistake reported is the first one in the file.
        var synopsis = ReadText(doc, Required(doc, command, "SYNOPSIS"));
        var parameterSets = ReadParameterSets(command.Child("SYNTAX"));
        var description = ReadText(doc, Required(doc, command, "DESCRIPTION"));
        var examples = ReadExamples(doc, Required(doc, command, "EXAMPLES"));
        var parameters = ReadParameters(doc, Required(doc, command, "PARAMETERS"));
        return new CommandHelp(
            command.Title,
            helpFile!.Trim(),
            synopsis,
            description,
            parameterSets,
            parameters,
            ReadTypes(doc, command.Child("INPUTS")),
            ReadTypes(doc, command.Child("OUTPUTS")),
            command.Child("NOTES") is Section notes ? ReadText(doc, notes, allowEmpty: true) : Array.Empty<string>(),
            examples,
            ReadLinks(front.GetValueOrDefault("online version"), command.Child("RELATED LINKS")));
    }

    private static Section Required(MarkdownDoc doc, Section command, string title) =>
        command.Child(title) ?? throw new DocException(doc.Path, command.Line, "## " + title, $"the section is missing from {command.Title}'s doc.");

    /// <summary>The section's own text (not its subsections); a PlatyPS stub's {{ placeholders }} are refused.</summary>
    private static List<string> ReadText(MarkdownDoc doc, Section section, bool allowEmpty = false) =>
        ReadText(doc, section, section.Blocks, allowEmpty);

    private static List<string> ReadText(MarkdownDoc doc, Section section, IEnumerable<Block> blocks, bool allowEmpty)
    {
        var paragraphs = Text.Paragraphs(blocks);
        if (!allowEmpty && paragraphs.Count == 0)
        {
            throw doc.Error(section, "the section has no text.");
        }

        if (paragraphs.FirstOrDefault(p => p.Contains("{{", StringComparison.Ordinal)) is string placeholder)
        {
            throw doc.Error(section, "a {{ placeholder }} from a PlatyPS stub is still there: " + placeholder);
        }

        return paragraphs;
    }

    /// <summary>
    /// PlatyPS ignores the SYNTAX text (it rebuilds syntax from the parameters) but its ### headings name
    /// the parameter sets, "(Default)" marking the default one.
    /// </summary>
    private static List<string?> ReadParameterSets(Section? syntax)
    {
        var sets = (syntax?.Children ?? new List<Section>())
            .Select(s => s.Title.Replace("(Default)", string.Empty, StringComparison.OrdinalIgnoreCase).Trim())
            .Where(s => s.Length > 0 && s != "__AllParameterSets")
            .Select(s => (string?)s)
            .ToList();
        return sets.Count == 0 ? new List<string?> { null } : sets;
    }

    private static List<ParameterHelp> ReadParameters(MarkdownDoc doc, Section section)
    {
        var parameters = new List<ParameterHelp>();
        foreach (var parameter in section.Children)
        {
            if (CommonParameterHeadings.Contains(parameter.Title, StringComparer.OrdinalIgnoreCase))
            {
                continue; // PowerShell documents these itself (about_CommonParameters)
            }

            if (!parameter.Title.StartsWith('-') || parameter.Title.Length < 2 || parameter.Title.Contains(' '))
            {
                throw doc.Error(parameter, "a parameter heading is ### -<Name>, or ### CommonParameters.");
            }

            // The description is the text around the yaml block(s); the metadata itself is not text.
            var description = ReadText(doc, parameter, parameter.Blocks.Where(b => !Text.IsYaml(b)), allowEmpty: true);
            if (description.Count == 0)
            {
                throw doc.Error(parameter, "the parameter has no description.");
            }

            var metadata = parameter.Blocks.Where(Text.IsYaml)
                .Select(b => ReadMetadata(doc, parameter, (LeafBlock)b))
                .ToList();
            if (metadata.Count == 0)
            {
                throw doc.Error(parameter, "the parameter has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
            }

            parameters.Add(new ParameterHelp(parameter.Title.Substring(1), description, metadata));
        }

        var twice = parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice != null)
        {
            throw doc.Error(section, $"-{twice.Key} is documented twice.");
        }

        return parameters;
    }

    private static ParameterMetadata ReadMetadata(MarkdownDoc doc, Section parameter, LeafBlock block)
    {
        var values = MarkdownDoc.ReadYaml(doc.Path, block, parameter.Trail);
        var missing = RequiredMetadata.Where(k => !values.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw doc.Error(block, parameter, "the yaml block lacks " + string.Join(", ", missing) + ".");
        }

        var unknown = values.Keys.Where(k => !RequiredMetadata.Concat(OptionalMetadata).Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw doc.Error(block, parameter, "the yaml block has unknown keys: " + string.Join(", ", unknown) + ".");
        }

        string Value(string key) => values[key]?.Trim() ?? string.Empty;

        bool Flag(string key) => Value(key).ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw doc.Error(block, parameter, $"'{key}' must be True or False, not '{Value(key)}'."),
        };

        List<string> List(string key) =>
            Value(key).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

        var type = Value("Type");
        if (type.Length == 0)
        {
            throw doc.Error(block, parameter, "'Type' is empty.");
        }

        var position = Value("Position");
        if (!string.Equals(position, "named", StringComparison.OrdinalIgnoreCase) && !int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw doc.Error(block, parameter, $"'Position' must be Named or a number, not '{position}'.");
        }

        var pipeline = Value("Accept pipeline input");
        if (!pipeline.StartsWith("true", StringComparison.OrdinalIgnoreCase) && !pipeline.StartsWith("false", StringComparison.OrdinalIgnoreCase))
        {
            throw doc.Error(block, parameter, $"'Accept pipeline input' must be False or True (ByValue, ByPropertyName), not '{pipeline}'.");
        }

        var sets = Value("Parameter Sets");
        return new ParameterMetadata(
            type,
            sets.Length == 0 || sets == "(All)" ? Array.Empty<string>() : List("Parameter Sets"),
            List("Aliases"),
            values.ContainsKey("Accepted values") ? List("Accepted values") : new List<string>(),
            Flag("Required"),
            position.ToLowerInvariant(),
            Value("Default value").Length == 0 ? "None" : Value("Default value"),
            pipeline,
            Flag("Accept wildcard characters"));
    }

    private static List<TypeHelp> ReadTypes(MarkdownDoc doc, Section? section) =>
        (section?.Children ?? new List<Section>())
            .Select(t => new TypeHelp(t.Title, ReadText(doc, t, allowEmpty: true)))
            .ToList();

    private static List<ExampleHelp> ReadExamples(MarkdownDoc doc, Section section)
    {
        if (section.Children.Count == 0)
        {
            throw doc.Error(section, "there is no example; add ### Example 1: <what it shows>, a ```powershell block and a sentence.");
        }

        var examples = new List<ExampleHelp>();
        foreach (var example in section.Children)
        {
            var code = example.Blocks.FirstOrDefault(Text.IsPowerShell) as LeafBlock
                ?? throw doc.Error(example, "the example has no ```powershell code block.");
            var codeText = Text.Code(code);
            if (codeText.Length == 0)
            {
                throw doc.Error(example, "the example's code block is empty.");
            }

            // Text before the code (PlatyPS's "introduction") and after it (the remarks) both explain the
            // example; Get-Help shows remarks below the code, so both go there, in order.
            var remarks = ReadText(doc, example, example.Blocks.Where(b => b != code), allowEmpty: true);
            if (remarks.Count == 0)
            {
                throw doc.Error(example, "the example has no text saying what it does.");
            }

            examples.Add(new ExampleHelp(example.Title, codeText, remarks));
        }

        return examples;
    }

    private static List<LinkHelp> ReadLinks(string? onlineVersion, Section? section)
    {
        var links = new List<LinkHelp>();
        if (!string.IsNullOrWhiteSpace(onlineVersion))
        {
            // Get-Help -Online opens the first link's address.
            links.Add(new LinkHelp("Online Version:", onlineVersion.Trim()));
        }

        foreach (var (text, url) in Text.Links(section?.Blocks ?? new List<Block>()))
        {
            // A link to a sibling doc (Get-DockerInfo.md) is a cmdlet name to Get-Help, not an address.
            links.Add(new LinkHelp(text, Text.IsWebAddress(url) ? url : string.Empty));
        }

        return links;
    }
}
