using System.Text;
using System.Xml;

namespace PSDocker.HelpCompiler;

/// <summary>
/// Writes MAML, the XML that Get-Help reads for binary cmdlets from &lt;module&gt;/&lt;culture&gt;/&lt;Assembly&gt;.dll-Help.xml.
/// Same element layout as PlatyPS's New-ExternalHelp, so the help reads the same as with PlatyPS.
/// </summary>
internal static class MamlWriter
{
    private const string Msh = "http://msh";
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static void Write(string path, IEnumerable<CommandHelp> commands)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var xml = XmlWriter.Create(path, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("helpItems", Msh);
        xml.WriteAttributeString("schema", "maml");
        foreach (var command in commands)
        {
            WriteCommand(xml, command);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCommand(XmlWriter xml, CommandHelp command)
    {
        xml.WriteStartElement("command", "command", Command);
        xml.WriteAttributeString("xmlns", "maml", null, Maml);
        xml.WriteAttributeString("xmlns", "dev", null, Dev);

        var dash = command.Name.IndexOf('-');
        xml.WriteStartElement("command", "details", Command);
        xml.WriteElementString("command", "name", Command, command.Name);
        xml.WriteElementString("command", "verb", Command, dash > 0 ? command.Name.Substring(0, dash) : command.Name);
        xml.WriteElementString("command", "noun", Command, dash > 0 ? command.Name.Substring(dash + 1) : string.Empty);
        Description(xml, command.Synopsis);
        xml.WriteEndElement();

        Description(xml, command.Description);

        xml.WriteStartElement("command", "syntax", Command);
        foreach (var set in command.ParameterSets)
        {
            xml.WriteStartElement("command", "syntaxItem", Command);
            xml.WriteElementString("maml", "name", Maml, command.Name);
            foreach (var (parameter, metadata) in SyntaxOrder(command.Parameters, set))
            {
                Parameter(xml, parameter, metadata, inSyntax: true);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();

        xml.WriteStartElement("command", "parameters", Command);
        foreach (var parameter in command.Parameters)
        {
            // Where a parameter's metadata differs by set, the first block speaks for it here, as in PlatyPS.
            Parameter(xml, parameter, parameter.Metadata[0], inSyntax: false);
        }

        xml.WriteEndElement();

        Types(xml, "inputTypes", "inputType", command.Inputs);
        Types(xml, "returnValues", "returnValue", command.Outputs);

        xml.WriteStartElement("maml", "alertSet", Maml);
        xml.WriteStartElement("maml", "alert", Maml);
        Paragraphs(xml, command.Notes);
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("command", "examples", Command);
        foreach (var example in command.Examples)
        {
            xml.WriteStartElement("command", "example", Command);
            xml.WriteElementString("maml", "title", Maml, ExampleTitle(example.Title));
            xml.WriteElementString("dev", "code", Dev, example.Code);
            xml.WriteStartElement("dev", "remarks", Dev);
            Paragraphs(xml, example.Remarks);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();

        xml.WriteStartElement("command", "relatedLinks", Command);
        foreach (var link in command.Links)
        {
            xml.WriteStartElement("maml", "navigationLink", Maml);
            xml.WriteElementString("maml", "linkText", Maml, link.Text);
            xml.WriteElementString("maml", "uri", Maml, link.Uri);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>Positional parameters first by position, then mandatory ones, then the rest: how PowerShell lists syntax.</summary>
    private static IEnumerable<(ParameterHelp, ParameterMetadata)> SyntaxOrder(IEnumerable<ParameterHelp> parameters, string? set) =>
        parameters
            .Select(p => (Parameter: p, Metadata: p.Metadata.FirstOrDefault(m => m.InSet(set))))
            .Where(p => p.Metadata != null)
            .Select(p => (p.Parameter, Metadata: p.Metadata!))
            .OrderBy(p => p.Metadata.Position == "named" ? int.MaxValue : int.Parse(p.Metadata.Position, System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(p => p.Metadata.Required ? 0 : 1);

    private static void Parameter(XmlWriter xml, ParameterHelp parameter, ParameterMetadata metadata, bool inSyntax)
    {
        xml.WriteStartElement("command", "parameter", Command);
        xml.WriteAttributeString("required", metadata.Required ? "true" : "false");
        xml.WriteAttributeString("variableLength", "true");
        xml.WriteAttributeString("globbing", metadata.Globbing ? "true" : "false");
        xml.WriteAttributeString("pipelineInput", metadata.PipelineInput);
        xml.WriteAttributeString("position", metadata.Position);
        xml.WriteAttributeString("aliases", metadata.Aliases.Count == 0 ? "none" : string.Join(", ", metadata.Aliases));
        xml.WriteElementString("maml", "name", Maml, parameter.Name);
        Description(xml, parameter.Description);

        if (inSyntax && metadata.AcceptedValues.Count > 0)
        {
            xml.WriteStartElement("command", "parameterValueGroup", Command);
            foreach (var value in metadata.AcceptedValues)
            {
                ParameterValue(xml, value, required: false);
            }

            xml.WriteEndElement();
        }

        var type = metadata.IsSwitch ? "SwitchParameter" : metadata.Type;
        // A switch takes no value: Get-Help prints [-Detailed], not [-Detailed <SwitchParameter>], when the
        // syntax item has no parameterValue.
        if (!(inSyntax && metadata.IsSwitch))
        {
            ParameterValue(xml, type, required: !metadata.IsSwitch);
        }

        xml.WriteStartElement("dev", "type", Dev);
        xml.WriteElementString("maml", "name", Maml, type);
        xml.WriteElementString("maml", "uri", Maml, string.Empty);
        xml.WriteEndElement();
        xml.WriteElementString("dev", "defaultValue", Dev, metadata.DefaultValue);
        xml.WriteEndElement();
    }

    private static void ParameterValue(XmlWriter xml, string value, bool required)
    {
        xml.WriteStartElement("command", "parameterValue", Command);
        xml.WriteAttributeString("required", required ? "true" : "false");
        xml.WriteAttributeString("variableLength", "false");
        xml.WriteString(value);
        xml.WriteEndElement();
    }

    private static void Types(XmlWriter xml, string listName, string itemName, IEnumerable<TypeHelp> types)
    {
        xml.WriteStartElement("command", listName, Command);
        foreach (var type in types)
        {
            xml.WriteStartElement("command", itemName, Command);
            xml.WriteStartElement("dev", "type", Dev);
            xml.WriteElementString("maml", "name", Maml, type.Name);
            xml.WriteEndElement();
            Description(xml, type.Description);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Description(XmlWriter xml, IEnumerable<string> paragraphs)
    {
        xml.WriteStartElement("maml", "description", Maml);
        Paragraphs(xml, paragraphs);
        xml.WriteEndElement();
    }

    private static void Paragraphs(XmlWriter xml, IEnumerable<string> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            xml.WriteElementString("maml", "para", Maml, paragraph);
        }
    }

    /// <summary>Get-Help prints example titles as they are; Microsoft's own help frames them in dashes.</summary>
    private static string ExampleTitle(string title)
    {
        var dashes = new string('-', Math.Max(3, (64 - title.Length - 2) / 2));
        return dashes + " " + title + " " + dashes;
    }
}
