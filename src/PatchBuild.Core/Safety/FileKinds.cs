namespace PatchBuild.Core.Safety;

/// <summary>What kind of file a path is, as far as the safety rules care.</summary>
internal static class FileKinds
{
    private static readonly HashSet<string> Documentation = new(StringComparer.OrdinalIgnoreCase) { ".md", ".markdown", ".rst", ".txt", ".adoc" };

    private static readonly HashSet<string> Source = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".vb", ".fs", ".fsx", ".csx", ".razor", ".cshtml", ".vbhtml", ".xaml", ".ts", ".tsx", ".js", ".jsx", ".mjs",
        ".py", ".java", ".kt", ".go", ".rs", ".c", ".h", ".cpp", ".hpp", ".sql", ".ps1", ".psm1", ".sh", ".bash",
    };

    public static string Extension(string path) => Path.GetExtension(path);

    public static bool IsSql(string path) => Extension(path).Equals(".sql", StringComparison.OrdinalIgnoreCase);

    public static bool IsDocumentation(string path) => Documentation.Contains(Extension(path));

    public static bool IsSource(string path) => Source.Contains(Extension(path));

    public static bool IsMsBuild(string path)
    {
        string ext = Extension(path);
        return ext.Equals(".props", StringComparison.OrdinalIgnoreCase) || ext.Equals(".targets", StringComparison.OrdinalIgnoreCase) ||
               (ext.EndsWith("proj", StringComparison.OrdinalIgnoreCase) && ext.Length >= 5);
    }

    public static bool IsDotNetCode(string path)
    {
        string ext = Extension(path);
        return ext is ".cs" or ".vb" or ".fs" or ".csx" or ".fsx" or ".razor" or ".cshtml" or ".vbhtml";
    }

    private static readonly HashSet<string> CFamily = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".csx", ".vb", ".fs", ".fsx", ".razor", ".cshtml", ".vbhtml", ".java", ".kt", ".kts", ".js", ".jsx", ".mjs", ".cjs", ".ts",
        ".tsx", ".go", ".rs", ".c", ".h", ".cc", ".cpp", ".hpp", ".swift", ".scala", ".dart", ".json", ".jsonc",
    };

    private static readonly HashSet<string> Xml = new(StringComparer.OrdinalIgnoreCase)
    {
        ".xml", ".config", ".xaml", ".resx", ".nuspec", ".ruleset", ".runsettings", ".slnx", ".props", ".targets",
    };

    /// <summary>How the safety rules read a file's text. Anything unknown is read like a script: line by line, '#' comments.</summary>
    public static SourceLanguage LanguageOf(string path)
    {
        string ext = Extension(path);
        if (IsDocumentation(path))
        {
            return SourceLanguage.Documentation;
        }

        if (IsSql(path))
        {
            return SourceLanguage.Sql;
        }

        if (CFamily.Contains(ext))
        {
            return SourceLanguage.CFamily;
        }

        return Xml.Contains(ext) || IsMsBuild(path) ? SourceLanguage.Xml : SourceLanguage.Script;
    }

    /// <summary>Configuration and scripts, where an unquoted value is a value (YAML, .env, shell, ini).</summary>
    public static bool HasBareValues(string path) => LanguageOf(path) == SourceLanguage.Script;
}

internal enum SourceLanguage
{
    CFamily,
    Sql,
    Xml,
    Script,
    Documentation,
}
