namespace PatchBuild.Core.Formats.Ap;

/// <summary>Locator text compared the way the matcher sees it: trimmed lines, blank lines dropped.</summary>
internal static class ApSnippetText
{
    public static List<string> NormalizedLines(string text)
    {
        var result = new List<string>();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (!trimmed.IsEmpty)
            {
                result.Add(trimmed.ToString());
            }
        }

        return result;
    }

    /// <summary>True when the normalized lines of <paramref name="tail"/> are the last normalized lines of <paramref name="snippet"/>.</summary>
    public static bool EndsWithLinesOf(string snippet, string tail)
    {
        var snippetLines = NormalizedLines(snippet);
        var tailLines = NormalizedLines(tail);
        if (tailLines.Count == 0 || tailLines.Count > snippetLines.Count)
        {
            return false;
        }

        int offset = snippetLines.Count - tailLines.Count;
        for (int i = 0; i < tailLines.Count; i++)
        {
            if (!string.Equals(snippetLines[offset + i], tailLines[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
