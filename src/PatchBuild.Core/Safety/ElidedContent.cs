namespace PatchBuild.Core.Safety;

/// <summary>
/// PB1011: a placeholder a model writes instead of code it did not repeat (<c>// ... rest of the class unchanged ...</c>,
/// <c># ... existing code ...</c>, <c>/* unchanged */</c>, <c>...</c> alone). Applied, it deletes that code.
/// </summary>
internal static class ElidedContent
{
    private static readonly string[] CommentMarkers = ["//", "/*", "#", "--", "<!--", "'", "*", "{/*", "@*", "REM "];

    private static readonly string[] Elision =
        ["unchanged", "existing code", "existing methods", "existing members", "rest of", "remaining", "omitted", "same as before", "as before", "previous code",
         "other methods", "other members", "code continues", "keep existing", "no changes"];

    /// <summary>True when an added line is such a placeholder.</summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.Length > 120)
        {
            return false;
        }

        if (text is "..." or "…")
        {
            return true;
        }

        bool comment = false;
        foreach (string marker in CommentMarkers)
        {
            if (text.StartsWith(marker, StringComparison.Ordinal))
            {
                text = text[marker.Length..];
                comment = true;
                break;
            }
        }

        if (!comment)
        {
            return false;
        }

        string body = text.ToString().Replace("*/", "", StringComparison.Ordinal).Replace("-->", "", StringComparison.Ordinal).Replace("*@", "", StringComparison.Ordinal)
            .Replace("}", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
        bool ellipsis = body.Contains("...", StringComparison.Ordinal) || body.Contains('…');
        string words = body.Replace("...", " ", StringComparison.Ordinal).Replace('…', ' ').Trim(' ', '(', ')', '[', ']', '.', ':', '-');
        if (words.Length == 0)
        {
            return ellipsis;
        }

        bool elisionWords = Elision.Any(w => words.Contains(w, StringComparison.Ordinal));
        return elisionWords && (ellipsis || words is "unchanged" or "existing code" or "code unchanged" or "rest unchanged" || words.StartsWith("rest of", StringComparison.Ordinal) && words.Contains("unchanged", StringComparison.Ordinal));
    }

    /// <summary>True when an old line held code: not blank, not only a comment, not only braces.</summary>
    public static bool IsCode(ReadOnlySpan<char> line)
    {
        var text = line.Trim();
        if (text.Length == 0 || IsPlaceholder(text))
        {
            return false;
        }

        foreach (string marker in CommentMarkers)
        {
            if (text.StartsWith(marker, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return text.IndexOfAnyExcept("{}()[];,") >= 0;
    }
}
