namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// Reads the "# Summary: ..." comment an AI writes first (the spec's plan-first rule). The summary may wrap onto
/// the following comment lines; it stops at an empty comment line or at the next "Label:" line (such as "# Plan:").
/// </summary>
internal static class ApSummary
{
    private const string Label = "summary:";

    /// <summary>The summary found in the comment lines <paramref name="start"/>..<paramref name="end"/>, or null.</summary>
    public static string? Read(ApPatchLines lines, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            var text = CommentText(lines[i]);
            if (!text.StartsWith(Label, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parts = new List<string>();
            var first = text[Label.Length..].Trim();
            if (!first.IsEmpty)
            {
                parts.Add(first.ToString());
            }

            for (int j = i + 1; j < end; j++)
            {
                var next = CommentText(lines[j]);
                if (next.IsEmpty || LooksLikeLabel(next))
                {
                    break;
                }

                parts.Add(next.ToString());
            }

            return parts.Count == 0 ? null : string.Join(' ', parts);
        }

        return null;
    }

    private static ReadOnlySpan<char> CommentText(string line) =>
        ApPatchLines.IsComment(line) ? line.AsSpan().TrimStart('#').Trim() : [];

    // "Plan:", "Notes:", "Step 2:" open a new section; ordinary prose rarely ends its first words with a colon.
    private static bool LooksLikeLabel(ReadOnlySpan<char> text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0 || colon > 24)
        {
            return false;
        }

        foreach (char c in text[..colon])
        {
            if (!char.IsLetterOrDigit(c) && c != ' ')
            {
                return false;
            }
        }

        return true;
    }
}
