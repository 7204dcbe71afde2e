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
public static class CodexLineMatcher
{
    public static (int Index, ChunkMatchLevel Level) Seek(IReadOnlyList<string> lines, IReadOnlyList<string> pattern, int start, bool endOfFile, ChunkMatchLevel loosest)
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
            for (int i = first; i <= last; i++)
            {
                if (MatchesAt(lines, pattern, i, level))
                {
                    return (i, level);
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

    private static bool MatchesAt(IReadOnlyList<string> lines, IReadOnlyList<string> pattern, int at, ChunkMatchLevel level)
    {
        for (int k = 0; k < pattern.Count; k++)
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
