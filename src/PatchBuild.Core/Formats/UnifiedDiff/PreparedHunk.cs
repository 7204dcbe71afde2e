using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>A hunk's two sides as arrays, with their line hashes and the length of context at each edge (what fuzz may drop).</summary>
internal sealed class PreparedHunk
{
    public PreparedHunk(DiffHunk hunk)
    {
        Hunk = hunk;
        var lines = hunk.Lines;
        Old = new HunkSide(SideOf(lines, DiffLineKind.Added), hunk.OldStart);
        New = new HunkSide(SideOf(lines, DiffLineKind.Removed), hunk.NewStart);
        while (LeadingContext < lines.Count && lines[LeadingContext].Kind == DiffLineKind.Context)
        {
            LeadingContext++;
        }

        while (TrailingContext < lines.Count - LeadingContext && lines[lines.Count - 1 - TrailingContext].Kind == DiffLineKind.Context)
        {
            TrailingContext++;
        }
    }

    public DiffHunk Hunk { get; }
    public HunkSide Old { get; }
    public HunkSide New { get; }
    public int LeadingContext { get; }
    public int TrailingContext { get; }

    public HunkSide Side(bool newSide) => newSide ? New : Old;

    // What DiffHunk.OldSide / NewSide give, sized up front: large hunks are common in big diffs.
    private static string[] SideOf(IReadOnlyList<DiffLine> lines, DiffLineKind without)
    {
        int count = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != without)
            {
                count++;
            }
        }

        var side = new string[count];
        int at = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != without)
            {
                side[at++] = lines[i].Text;
            }
        }

        return side;
    }
}

internal sealed class HunkSide
{
    public HunkSide(string[] lines, int statedStart)
    {
        Lines = lines;
        Hashes = LineHashes.Of(lines);
        // "-5,0" means "after line 5": an empty side sits before index 5; a non-empty one starts at index 4.
        StatedIndex = lines.Length == 0 ? statedStart : Math.Max(0, statedStart - 1);
    }

    public string[] Lines { get; }
    public int[] Hashes { get; }
    public int StatedIndex { get; }
}

internal static class LineHashes
{
    public static int[] Of(IReadOnlyList<string> lines)
    {
        var hashes = new int[lines.Count];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = string.GetHashCode(lines[i].AsSpan());
        }

        return hashes;
    }
}
