// PSDocker.ModuleWriter <manifest source> <module assembly> <version> <formats folder> <module folder>
//
// Writes <module folder>/PSDocker.psd1 and <module folder>/PSDocker.Format.ps1xml:
// - the manifest from its checked-in source, with ModuleVersion stamped from the one version source and
//   CmdletsToExport listing every public cmdlet class the built assembly defines (the source holds the
//   placeholder `CmdletsToExport = @()`, so no hand list can drift or conflict in a merge). The Gallery reads
//   the list from the manifest, so the built one names each cmdlet explicitly.
// - the format file joined from one file per area, so areas do not conflict when they add views.
// Any inconsistency (no placeholder, no cmdlet, a view name twice, a file that is not a format file) fails
// the build, naming the file, and nothing is written.

using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PSDocker.ModuleWriter;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: PSDocker.ModuleWriter <manifest source> <module assembly> <version> <formats folder> <module folder>");
    return 2;
}

var (manifestSource, assemblyPath, version, formatsFolder, moduleFolder) = (args[0], args[1], args[2], args[3], args[4]);
try
{
    var cmdlets = CmdletReader.Read(assemblyPath);
    var manifest = Manifest.Write(File.ReadAllText(manifestSource), manifestSource, version, cmdlets);
    var formatFiles = Directory.GetFiles(formatsFolder, "*.Format.ps1xml").OrderBy(p => p, StringComparer.Ordinal).ToList();
    var formats = FormatJoiner.Join(formatFiles);
    File.WriteAllText(Path.Combine(moduleFolder, "PSDocker.psd1"), manifest, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
    File.WriteAllText(Path.Combine(moduleFolder, "PSDocker.Format.ps1xml"), formats, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    Console.WriteLine($"PSDocker.ModuleWriter: {cmdlets.Count} cmdlets exported, {formatFiles.Count} format files joined.");
    return 0;
}
catch (ModuleWriterException e)
{
    Console.Error.WriteLine($"{e.File}: error PSDMODULE: {e.Message}");
    return 1;
}

namespace PSDocker.ModuleWriter
{
    internal sealed class ModuleWriterException : Exception
    {
        public ModuleWriterException(string file, string message) : base(message) => File = file;

        public string File { get; }
    }

    /// <summary>
    /// The Verb-Noun of every public, non-abstract class carrying [Cmdlet], read from the assembly's metadata
    /// (nothing is loaded, so the netstandard2.0 module's references need not be resolvable here).
    /// </summary>
    internal static class CmdletReader
    {
        public static List<string> Read(string assemblyPath)
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var names = new List<string>();
            foreach (var handle in metadata.TypeDefinitions)
            {
                var type = metadata.GetTypeDefinition(handle);
                var visibility = type.Attributes & TypeAttributes.VisibilityMask;
                if (visibility != TypeAttributes.Public || (type.Attributes & TypeAttributes.Abstract) != 0)
                {
                    continue;
                }

                foreach (var attributeHandle in type.GetCustomAttributes())
                {
                    var attribute = metadata.GetCustomAttribute(attributeHandle);
                    if (!IsCmdletAttribute(metadata, attribute))
                    {
                        continue;
                    }

                    var value = attribute.DecodeValue(new StringArguments());
                    names.Add((string)value.FixedArguments[0].Value! + "-" + (string)value.FixedArguments[1].Value!);
                }
            }

            if (names.Count == 0)
            {
                throw new ModuleWriterException(assemblyPath, "the assembly defines no cmdlet.");
            }

            return names.OrderBy(n => n.Substring(n.IndexOf('-') + 1), StringComparer.Ordinal).ThenBy(n => n, StringComparer.Ordinal).ToList();
        }

        private static bool IsCmdletAttribute(MetadataReader metadata, CustomAttribute attribute)
        {
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                return false;
            }

            var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (parent.Kind != HandleKind.TypeReference)
            {
                return false;
            }

            var reference = metadata.GetTypeReference((TypeReferenceHandle)parent);
            return metadata.GetString(reference.Name) == "CmdletAttribute" &&
                   metadata.GetString(reference.Namespace) == "System.Management.Automation";
        }

        /// <summary>Decodes attribute arguments; [Cmdlet]'s verb and noun are strings, its enum arguments are int-based.</summary>
        private sealed class StringArguments : ICustomAttributeTypeProvider<Type>
        {
            public Type GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
            {
                PrimitiveTypeCode.String => typeof(string),
                PrimitiveTypeCode.Boolean => typeof(bool),
                _ => typeof(int),
            };

            public Type GetSystemType() => typeof(Type);

            public Type GetSZArrayType(Type elementType) => elementType.MakeArrayType();

            public Type GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => typeof(int);

            public Type GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => typeof(int);

            public Type GetTypeFromSerializedName(string name) => typeof(int);

            public PrimitiveTypeCode GetUnderlyingEnumType(Type type) => PrimitiveTypeCode.Int32;

            public bool IsSystemType(Type type) => type == typeof(Type);
        }
    }

    /// <summary>The checked-in manifest with its version stamped and its CmdletsToExport placeholder filled.</summary>
    internal static class Manifest
    {
        private static readonly Regex Version = new(@"ModuleVersion\s*=\s*'[^']*'");
        private static readonly Regex Placeholder = new(@"^(?<indent>[ \t]*)CmdletsToExport(?<pad>\s*)=\s*@\(\s*\)", RegexOptions.Multiline);

        public static string Write(string source, string sourcePath, string version, IReadOnlyList<string> cmdlets)
        {
            if (Version.Matches(source).Count != 1)
            {
                throw new ModuleWriterException(sourcePath, "expected exactly one ModuleVersion = '…' to stamp.");
            }

            var placeholders = Placeholder.Matches(source);
            if (placeholders.Count != 1)
            {
                throw new ModuleWriterException(sourcePath, "expected exactly one `CmdletsToExport = @()`: the build fills it from the assembly, so the source holds no list.");
            }

            var stamped = Version.Replace(source, $"ModuleVersion        = '{version}'");
            return Placeholder.Replace(stamped, m =>
            {
                var indent = m.Groups["indent"].Value;
                var list = new StringBuilder();
                list.Append(indent).Append("CmdletsToExport").Append(m.Groups["pad"].Value).Append("= @(");
                foreach (var cmdlet in cmdlets)
                {
                    list.Append('\n').Append(indent).Append("    '").Append(cmdlet).Append('\'');
                }

                list.Append('\n').Append(indent).Append(')');
                return list.ToString();
            }).TrimEnd() + "\n";
        }
    }

    /// <summary>One format file from the per-area ones: their views in file order, each view name once.</summary>
    internal static class FormatJoiner
    {
        public static string Join(IReadOnlyList<string> files)
        {
            if (files.Count == 0)
            {
                throw new ModuleWriterException("Formats", "no *.Format.ps1xml file to join.");
            }

            var definitions = new XElement("ViewDefinitions");
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                XDocument document;
                try
                {
                    document = XDocument.Load(file);
                }
                catch (System.Xml.XmlException e)
                {
                    throw new ModuleWriterException(file, e.Message);
                }

                var views = document.Root?.Name == "Configuration" ? document.Root.Element("ViewDefinitions")?.Elements("View").ToList() : null;
                if (views is null || views.Count == 0)
                {
                    throw new ModuleWriterException(file, "not a format file with views (<Configuration><ViewDefinitions><View>).");
                }

                foreach (var view in views)
                {
                    var name = (string?)view.Element("Name") ?? string.Empty;
                    if (seen.TryGetValue(name, out var first))
                    {
                        throw new ModuleWriterException(file, $"the view '{name}' is also defined in {first}.");
                    }

                    seen[name] = Path.GetFileName(file);
                    definitions.Add(view);
                }
            }

            var joined = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("Configuration", definitions));
            using var writer = new Utf8StringWriter();
            joined.Save(writer);
            return writer.ToString() + "\n";
        }

        private sealed class Utf8StringWriter : StringWriter
        {
            public override Encoding Encoding => Encoding.UTF8;
        }
    }
}
