namespace PatchBuild.Core.Reporting;

/// <summary>A run of lines that differ: <c>DeleteCount</c> old lines at <c>DeleteStart</c> became <c>InsertCount</c> new lines at <c>InsertStart</c>.</summary>
internal readonly record struct LineChange(int DeleteStart, int DeleteCount, int InsertStart, int InsertCount);

/// <summary>
/// A line diff whose cost stays near linear on any input: common ends are trimmed, then lines that occur once on
/// each side anchor the rest (patience diff, their longest increasing run); gaps without anchors are diffed
/// exactly when small and replaced whole when large. Myers-style diffs cost O(N·D) and a rewritten or shuffled
/// large file makes that quadratic, which a dry run of an untrusted patch must never be.
/// </summary>
internal static class LineDiff
{
    private const long ExactGapBudget = 250_000;

    public static List<LineChange> Compute(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        var matches = new List<(int Old, int New)>();
        var pending = new Stack<(int OldLo, int OldHi, int NewLo, int NewHi)>();
        pending.Push((0, oldLines.Count, 0, newLines.Count));
        long work = 0;
        long workBudget = 64L * (oldLines.Count + newLines.Count + 1024);
        while (pending.Count > 0)
        {
            var (oldLo, oldHi, newLo, newHi) = pending.Pop();
            while (oldLo < oldHi && newLo < newHi && oldLines[oldLo] == newLines[newLo])
            {
                matches.Add((oldLo++, newLo++));
            }

            while (oldLo < oldHi && newLo < newHi && oldLines[oldHi - 1] == newLines[newHi - 1])
            {
                matches.Add((--oldHi, --newHi));
            }

            if (oldLo == oldHi || newLo == newHi)
            {
                continue;
            }

            work += (oldHi - oldLo) + (newHi - newLo);
            var anchors = work <= workBudget ? UniqueAnchors(oldLines, oldLo, oldHi, newLines, newLo, newHi) : [];
            if (anchors.Count == 0)
            {
                if ((long)(oldHi - oldLo) * (newHi - newLo) <= ExactGapBudget)
                {
                    ExactMatches(oldLines, oldLo, oldHi, newLines, newLo, newHi, matches);
                }

                continue;
            }

            int prevOld = oldLo, prevNew = newLo;
            foreach (var (o, n) in anchors)
            {
                pending.Push((prevOld, o, prevNew, n));
                matches.Add((o, n));
                prevOld = o + 1;
                prevNew = n + 1;
            }

            pending.Push((prevOld, oldHi, prevNew, newHi));
        }

        matches.Sort();
        return Changes(matches, oldLines.Count, newLines.Count);
    }

    // Lines that occur exactly once in both ranges, kept in the longest run whose new positions increase with the old.
    private static List<(int Old, int New)> UniqueAnchors(IReadOnlyList<string> a, int aLo, int aHi, IReadOnlyList<string> b, int bLo, int bHi)
    {
        var counts = new Dictionary<string, (int InOld, int OldIndex, int InNew, int NewIndex)>(StringComparer.Ordinal);
        for (int i = aLo; i < aHi; i++)
        {
            counts[a[i]] = counts.TryGetValue(a[i], out var c) ? c with { InOld = c.InOld + 1 } : (1, i, 0, -1);
        }

        for (int j = bLo; j < bHi; j++)
        {
            if (counts.TryGetValue(b[j], out var c))
            {
                counts[b[j]] = c with { InNew = c.InNew + 1, NewIndex = j };
            }
        }

        var pairs = counts.Values.Where(c => c.InOld == 1 && c.InNew == 1).Select(c => (c.OldIndex, c.NewIndex)).ToList();
        pairs.Sort();
        return LongestIncreasing(pairs);
    }

    private static List<(int Old, int New)> LongestIncreasing(List<(int Old, int New)> pairs)
    {
        var tails = new List<int>();
        var previous = new int[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (pairs[tails[mid]].New < pairs[i].New)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count)
            {
                tails.Add(i);
            }
            else
            {
                tails[lo] = i;
            }
        }

        var result = new List<(int Old, int New)>(tails.Count);
        for (int i = tails.Count > 0 ? tails[^1] : -1; i >= 0; i = previous[i])
        {
            result.Add(pairs[i]);
        }

        result.Reverse();
        return result;
    }

    // Longest common subsequence by dynamic programming: only for gaps small enough that n·m is cheap.
    private static void ExactMatches(IReadOnlyList<string> a, int aLo, int aHi, IReadOnlyList<string> b, int bLo, int bHi, List<(int Old, int New)> matches)
    {
        int n = aHi - aLo, m = bHi - bLo;
        var table = new int[(n + 1) * (m + 1)];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                table[(i * (m + 1)) + j] = a[aLo + i] == b[bLo + j]
                    ? table[((i + 1) * (m + 1)) + j + 1] + 1
                    : Math.Max(table[((i + 1) * (m + 1)) + j], table[(i * (m + 1)) + j + 1]);
            }
        }

        for (int i = 0, j = 0; i < n && j < m;)
        {
            if (a[aLo + i] == b[bLo + j])
            {
                matches.Add((aLo + i++, bLo + j++));
            }
            else if (table[((i + 1) * (m + 1)) + j] >= table[(i * (m + 1)) + j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
    }

    private static List<LineChange> Changes(List<(int Old, int New)> matches, int oldCount, int newCount)
    {
        var changes = new List<LineChange>();
        int oldPos = 0, newPos = 0;
        foreach (var (o, n) in matches.Append((oldCount, newCount)))
        {
            if (o > oldPos || n > newPos)
            {
                changes.Add(new LineChange(oldPos, o - oldPos, newPos, n - newPos));
            }

            oldPos = o + 1;
            newPos = n + 1;
        }

        return changes;
    }
}
