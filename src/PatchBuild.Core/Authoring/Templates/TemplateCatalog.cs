using System.Text.RegularExpressions;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Authoring.Templates;

/// <summary>
/// The templates a run can use: the built-ins shipped inside the tool, then the repository's
/// .patchbuild/templates/NAME.template, which override built-ins of the same name. A name is a bare word: paths,
/// separators and dots are refused, and a template file must really lie in that folder (no link leads elsewhere).
/// </summary>
public static partial class TemplateCatalog
{
    public const string Extension = ".template";
    public const string RepositoryFolder = ".patchbuild/templates";
    private const string ResourcePrefix = "PatchBuild.Templates.";

    public static IReadOnlyList<TemplateDefinition> List(string root)
    {
        var byName = new SortedDictionary<string, TemplateDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var template in BuiltIns())
        {
            byName[template.Name] = template;
        }

        if (Folder(root) is { } folder)
        {
            foreach (string file in Directory.EnumerateFiles(folder, "*" + Extension).Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                if (IsValidName(name))
                {
                    byName[name] = ReadRepository(root, folder, name);
                }
            }
        }

        return [.. byName.Values];
    }

    public static TemplateDefinition Find(string root, string name)
    {
        if (!IsValidName(name))
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.TemplateNotFound,
                $"'{Shorten(name)}' is not a template name: names are letters, digits, '-' and '_' (no paths).",
                "Run 'patchbuild new --list-templates' to see the templates.");
        }

        if (Folder(root) is { } folder && File.Exists(Path.Combine(folder, name + Extension)))
        {
            return ReadRepository(root, folder, name);
        }

        return BuiltIns().FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw AuthoringFailure.Of(AuthoringErrorCodes.TemplateNotFound, $"No template named '{name}'.",
                $"Templates: {string.Join(", ", List(root).Select(t => t.Name))}. Add your own as {RepositoryFolder}/{name}{Extension}.");
    }

    public static bool IsValidName(string name) => NamePattern().IsMatch(name) && !string.Equals(name, "list", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<TemplateDefinition> BuiltIns()
    {
        var assembly = typeof(TemplateCatalog).Assembly;
        var result = new List<TemplateDefinition>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            string name = resource[ResourcePrefix.Length..^Extension.Length];
            result.Add(TemplateParser.Parse(name, TemplateSource.BuiltIn, reader.ReadToEnd()));
        }

        return result;
    }

    /// <summary>The repository's template folder when it exists and really lies inside the root.</summary>
    private static string? Folder(string root)
    {
        string folder = Path.Combine(Path.GetFullPath(root), ".patchbuild", "templates");
        if (!Directory.Exists(folder))
        {
            return null;
        }

        string realRoot = PathGuard.RealPath(Path.GetFullPath(root));
        string realFolder = PathGuard.RealPath(folder);
        if (!string.Equals(realFolder, Path.Combine(realRoot, ".patchbuild", "templates"), StringComparison.Ordinal))
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidTemplate,
                $"{RepositoryFolder} is a link to '{realFolder}'; repository templates are read only from the folder itself.",
                "Replace the link with a real folder holding the templates.");
        }

        return folder;
    }

    private static TemplateDefinition ReadRepository(string root, string folder, string name)
    {
        string file = Path.Combine(folder, name + Extension);
        var info = new FileInfo(file);
        if (info.LinkTarget is not null || (info.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0 || SpecialFiles.Describe(file) is not null)
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidTemplate,
                $"{RepositoryFolder}/{name}{Extension} is a link or special file; templates must be regular files.",
                "Replace it with a regular file.", $"{RepositoryFolder}/{name}{Extension}");
        }

        if (info.Length > TemplateParser.MaxLength)
        {
            throw TemplateParser.Invalid(name, $"it is larger than {TemplateParser.MaxLength / 1024} KiB");
        }

        var (text, _, problem) = FileEncoding.TryDecode(File.ReadAllBytes(file));
        if (text is null)
        {
            throw TemplateParser.Invalid(name, $"it is not UTF-8 text ({problem})");
        }

        return TemplateParser.Parse(name, TemplateSource.Repository, text, file);
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z")]
    private static partial Regex NamePattern();
}
