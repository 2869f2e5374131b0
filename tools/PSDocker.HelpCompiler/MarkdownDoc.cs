using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace PSDocker.HelpCompiler;

/// <summary>A mistake in a doc, reported as an MSBuild error line so the build names the file and line.</summary>
internal sealed class DocException : Exception
{
    public DocException(string file, int line, string section, string message)
        : base(message)
    {
        File = file;
        Line = line;
        Section = section;
    }

    public string File { get; }

    public int Line { get; }

    public string Section { get; }

    /// <summary>MSBuild's canonical error format: the Exec task turns it into a build error pointing at the doc.</summary>
    public string ToBuildError() => $"{File}({Line}): error PSDHELP: {Section}: {Message}";
}

/// <summary>
/// One markdown file, parsed by Markdig and cut into sections by its headings: a level-2 heading owns the
/// blocks and level-3 headings below it, and so on. PlatyPS's schema is all about such sections.
/// </summary>
internal sealed class MarkdownDoc
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private MarkdownDoc(string path, Section root, IReadOnlyList<Block> blocks, Dictionary<string, string?>? frontMatter)
    {
        Path = path;
        Root = root;
        Blocks = blocks;
        FrontMatter = frontMatter;
    }

    public string Path { get; }

    /// <summary>A pseudo-section holding the level-1 sections (and anything before the first heading).</summary>
    public Section Root { get; }

    /// <summary>Every top-level block in order, for renderers that walk the document linearly.</summary>
    public IReadOnlyList<Block> Blocks { get; }

    /// <summary>The YAML between the leading --- lines, or null when the file has none.</summary>
    public Dictionary<string, string?>? FrontMatter { get; }

    public static MarkdownDoc Load(string path)
    {
        var document = Markdown.Parse(File.ReadAllText(path), Pipeline);
        var root = new Section(string.Empty, 0, 1, null);
        var open = new Stack<Section>();
        open.Push(root);
        Dictionary<string, string?>? frontMatter = null;
        foreach (var block in document)
        {
            switch (block)
            {
                case YamlFrontMatterBlock yaml:
                    frontMatter = ReadYaml(path, yaml, "front matter");
                    break;
                case HeadingBlock heading:
                    while (open.Peek().Level >= heading.Level)
                    {
                        open.Pop();
                    }

                    var section = new Section(Text.Inline(heading.Inline).Trim(), heading.Level, heading.Line + 1, open.Peek());
                    open.Peek().Children.Add(section);
                    open.Push(section);
                    break;
                default:
                    open.Peek().Blocks.Add(block);
                    break;
            }
        }

        return new MarkdownDoc(path, root, document.ToList(), frontMatter);
    }

    /// <summary>A flat key: value YAML block (front matter, a parameter's metadata); keys compare case-insensitively.</summary>
    public static Dictionary<string, string?> ReadYaml(string path, LeafBlock block, string section)
    {
        // The front matter block keeps its --- fences; YAML would read the closing one as a second document.
        var lines = block.Lines.ToString().Split('\n').Where(l => l.TrimEnd() != "---");
        try
        {
            var values = new DeserializerBuilder().Build().Deserialize<Dictionary<string, string?>>(string.Join("\n", lines));
            return new Dictionary<string, string?>(values ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        }
        catch (YamlException e)
        {
            throw new DocException(path, block.Line + 1 + (int)e.Start.Line, section, "the YAML does not read as key: value lines: " + e.Message);
        }
    }

    public DocException Error(Section? section, string message) =>
        new(Path, section?.Line ?? 1, section?.Trail ?? "document", message);

    public DocException Error(Block block, Section section, string message) =>
        new(Path, block.Line + 1, section.Trail, message);
}

/// <summary>A heading and what follows it up to the next heading of the same or a higher level.</summary>
internal sealed class Section
{
    public Section(string title, int level, int line, Section? parent)
    {
        Title = title;
        Level = level;
        Line = line;
        Parent = parent;
    }

    public string Title { get; }

    public int Level { get; }

    /// <summary>1-based line of the heading.</summary>
    public int Line { get; }

    public Section? Parent { get; }

    public List<Block> Blocks { get; } = new();

    public List<Section> Children { get; } = new();

