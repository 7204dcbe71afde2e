namespace PatchBuild.Core.Formats.Ap;

/// <summary>Every word an ap directive line can carry after the patch ID.</summary>
internal enum ApKeyword
{
    Unknown,
    Header,
    File,
    Replace,
    InsertAfter,
    InsertBefore,
    Delete,
    Create,
    Recreate,
    Rename,
    End,
    Snippet,
    Anchor,
    SnippetTail,
    Content,
    IncludeLeadingBlankLines,
    IncludeTrailingBlankLines,
    ScopeEnd,
}

internal static class ApKeywords
{
    // Canonical spellings: actions in capitals, values and options in lower case (as the spec writes them).
    private static readonly Dictionary<string, ApKeyword> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AP"] = ApKeyword.Header,
        ["FILE"] = ApKeyword.File,
        ["REPLACE"] = ApKeyword.Replace,
        ["INSERT_AFTER"] = ApKeyword.InsertAfter,
        ["INSERT_BEFORE"] = ApKeyword.InsertBefore,
        ["DELETE"] = ApKeyword.Delete,
        ["CREATE"] = ApKeyword.Create,
        ["RECREATE"] = ApKeyword.Recreate,
        ["RENAME"] = ApKeyword.Rename,
        ["END"] = ApKeyword.End,
        ["snippet"] = ApKeyword.Snippet,
        ["anchor"] = ApKeyword.Anchor,
        ["snippet_tail"] = ApKeyword.SnippetTail,
        ["content"] = ApKeyword.Content,
        ["include_leading_blank_lines"] = ApKeyword.IncludeLeadingBlankLines,
        ["include_trailing_blank_lines"] = ApKeyword.IncludeTrailingBlankLines,
        ["scope_end"] = ApKeyword.ScopeEnd,
    };

    private static readonly Dictionary<ApKeyword, string> Canonical =
        ByName.ToDictionary(pair => pair.Value, pair => pair.Key);

    /// <summary>Looks a word up ignoring case; <paramref name="canonical"/> is the spelling the spec uses.</summary>
    public static ApKeyword Find(string word, out string canonical)
    {
        if (ByName.TryGetValue(word, out var keyword))
        {
            canonical = Canonical[keyword];
            return keyword;
        }

        canonical = word;
        return ApKeyword.Unknown;
    }

    public static string NameOf(ApKeyword keyword) => Canonical.TryGetValue(keyword, out var name) ? name : "?";

    /// <summary>KEY-VALUE directives take the lines below them as their value.</summary>
    public static bool TakesValue(ApKeyword keyword) => keyword is ApKeyword.File or ApKeyword.Rename
        or ApKeyword.Snippet or ApKeyword.Anchor or ApKeyword.SnippetTail or ApKeyword.Content;

    public static bool IsLocatorValue(ApKeyword keyword) =>
        keyword is ApKeyword.Snippet or ApKeyword.Anchor or ApKeyword.SnippetTail or ApKeyword.Content;

    public static bool IsOption(ApKeyword keyword) => keyword is ApKeyword.IncludeLeadingBlankLines
        or ApKeyword.IncludeTrailingBlankLines or ApKeyword.ScopeEnd;

    public static bool IsAction(ApKeyword keyword) => keyword is ApKeyword.Replace or ApKeyword.InsertAfter
        or ApKeyword.InsertBefore or ApKeyword.Delete or ApKeyword.Create or ApKeyword.Recreate;
}
