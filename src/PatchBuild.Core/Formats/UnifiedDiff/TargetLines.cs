using PatchBuild.Core.Matching;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// The file a diff applies to, with the searches hunks need. Finding a hunk away from its stated line is one
/// rolling-hash pass over the file (linear, whatever the hunk's size), not a comparison at every position, so no
/// crafted diff can make the search quadratic.
/// </summary>
/// <remarks>
/// Lines are read as spans of the file's text where it was parsed whole (<see cref="SourceLines"/>), and hashed only
/// when a search needs the hashes: a git diff's hunks nearly always sit where they say, and checking a place compares
/// the lines themselves.
/// </remarks>
internal sealed class TargetLines
{
    private const ulong Base = 1_000_003;

    private int[]? _hashes;

    public TargetLines(SourceLines lines)
    {
        Lines = lines;
    }

    public SourceLines Lines { get; }

    public int[] Hashes => _hashes ??= HashLines();

    public int Count => Lines.Count;

    private int[] HashLines()
    {
        var hashes = new int[Count];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = string.GetHashCode(Lines.Span(i));
        }

        return hashes;
    }

    /// <summary>True when side lines [from, to) equal the file's lines from <paramref name="position"/>.</summary>
    public bool MatchesAt(int position, HunkSide side, int from, int to)
    {
        if (position < 0 || position + (to - from) > Count)
        {
            return false;
        }

        for (int i = from; i < to; i++)
        {
            int t = position + i - from;
            if (!Lines.Span(t).SequenceEqual(side.Lines[i].Span))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The position at or after <paramref name="min"/> nearest to <paramref name="expected"/> where side lines
    /// [from, to) occur, preferring the earlier of two equally near ones; -1 when there is none.
    /// </summary>
    public int FindNearest(HunkSide side, int from, int to, int expected, int min)
    {
        int length = to - from;
        int max = Count - length;
        if (max < min)
        {
            return -1;
        }

        int start = Math.Clamp(expected, min, max);
        if (length == 0 || MatchesAt(start, side, from, to))
        {
            return start;
        }

        ulong pattern = 0, window = 0, topWeight = 1;
        for (int i = 0; i < length; i++)
        {
            pattern = (pattern * Base) + (uint)side.Hashes[from + i];
            window = (window * Base) + (uint)Hashes[min + i];
            if (i > 0)
            {
                topWeight *= Base;
            }
        }

        int best = -1;
        for (int p = min; ; p++)
        {
            if (best >= 0 && p - start > Math.Abs(best - start))
            {
                break;
            }

            if (window == pattern && MatchesAt(p, side, from, to) && (best < 0 || Math.Abs(p - start) < Math.Abs(best - start)))
            {
                best = p;
            }

            if (p == max)
            {
                break;
            }

            window = ((window - ((uint)Hashes[p] * topWeight)) * Base) + (uint)Hashes[p + length];
        }

        return best;
    }

    /// <summary>
    /// Where side lines look most alike (most lines equal at the same offsets), searched outward from
    /// <paramref name="expected"/> within a work budget so a failing hunk stays cheap to report.
    /// </summary>
    public (int Position, int Equal) Closest(HunkSide side, int expected, long budget = 4_000_000)
    {
        int length = side.Lines.Length;
        int max = Math.Max(0, Count - length);
        int start = Math.Clamp(expected, 0, max);
        int bestPosition = start, bestEqual = -1;
        long work = 0;
        for (int distance = 0; distance <= max && work < budget; distance++)
        {
            foreach (int p in distance == 0 ? [start] : new[] { start - distance, start + distance })
            {
                if (p < 0 || p > max)
                {
                    continue;
                }

                int equal = 0;
                for (int i = 0; i < length && p + i < Count; i++)
                {
                    if (Hashes[p + i] == side.Hashes[i] && Lines.Span(p + i).SequenceEqual(side.Lines[i].Span))
                    {
                        equal++;
                    }
                }

                work += length;
                if (equal > bestEqual)
                {
                    bestEqual = equal;
                    bestPosition = p;
                }
            }
        }

        return (bestPosition, Math.Max(0, bestEqual));
    }
}
