namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>Where one hunk goes: the index its whole side would start at, and the edge context lines fuzz ignored.</summary>
/// <c>MissedEdge</c>: the hunk's context says it sits at the start or end of the file (less context on that side
/// than on the other, as diff writes there), but it was placed elsewhere.
internal readonly record struct HunkPlacement(int Start, int IgnoredLeading, int IgnoredTrailing, int Fuzz, int Offset, int Deviation, bool MissedEdge);

/// <summary>The hunks placed in order, or the first one that could not be.</summary>
internal sealed class PlacementResult
{
    public List<HunkPlacement> Placements { get; } = [];

    /// <summary>Index of the first hunk that matched nowhere; -1 when all were placed.</summary>
    public int FailedHunk { get; set; } = -1;

    /// <summary>Where the failed hunk was looked for first (0-based), after the offsets of the hunks before it.</summary>
    public int FailedExpected { get; set; }

    public bool AllPlaced => FailedHunk < 0;

    public bool Exact => AllPlaced && Placements.All(p => p.Offset == 0 && p.Fuzz == 0 && !p.MissedEdge);

    public int MissedEdges => Placements.Count(p => p.MissedEdge);

    /// <summary>How far the hunks landed from where the previous ones led to expect them, in lines.</summary>
    public long TotalDeviation => Placements.Sum(p => (long)Math.Abs(p.Deviation));
}

/// <summary>
/// Places hunks like GNU patch: each at its stated line shifted by the offset the previous hunk needed, else at
/// the nearest line where it matches, never before the end of the previous hunk. Fuzz (dropping up to N context
/// lines at each edge) is tried only when no exact match exists anywhere.
/// </summary>
internal static class HunkPlacer
{
    public static PlacementResult Place(TargetLines target, IReadOnlyList<PreparedHunk> hunks, bool newSide, int maxFuzz)
    {
        var result = new PlacementResult();
        int delta = 0, min = 0;
        for (int k = 0; k < hunks.Count; k++)
        {
            var hunk = hunks[k];
            var side = hunk.Side(newSide);
            int length = side.Lines.Length;
            // A hunk without line numbers goes to the first place its context matches after the previous hunk.
            bool numberless = hunk.Hunk.Numberless;
            int expected = numberless ? min : side.StatedIndex + delta;
            bool placed = false;
            for (int fuzz = 0; fuzz <= Math.Max(0, maxFuzz) && !placed; fuzz++)
            {
                int leading = Math.Min(fuzz, hunk.LeadingContext);
                int trailing = Math.Min(fuzz, hunk.TrailingContext);
                // Past the longer edge's context, more fuzz ignores nothing more; and something must be left to match.
                if ((fuzz > 0 && fuzz > Math.Max(hunk.LeadingContext, hunk.TrailingContext)) || (length > 0 && leading + trailing >= length))
                {
                    break;
                }

                int position = target.FindNearest(side, leading, length - trailing, expected + leading, min);
                if (position < 0)
                {
                    continue;
                }

                int start = position - leading;
                bool missedEdge = !numberless &&
                                  ((hunk.LeadingContext < hunk.TrailingContext && start != 0) ||
                                   (hunk.TrailingContext < hunk.LeadingContext && start + length != target.Count));
                result.Placements.Add(new HunkPlacement(start, leading, trailing, fuzz, numberless ? 0 : start - side.StatedIndex, start - expected, missedEdge));
                delta = numberless ? delta : start - side.StatedIndex;
                min = position + (length - leading - trailing);
                placed = true;
            }

            if (!placed)
            {
                result.FailedHunk = k;
                result.FailedExpected = expected;
                return result;
            }
        }

        return result;
    }
}
