using DiffPlex;
using DiffPlex.Model;

namespace PatchBuild.Core.History.Merge;

/// <summary>
/// A diff3-style line merge: each side is diffed against the base; hunks of the two sides whose base ranges overlap
/// (or insert at the same place) form one region. A region only one side touched takes that side; a region both
/// touched alike takes it once; anything else is a conflict. Changes that merely touch end to start do not conflict.
/// </summary>
public static class ThreeWayMerge
{
    public abstract record Chunk;

    public sealed record Stable(IReadOnlyList<string> Lines) : Chunk;

    public sealed record Overlap(IReadOnlyList<string> Base, IReadOnlyList<string> Ours, IReadOnlyList<string> Theirs, int OursLine) : Chunk;

    private readonly record struct Hunk(int Start, int End, int NewStart, int NewCount, bool IsOurs);

    public static IReadOnlyList<Chunk> Merge(IReadOnlyList<string> baseLines, IReadOnlyList<string> ours, IReadOnlyList<string> theirs)
    {
        var ourHunks = Hunks(baseLines, ours, isOurs: true);
        var theirHunks = Hunks(baseLines, theirs, isOurs: false);
        var all = ourHunks.Concat(theirHunks).OrderBy(h => h.Start).ThenBy(h => h.End).ToList();

        var chunks = new List<Chunk>();
        var stable = new List<string>();
        int position = 0;
        int oursPosition = 0; // line index in ours matching `position` in base, for conflict line numbers
        int i = 0;
        while (i < all.Count)
        {
            int regionStart = all[i].Start;
            int regionEnd = all[i].End;
            int j = i + 1;
            while (j < all.Count && Overlaps(regionStart, regionEnd, all[j]))
            {
                regionEnd = Math.Max(regionEnd, all[j].End);
                j++;
            }

            var region = all.GetRange(i, j - i);
            for (; position < regionStart; position++, oursPosition++)
            {
                stable.Add(baseLines[position]);
            }

            var oursSide = Side(baseLines, ours, region.Where(h => h.IsOurs), regionStart, regionEnd);
            var theirsSide = Side(baseLines, theirs, region.Where(h => !h.IsOurs), regionStart, regionEnd);
            bool oursChanged = region.Any(h => h.IsOurs);
            bool theirsChanged = region.Any(h => !h.IsOurs);
            if (!theirsChanged || (oursChanged && oursSide.SequenceEqual(theirsSide, StringComparer.Ordinal)))
            {
                stable.AddRange(oursSide);
            }
            else if (!oursChanged)
            {
                stable.AddRange(theirsSide);
            }
            else
            {
                if (stable.Count > 0)
                {
                    chunks.Add(new Stable(stable));
                    stable = [];
                }

                chunks.Add(new Overlap(Slice(baseLines, regionStart, regionEnd), oursSide, theirsSide, oursPosition + 1));
            }

            oursPosition += oursSide.Count;
            position = regionEnd;
            i = j;
        }

        for (; position < baseLines.Count; position++)
        {
            stable.Add(baseLines[position]);
        }

        if (stable.Count > 0)
        {
            chunks.Add(new Stable(stable));
        }

        return chunks;
    }

    // Overlapping base ranges conflict; so does an insertion at a point inside or at the edge of the other range,
    // because the order of the two sides' lines there cannot be known.
    private static bool Overlaps(int start, int end, Hunk next)
    {
        if (next.Start < end)
        {
            return true;
        }

        bool eitherIsInsertion = start == end || next.Start == next.End;
        return eitherIsInsertion && next.Start == end;
    }

    private static List<string> Side(IReadOnlyList<string> baseLines, IReadOnlyList<string> side, IEnumerable<Hunk> hunks, int start, int end)
    {
        var lines = new List<string>();
        int position = start;
        foreach (var hunk in hunks.OrderBy(h => h.Start))
        {
            for (; position < hunk.Start; position++)
            {
                lines.Add(baseLines[position]);
            }

            for (int k = 0; k < hunk.NewCount; k++)
            {
                lines.Add(side[hunk.NewStart + k]);
            }

            position = Math.Max(position, hunk.End);
        }

        for (; position < end; position++)
        {
            lines.Add(baseLines[position]);
        }

        return lines;
    }

    private static List<Hunk> Hunks(IReadOnlyList<string> baseLines, IReadOnlyList<string> side, bool isOurs)
    {
        // Each line becomes one '\n'-separated piece with a marker prefix, so empty lines and empty files stay
        // distinct and DiffPlex's pieces map one to one onto our lines.
        static string Encode(IReadOnlyList<string> lines) => string.Join('\n', lines.Select(l => "|" + l));
        static string[] Chunk(string text) => text.Length == 0 ? [] : text.Split('\n');

        DiffResult diff = new Differ().CreateCustomDiffs(Encode(baseLines), Encode(side), ignoreWhiteSpace: false, Chunk);
        return diff.DiffBlocks
            .Select(b => new Hunk(b.DeleteStartA, b.DeleteStartA + b.DeleteCountA, b.InsertStartB, b.InsertCountB, isOurs))
            .ToList();
    }

    private static List<string> Slice(IReadOnlyList<string> lines, int start, int end)
    {
        var result = new List<string>(end - start);
        for (int k = start; k < end; k++)
        {
            result.Add(lines[k]);
        }

        return result;
    }
}
