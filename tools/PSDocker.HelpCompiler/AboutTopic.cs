using System.Text;
using Markdig.Syntax;

namespace PSDocker.HelpCompiler;

/// <summary>
/// An about topic in PlatyPS's about schema (# Title, ## about_Name, # SHORT DESCRIPTION, # LONG DESCRIPTION,
/// ...) rendered as the plain text Get-Help about_Name prints: the layout of PowerShell's own about_*.help.txt,
/// prose indented four spaces and wrapped at 80 columns.
/// </summary>
internal static class AboutTopic
{
    private const int Width = 80;
    private const string Indent = "    ";

    /// <summary>Checks the doc and returns (help file name, text).</summary>
    public static (string FileName, string Text) Compile(MarkdownDoc doc)
    {
        var name = Path.GetFileNameWithoutExtension(doc.Path);
        var title = doc.Root.Children.FirstOrDefault();
        if (title is null || title.Level != 1)
        {
            throw doc.Error(title, "an about topic starts with # <Title> and then ## " + name + ".");
        }

        var lookup = title.Children.FirstOrDefault();
        if (lookup is null || !string.Equals(lookup.Title, name, StringComparison.Ordinal))
        {
            throw doc.Error(lookup ?? title, $"the second heading must be ## {name}: Get-Help finds the topic by that name, and the file is {name}.md.");
        }

        foreach (var required in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" })
        {
            var section = doc.Root.Child(required) ?? throw new DocException(doc.Path, 1, "# " + required, "the section is missing.");
            if (Text.Paragraphs(section.Blocks).Count == 0)
            {
                throw doc.Error(section, "the section has no text.");
            }
        }

        return (name + ".help.txt", Render(doc));
    }

    private static string Render(MarkdownDoc doc)
    {
        var text = new StringBuilder();
        var headings = 0;
        foreach (var block in doc.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    var title = Text.Inline(heading.Inline).Trim();
                    headings++;
                    if (headings == 1)
                    {
                        text.Append("TOPIC\n");
                    }
                    else if (headings == 2)
                    {
                        text.Append(Indent).Append(title).Append("\n\n"); // the lookup name under TOPIC
                    }
                    else if (heading.Level == 1)
                    {
                        text.Append(title.ToUpperInvariant()).Append('\n');
                    }
                    else if (heading.Level == 2)
                    {
                        text.Append(title).Append('\n'); // a subtopic: flush left, as PlatyPS renders it
                    }
                    else
                    {
                        text.Append(Indent).Append(Indent).Append(title).Append("\n\n");
                    }

                    break;
                case ParagraphBlock paragraph:
                    Wrap(text, Text.Inline(paragraph.Inline), Indent, Indent);
                    text.Append('\n');
                    break;
                case ListBlock list:
                    List(text, list, Indent);
                    text.Append('\n');
                    break;
                case CodeBlock code when !(code is Markdig.Extensions.Yaml.YamlFrontMatterBlock):
                    foreach (var line in Text.Code(code).Split('\n'))
                    {
                        text.Append(Indent).Append(Indent).Append(line.TrimEnd('\r')).Append('\n');
                    }

                    text.Append('\n');
                    break;
                default:
                    break; // front matter, HTML comments, rules: nothing to print
            }
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static void List(StringBuilder text, ListBlock list, string indent)
    {
        var number = int.TryParse(list.OrderedStart, out var first) ? first : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var bullet = list.IsOrdered ? number++ + ". " : "- ";
            var hanging = indent + new string(' ', bullet.Length);
            var lead = indent + bullet;
            foreach (var block in item)
            {
                if (block is ListBlock nested)
                {
                    List(text, nested, hanging);
                }
                else
                {
                    foreach (var paragraph in Text.Paragraphs(new[] { block }))
                    {
                        Wrap(text, paragraph, lead, hanging);
                        lead = hanging;
                    }
                }
            }
        }
    }

    /// <summary>Word-wraps to <see cref="Width"/> columns; hard line breaks in the markdown are kept.</summary>
    private static void Wrap(StringBuilder text, string paragraph, string firstIndent, string indent)
    {
        foreach (var hardLine in paragraph.Trim().Split('\n'))
        {
            var line = new StringBuilder(firstIndent);
            var empty = true;
            foreach (var word in hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!empty && line.Length + 1 + word.Length > Width)
                {
                    text.Append(line).Append('\n');
                    line.Clear().Append(indent);
                    empty = true;
                }

                if (!empty)
                {
                    line.Append(' ');
                }

                line.Append(word);
                empty = false;
            }

            text.Append(line).Append('\n');
            firstIndent = indent;
        }
    }
}
