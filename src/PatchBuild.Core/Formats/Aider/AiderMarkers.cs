namespace PatchBuild.Core.Formats.Aider;

/// <summary>
/// The three marker lines of a SEARCH/REPLACE block and the markdown fences around them. Models vary the marker
/// length (5 to 9 characters, as Aider accepts) and leave spaces around it; nothing else is a marker.
/// </summary>
internal static class AiderMarkers
{
    public static bool IsSearch(ReadOnlySpan<char> line) => IsMarker(line, '<', " SEARCH", allowTrailingBracket: true);

    public static bool IsDivider(ReadOnlySpan<char> line) => IsMarker(line, '=', "", allowTrailingBracket: false);

    public static bool IsReplace(ReadOnlySpan<char> line) => IsMarker(line, '>', " REPLACE", allowTrailingBracket: false);

    public static bool IsAnyMarker(ReadOnlySpan<char> line) => IsSearch(line) || IsDivider(line) || IsReplace(line);

    /// <summary>A line that opens or closes a markdown fence of three or more backticks.</summary>
    public static bool IsFence(ReadOnlySpan<char> line) => line.Trim().StartsWith("```", StringComparison.Ordinal);

    /// <summary>The info string after a fence's backticks ("python", "csharp src/A.cs"), or empty.</summary>
    public static string FenceInfo(ReadOnlySpan<char> line) => line.Trim().TrimStart('`').Trim().ToString();

    private static bool IsMarker(ReadOnlySpan<char> line, char repeated, string word, bool allowTrailingBracket)
    {
        var text = line.Trim();
        int count = 0;
        while (count < text.Length && text[count] == repeated)
        {
            count++;
        }

        if (count is < 5 or > 9)
        {
            return false;
        }

        var rest = text[count..];
        if (allowTrailingBracket && rest.EndsWith(">"))
        {
            rest = rest[..^1];
        }

        return rest.SequenceEqual(word);
    }
}
