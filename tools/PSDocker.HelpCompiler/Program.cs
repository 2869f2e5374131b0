// PSDocker.HelpCompiler <docs folder> <output folder>
//
// Compiles the module's help from markdown in PlatyPS's schema, because PlatyPS itself cannot be had on the
// build machines: every <Cmdlet>.md goes into the MAML file its front matter names (external help file:
// PSDocker.dll-Help.xml), every about_<Name>.md becomes about_<Name>.help.txt. A malformed doc fails the
// build with file, line and section, and nothing is written, so a half-documented cmdlet never ships.

using PSDocker.HelpCompiler;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: PSDocker.HelpCompiler <docs folder> <output folder>");
    return 2;
}

var (docsFolder, outputFolder) = (args[0], args[1]);
if (!Directory.Exists(docsFolder))
{
    Console.Error.WriteLine($"{docsFolder}: error PSDHELP: the docs folder does not exist.");
    return 1;
}

var commands = new List<CommandHelp>();
var aboutTopics = new List<(string FileName, string Text)>();
var errors = new List<DocException>();
foreach (var path in Directory.GetFiles(docsFolder, "*.md").OrderBy(p => p, StringComparer.Ordinal))
{
    try
    {
        var doc = MarkdownDoc.Load(path);
        if (Path.GetFileName(path).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
        {
            aboutTopics.Add(AboutTopic.Compile(doc));
        }
        else
        {
            commands.Add(CommandHelp.Parse(doc));
        }
    }
    catch (DocException e)
    {
        // Keep going: one build run should show every broken doc, not one per run.
        errors.Add(e);
    }
}

if (errors.Count == 0 && commands.Count == 0)
{
    errors.Add(new DocException(docsFolder, 1, "document", "no cmdlet docs (<Verb>-<Noun>.md) were found."));
}

if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine(error.ToBuildError());
    }

    return 1;
}

Directory.CreateDirectory(outputFolder);
foreach (var file in commands.GroupBy(c => c.HelpFile, StringComparer.OrdinalIgnoreCase))
{
    MamlWriter.Write(Path.Combine(outputFolder, file.Key), file);
    Console.WriteLine($"help: {file.Count()} cmdlet(s) -> {Path.Combine(outputFolder, file.Key)}");
}

foreach (var (fileName, text) in aboutTopics)
{
    File.WriteAllText(Path.Combine(outputFolder, fileName), text);
    Console.WriteLine($"help: about topic -> {Path.Combine(outputFolder, fileName)}");
}

return 0;
