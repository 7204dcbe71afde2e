namespace PatchBuild.Core.Formats.Codex;

/// <summary>How loosely a chunk's lines had to be compared to find them.</summary>
public enum ChunkMatchLevel
{
    Exact,
    IgnoringTrailingWhitespace,
    IgnoringWhitespace,
    NormalisingPunctuation,
}

/// <summary>
/// Finds a run of lines at or below a start line, the way Codex does: one pass over the whole remaining file per
/// level, strictest first, so an exact match further down wins over a loose one above. A search anchored at the
/// end of the file tries only the last lines.
/// </summary>
/// <remarks>
/// A pass does not walk the file: each level keeps, built on first use, the positions of every line under that
/// level's comparison key, so a chunk costs its candidate positions below the cursor, not the rest of the file. A
/// 1,000-chunk patch whose "@@" headers are written without the file's indentation would otherwise scan 100,000
/// lines exactly, in vain, once per chunk before the whitespace-insensitive pass finds each header.
/// </remarks>
public sealed class CodexLineMatcher(IReadOnlyList<string> lines)
{
    private readonly Dictionary<string, List<int>>?[] _positions = new Dictionary<string, List<int>>?[(int)ChunkMatchLevel.NormalisingPunctuation + 1];

    public (int Index, ChunkMatchLevel Level) Seek(IReadOnlyList<string> pattern, int start, bool endOfFile, ChunkMatchLevel loosest)
    {
        if (pattern.Count == 0)
        {
            return (start, ChunkMatchLevel.Exact);
        }

        int last = lines.Count - pattern.Count;
        if (last < 0)
        {
            return (-1, ChunkMatchLevel.Exact);
        }

        int first = endOfFile ? last : start;
        for (var level = ChunkMatchLevel.Exact; level <= loosest; level++)
        {
            if (!PositionsOf(level).TryGetValue(Key(pattern[0], level), out var candidates))
            {
                continue;
            }

            for (int c = LowerBound(candidates, first); c < candidates.Count && candidates[c] <= last; c++)
            {
                if (MatchesAt(pattern, candidates[c], level))
                {
                    return (candidates[c], level);
                }
            }
        }

        return (-1, ChunkMatchLevel.Exact);
    }

    public static string Describe(ChunkMatchLevel level) => level switch
    {
        ChunkMatchLevel.IgnoringTrailingWhitespace => "ignoring trailing whitespace",
        ChunkMatchLevel.IgnoringWhitespace => "ignoring leading and trailing whitespace",
        ChunkMatchLevel.NormalisingPunctuation => "ignoring whitespace and treating typographic dashes, quotes and spaces as their ASCII forms",
        _ => "exactly",
    };

    private Dictionary<string, List<int>> PositionsOf(ChunkMatchLevel level)
    {
        if (_positions[(int)level] is { } built)
        {
            return built;
        }

        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Count; i++)
        {
            string key = Key(lines[i], level);
            if (!positions.TryGetValue(key, out var list))
            {
                list = [];
                positions[key] = list;
            }

            list.Add(i);
        }

        _positions[(int)level] = positions;
        return positions;
    }

    private static int LowerBound(List<int> sorted, int value)
    {
        int index = sorted.BinarySearch(value);
        return index >= 0 ? index : ~index;
    }

    // The line as the level compares it: two lines are the same at a level exactly when their keys are equal.
    private static string Key(string line, ChunkMatchLevel level) => level switch
    {
        ChunkMatchLevel.Exact => line,
        ChunkMatchLevel.IgnoringTrailingWhitespace => line.TrimEnd(),
        ChunkMatchLevel.IgnoringWhitespace => line.Trim(),
        _ => string.Create(line.AsSpan().Trim().Length, line, static (span, source) =>
        {
            var trimmed = source.AsSpan().Trim();
            for (int i = 0; i < trimmed.Length; i++)
            {
                span[i] = Ascii(trimmed[i]);
            }
        }),
    };

    private bool MatchesAt(IReadOnlyList<string> pattern, int at, ChunkMatchLevel level)
    {
        for (int k = 1; k < pattern.Count; k++)
        {
            if (!Same(lines[at + k], pattern[k], level))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(string line, string wanted, ChunkMatchLevel level) => level switch
    {
        ChunkMatchLevel.Exact => string.Equals(line, wanted, StringComparison.Ordinal),
        ChunkMatchLevel.IgnoringTrailingWhitespace => line.AsSpan().TrimEnd().SequenceEqual(wanted.AsSpan().TrimEnd()),
        ChunkMatchLevel.IgnoringWhitespace => line.AsSpan().Trim().SequenceEqual(wanted.AsSpan().Trim()),
        _ => SamePunctuation(line.AsSpan().Trim(), wanted.AsSpan().Trim()),
    };

    private static bool SamePunctuation(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && Ascii(a[i]) != Ascii(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    // The typographic characters models and editors swap for ASCII ones.
    private static char Ascii(char c) => c switch
    {
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        '\u2018' or '\u2019' or '\u201A' or '\u201B' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' => '"',
        '\u00A0' or '\u2002' or '\u2003' or '\u2004' or '\u2005' or '\u2006' or '\u2007' or '\u2008' or '\u2009' or '\u200A'
            or '\u202F' or '\u205F' or '\u3000' => ' ',
        _ => c,
    };
}