    /// <summary>How error messages name the section, e.g. "## PARAMETERS > ### -DockerHost".</summary>
    public string Trail =>
        Parent is null || Parent.Level == 0 || Parent.Level == 1 && Level == 2
            ? Heading
            : Parent.Trail + " > " + Heading;

    private string Heading => new string('#', Level) + " " + Title;

    public Section? Child(string title) =>
        Children.FirstOrDefault(c => string.Equals(c.Title, title, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Markdown to the plain text Get-Help prints: inline code keeps its backticks, links keep their address.</summary>
internal static class Text
{
    public static string Inline(ContainerInline? container)
    {
        var text = new StringBuilder();
        foreach (var child in container ?? Enumerable.Empty<Inline>())
        {
            Append(text, child);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append('`').Append(code.Content).Append('`');
                break;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? "\n" : " ");
                break;
            case HtmlInline:
                break; // comments and tags mean nothing in a console
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case LinkInline link:
                var start = text.Length;
                foreach (var child in link)
                {
                    Append(text, child);
                }

                // A console cannot follow a link: show where it goes, unless it points at another doc page.
                if (IsWebAddress(link.Url) && text.ToString(start, text.Length - start) != link.Url)
                {
                    text.Append(" (").Append(link.Url).Append(')');
                }

                break;
            case ContainerInline container: // emphasis and the like: the words only
                foreach (var child in container)
                {
                    Append(text, child);
                }

                break;
            default:
                text.Append(inline.ToString());
                break;
        }
    }

    public static bool IsWebAddress(string? url) =>
        url != null && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The lines of a code block, without the fences.</summary>
    public static string Code(LeafBlock block) => block.Lines.ToString().TrimEnd('\n', '\r', ' ');

    public static bool IsYaml(Block block) =>
        block is FencedCodeBlock fenced && string.Equals(fenced.Info, "yaml", StringComparison.OrdinalIgnoreCase);

    public static bool IsPowerShell(Block block) =>
        block is FencedCodeBlock fenced && string.Equals(fenced.Info, "powershell", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Blocks as MAML paragraphs: one per paragraph or list item; code blocks indented so they stand out
    /// in Get-Help's output. HTML (comments such as the runnable-example marker) is dropped.
    /// </summary>
    public static List<string> Paragraphs(IEnumerable<Block> blocks)
    {
        var paragraphs = new List<string>();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    paragraphs.Add(Inline(paragraph.Inline).Trim());
                    break;
                case ListBlock list:
                    var number = int.TryParse(list.OrderedStart, out var first) ? first : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var bullet = list.IsOrdered ? number++ + "." : "-";
                        paragraphs.Add(bullet + " " + string.Join(" ", Paragraphs(item)));
                    }

                    break;
                case CodeBlock code:
                    paragraphs.Add(string.Join("\n", Code(code).Split('\n').Select(l => "    " + l.TrimEnd('\r'))));
                    break;
                case QuoteBlock quote:
                    paragraphs.AddRange(Paragraphs(quote));
                    break;
                case HeadingBlock heading:
                    paragraphs.Add(Inline(heading.Inline).Trim());
                    break;
                default:
                    break; // HTML, thematic breaks, link definitions: nothing to read
            }
        }

        return paragraphs.Where(p => p.Length > 0).ToList();
    }

    /// <summary>Every link in the blocks, as (text, address).</summary>
    public static IEnumerable<(string Text, string Url)> Links(IEnumerable<Block> blocks) =>
        blocks.SelectMany(LeafBlocks)
            .SelectMany(b => LinksIn(b.Inline))
            .Select(l => (Inline(l).Trim(), l.Url ?? string.Empty));

    private static IEnumerable<LeafBlock> LeafBlocks(Block block) => block switch
    {
        LeafBlock leaf => new[] { leaf },
        ContainerBlock container => container.SelectMany(LeafBlocks),
        _ => Enumerable.Empty<LeafBlock>(),
    };

    private static IEnumerable<LinkInline> LinksIn(ContainerInline? container)
    {
        foreach (var inline in container ?? Enumerable.Empty<Inline>())
        {
            if (inline is LinkInline { IsImage: false } link)
            {
                yield return link;
            }
            else if (inline is ContainerInline nested)
            {
                foreach (var inner in LinksIn(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
