namespace PatchBuild.Core.Authoring;

/// <summary>A span of non-blank lines, in compact positions of the text the locator is searched in.</summary>
internal readonly record struct CompactSpan(int From, int Count)
{
    public int Last => From + Count - 1;
}

/// <summary>Where an edit is found: an optional anchor, the snippet, and for a range the snippet_tail.</summary>
internal sealed record LocatorChoice(CompactSpan Snippet, CompactSpan? Anchor = null, CompactSpan? Tail = null)
{
    public int Cost => Snippet.Count + (Anchor?.Count ?? 0) + (Tail?.Count ?? 0);
}

/// <summary>
/// Chooses the shortest locator that finds exactly the wanted lines, by the spec's rules (3.2, 3.6): a snippet unique
/// in the text (and in the original file, which is where our engine looks), or the first match after a unique anchor;
/// a range as snippet plus the first snippet_tail after it. Anchors and snippets come only from lines at or after
/// <c>boundary</c>: text before it was written by earlier edits of the same patch, which a patcher must not match.
/// </summary>
internal sealed class LocatorPlanner(KeyedLines current, KeyedLines original, int boundary)
{
    private const int MaxPart = 8;
    private const int AnchorReach = 200;

    /// <summary>
    /// A locator for REPLACE or DELETE of compact lines [p, q]; null when none is unique. <paramref name="contentKeys"/>
    /// are the replacement's non-blank trimmed lines: a tail equal to them is read as an AI slip by the reference.
    /// </summary>
    public LocatorChoice? ForRange(int p, int q, string[]? contentKeys = null)
    {
        _contentKeys = contentKeys ?? [];
        return Best(p, q, anchor: null) ?? WithAnchor(p, a => Best(p, q, a));
    }

    private string[] _contentKeys = [];

    /// <summary>A locator for INSERT_AFTER (its snippet ends at <paramref name="t"/>) or INSERT_BEFORE (starts at it).</summary>
    public LocatorChoice? ForPoint(int t, bool after)
    {
        for (int n = 1; n <= MaxPart; n++)
        {
            int from = after ? t - n + 1 : t;
            if (from < boundary || from + n > current.Count)
            {
                break;
            }

            if (Unique(current.Slice(from, n)))
            {
                return new LocatorChoice(new CompactSpan(from, n));
            }
        }

        return WithAnchor(t, a => FirstAfter(a, current.Slice(t, 1)) == t ? new LocatorChoice(new CompactSpan(t, 1), a) : null);
    }

    private LocatorChoice? Best(int p, int q, CompactSpan? anchor)
    {
        int r = q - p + 1;
        LocatorChoice? best = Found(current.Slice(p, r), p, anchor) ? new LocatorChoice(new CompactSpan(p, r), anchor) : null;
        for (int k = 1; k < r && k <= MaxPart; k++)
        {
            if (best is not null && k + 1 + (anchor?.Count ?? 0) >= best.Cost)
            {
                break;
            }

            var snippet = current.Slice(p, k);
            if (!Found(snippet, p, anchor))
            {
                continue;
            }

            for (int j = 1; j <= r - k && j <= MaxPart; j++)
            {
                var tail = current.Slice(q - j + 1, j);
                if (!IsSuffix(tail, snippet) && !tail.AsSpan().SequenceEqual(_contentKeys) && current.First(tail, p + k) == q - j + 1)
                {
                    var range = new LocatorChoice(new CompactSpan(p, k), anchor, new CompactSpan(q - j + 1, j));
                    if (best is null || range.Cost < best.Cost)
                    {
                        best = range;
                    }

                    break;
                }
            }
        }

        return best;
    }

    // Unique on its own, or (with an anchor) the first match after the anchor's start.
    private bool Found(string[] snippet, int at, CompactSpan? anchor) =>
        anchor is { } a ? FirstAfter(a, snippet) == at && !Overlaps(a, snippet) : Unique(snippet);

    private LocatorChoice? WithAnchor(int target, Func<CompactSpan, LocatorChoice?> tryAnchor)
    {
        for (int b = target - 1; b >= boundary && b >= target - AnchorReach; b--)
        {
            for (int n = 1; n <= 3 && b - n + 1 >= boundary; n++)
            {
                var anchor = new CompactSpan(b - n + 1, n);
                if (Unique(current.Slice(anchor.From, n)) && tryAnchor(anchor) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    // The search begins at the anchor's first line, not after it: patchers widen the scope so when anchor and snippet
    // overlap (spec 3.6), and a match inside the anchor must not win.
    private int FirstAfter(CompactSpan anchor, string[] snippet) => current.First(snippet, anchor.From);

    private bool Overlaps(CompactSpan anchor, string[] snippet)
    {
        string a = string.Join('\n', current.Slice(anchor.From, anchor.Count));
        string s = string.Join('\n', snippet);
        return a.Contains(s, StringComparison.Ordinal) || s.Contains(a, StringComparison.Ordinal);
    }

    private bool Unique(string[] seq) => current.Occurrences(seq) == 1 && original.Occurrences(seq) <= 1;

    // Patchers treat a tail that repeats the snippet's end as an AI slip and drop it (spec 3.6).
    private static bool IsSuffix(string[] tail, string[] snippet) =>
        string.Join('\n', snippet).EndsWith(string.Join('\n', tail), StringComparison.Ordinal);
}
