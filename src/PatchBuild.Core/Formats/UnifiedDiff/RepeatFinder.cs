namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// Answers "do these hunk lines occur again after the place they were put?" for every numberless hunk of a file at
/// once. One rolling-hash pass over the file per distinct hunk length records the last position of each window, so
/// the check costs the file's length times the number of distinct lengths, never the file's length per hunk: a diff
/// of many small numberless hunks cannot make it quadratic.
/// </summary>
internal static class RepeatFinder
{
    private const ulong Base = 1_000_003;

    /// <param name="spans">Per hunk: its side, the first and past-the-last side line that matched, and where that matched in the file.</param>
    /// <returns>Per hunk, the 0-based position of a later occurrence, or -1.</returns>
    public static int[] LaterOccurrences(TargetLines target, IReadOnlyList<(HunkSide Side, int From, int To, int At)> spans)
    {
        var later = new int[spans.Count];
        Array.Fill(later, -1);
        foreach (var group in Enumerable.Range(0, spans.Count).GroupBy(i => spans[i].To - spans[i].From))
        {
            int length = group.Key;
            if (length == 0 || length > target.Count)
            {
                continue;
            }

            var last = LastWindowPositions(target.Hashes, length);
            foreach (int i in group)
            {
                var (side, from, to, at) = spans[i];
                if (!last.TryGetValue(WindowHash(side.Hashes, from, length), out int position) || position <= at)
                {
                    // Every real occurrence has this hash, so none lies after the last window that has it.
                    continue;
                }

                later[i] = target.MatchesAt(position, side, from, to) ? position : target.FindNearest(side, from, to, at + 1, at + 1);
            }
        }

        return later;
    }

    private static Dictionary<ulong, int> LastWindowPositions(int[] hashes, int length)
    {
        var last = new Dictionary<ulong, int>();
        ulong window = 0, topWeight = 1;
        for (int i = 0; i < length; i++)
        {
            window = (window * Base) + (uint)hashes[i];
            topWeight = i > 0 ? topWeight * Base : topWeight;
        }

        for (int p = 0; ; p++)
        {
            last[window] = p;
            if (p + length >= hashes.Length)
            {
                return last;
            }

            window = ((window - ((uint)hashes[p] * topWeight)) * Base) + (uint)hashes[p + length];
        }
    }

    private static ulong WindowHash(int[] hashes, int from, int length)
    {
        ulong hash = 0;
        for (int i = 0; i < length; i++)
        {
            hash = (hash * Base) + (uint)hashes[from + i];
        }

        return hash;
    }
}
