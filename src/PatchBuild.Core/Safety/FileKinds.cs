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
}
