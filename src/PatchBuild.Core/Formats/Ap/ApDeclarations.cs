using PatchBuild.Core.Matching;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// Recognises block headers, top-level declarations and namespaces, for the nesting guard that moves a declaration an
/// AI inserted inside a block out of it: past the end of a header's block ("class Foo {", "def f():") for INSERT_AFTER,
/// before the start of the enclosing top-level block for INSERT_BEFORE.
/// </summary>
internal static class ApDeclarations
{
    public static bool OpensBlock(string line)
    {
        string trimmed = line.TrimEnd();
        return trimmed.EndsWith('{') || trimmed.EndsWith(':');
    }

    private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
    {
        "public", "private", "protected", "internal", "static", "abstract", "sealed", "partial", "export", "default",
        "async", "final", "open", "data", "readonly", "unsafe", "file", "pub", "extern", "inline",
    };

    private static readonly HashSet<string> DeclarationKeywords = new(StringComparer.Ordinal)
    {
        "class", "struct", "interface", "enum", "record", "namespace", "def", "function", "fn", "func", "module",
        "trait", "impl", "type", "object",
    };

    public static bool IsTopLevel(string line) => Indentation.Of(line).Length == 0 && DeclarationKeyword(line) is not null;

    /// <summary>A namespace or module block: the scope a top-level declaration may live in, not one to move out of.</summary>
    public static bool IsNamespace(string line) => DeclarationKeyword(line) is "namespace" or "module";

    /// <summary>The declaration keyword the line starts with after its modifiers, or null.</summary>
    private static string? DeclarationKeyword(string line)
    {
        foreach (string word in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Modifiers.Contains(word))
            {
                continue;
            }

            return DeclarationKeywords.Contains(word) ? word : null;
        }

        return null;
    }
}
