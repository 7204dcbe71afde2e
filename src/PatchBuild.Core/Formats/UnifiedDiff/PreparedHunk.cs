using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>A hunk's two sides as arrays, with their line hashes and the length of context at each edge (what fuzz may drop).</summary>
internal sealed class PreparedHunk
{
    /// <param name="lenient">
    /// Compare lines as text rather than bytes: without the CR before the newline and without a byte order mark, for
    /// a diff whose line endings are not the file's (an LF diff of a CRLF file, which git apply refuses).
    /// </param>
    public PreparedHunk(DiffHunk hunk, bool lenient = false)
    {
        Hunk = hunk;
        var lines = hunk.Lines;
        Old = new HunkSide(SideOf(lines, DiffLineKind.Added, lenient), hunk.OldStart);
        New = new HunkSide(SideOf(lines, DiffLineKind.Removed, lenient), hunk.NewStart);
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

    // What DiffHunk.OldSide / NewSide give, sized up front (large hunks are common in big diffs), as places in the
    // patch's text rather than strings of their own.
    private static ReadOnlyMemory<char>[] SideOf(IReadOnlyList<DiffLine> lines, DiffLineKind without, bool lenient)
    {
        int count = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != without)
            {
                count++;
            }
        }

        var side = new ReadOnlyMemory<char>[count];
        int at = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != without)
            {
                side[at++] = lenient ? AsText(lines[i].AsMemory()) : lines[i].AsMemory();
            }
        }

        return side;
    }

    private static ReadOnlyMemory<char> AsText(ReadOnlyMemory<char> line)
    {
        line = line.Span.EndsWith('\r') ? line[..^1] : line;
        return line.Span.StartsWith('\uFEFF') ? line[1..] : line;
    }
}

internal sealed class HunkSide
{
    private int[]? _hashes;

    public HunkSide(ReadOnlyMemory<char>[] lines, int statedStart)
    {
        Lines = lines;
        // "-5,0" means "after line 5": an empty side sits before index 5; a non-empty one starts at index 4.
        StatedIndex = lines.Length == 0 ? statedStart : Math.Max(0, statedStart - 1);
    }

    public ReadOnlyMemory<char>[] Lines { get; }

    /// <summary>Made when a search first needs them: a hunk found where it says is checked line by line.</summary>
    public int[] Hashes => _hashes ??= LineHashes.Of(Lines);

    public int StatedIndex { get; }
}

internal static class LineHashes
{
    public static int[] Of(ReadOnlyMemory<char>[] lines)
    {
        var hashes = new int[lines.Length];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = string.GetHashCode(lines[i].Span);
        }

        return hashes;
    }
}
