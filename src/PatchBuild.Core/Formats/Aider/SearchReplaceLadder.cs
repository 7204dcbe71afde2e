namespace PatchBuild.Core.Formats.Aider;

/// <summary>How a block's SEARCH text was found; each rung is tried over the whole file before the next.</summary>
internal enum SearchRung
{
    Exact,
    IndentationOffset,
    BlankFirstLineDropped,
    BlankFirstLineDroppedWithIndentationOffset,
    Elision,
}

/// <summary>Where a SEARCH text sits in the file and the lines that take its place.</summary>
internal sealed record SearchMatch(SearchRung Rung, int Start, int Length, IReadOnlyList<string> Replacement, int Occurrences);

/// <summary>
/// Aider's matching ladder on lines (without their endings, so a CRLF file matches an LF answer): exact; then the
/// same lines shifted by one uniform indentation, the REPLACE lines shifted alike; then both again without a blank
/// first SEARCH line; the first occurrence wins. Elision ("..." lines) is separate: see <see cref="ElisionEdit"/>.
/// </summary>
internal static class SearchReplaceLadder
{
    public static SearchMatch? Find(List<string> file, IReadOnlyList<string> search, IReadOnlyList<string> replace)
    {
        if (FindExact(file, search, replace, SearchRung.Exact) is { } exact)
        {
            return exact;
        }

        if (FindShifted(file, search, replace, SearchRung.IndentationOffset) is { } shifted)
        {
            return shifted;
        }

        // Models add a spurious blank line after the SEARCH marker (Aider requires more than two lines to try this).
        if (search.Count > 2 && string.IsNullOrWhiteSpace(search[0]))
        {
            var rest = search.Skip(1).ToList();
            return FindExact(file, rest, replace, SearchRung.BlankFirstLineDropped)
                ?? FindShifted(file, rest, replace, SearchRung.BlankFirstLineDroppedWithIndentationOffset);
        }

        return null;
    }

    /// <summary>Every start where the lines equal <paramref name="search"/>, in order.</summary>
    public static List<int> Occurrences(List<string> file, IReadOnlyList<string> search)
    {
        var starts = new List<int>();
        if (search.Count == 0)
        {
            return starts;
        }

        string first = search[0];
        for (int i = 0; i + search.Count <= file.Count; i++)
        {
            if (string.Equals(file[i], first, StringComparison.Ordinal) && EqualAt(file, i, search))
            {
                starts.Add(i);
            }
        }

        return starts;
    }

    private static SearchMatch? FindExact(List<string> file, IReadOnlyList<string> search, IReadOnlyList<string> replace, SearchRung rung)
    {
        var starts = Occurrences(file, search);
        return starts.Count == 0 ? null : new SearchMatch(rung, starts[0], search.Count, replace, starts.Count);
    }

    private static bool EqualAt(List<string> file, int start, IReadOnlyList<string> search)
    {
        for (int k = 1; k < search.Count; k++)
        {
            if (!string.Equals(file[start + k], search[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Both sides lose the indentation they share (so an answer indented deeper than the file still matches), then
    // the file's lines must be one whitespace prefix plus the SEARCH line, the same prefix on every non-blank line.
    private static SearchMatch? FindShifted(List<string> file, IReadOnlyList<string> search, IReadOnlyList<string> replace, SearchRung rung)
    {
        if (search.Count == 0 || search.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        int shared = search.Concat(replace).Where(l => !string.IsNullOrWhiteSpace(l)).Min(LeadingWhitespace);
        var part = search.Select(l => Outdent(l, shared)).ToList();
        int anchor = part.FindIndex(l => !string.IsNullOrWhiteSpace(l));
        string anchorText = part[anchor];

        int found = 0, firstStart = -1;
        string? firstPrefix = null;
        for (int i = 0; i + part.Count <= file.Count; i++)
        {
            string candidate = file[i + anchor];
            if (candidate.Length < anchorText.Length || !candidate.EndsWith(anchorText, StringComparison.Ordinal))
            {
                continue;
            }

            if (PrefixAt(file, i, part) is { } prefix)
            {
                found++;
                if (firstStart < 0)
                {
                    firstStart = i;
                    firstPrefix = prefix;
                }
            }
        }

        if (firstStart < 0)
        {
            return null;
        }

        var replacement = replace.Select(l => string.IsNullOrWhiteSpace(l) ? l : firstPrefix + Outdent(l, shared)).ToList();
        return new SearchMatch(rung, firstStart, part.Count, replacement, found);
    }

    private static string? PrefixAt(List<string> file, int start, List<string> part)
    {
        string? prefix = null;
        for (int k = 0; k < part.Count; k++)
        {
            string line = file[start + k];
            if (string.IsNullOrWhiteSpace(part[k]))
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    return null;
                }

                continue;
            }

            if (!line.EndsWith(part[k], StringComparison.Ordinal))
            {
                return null;
            }

            var own = line.AsSpan(0, line.Length - part[k].Length);
            if (!own.IsWhiteSpace() || (prefix is not null && !own.SequenceEqual(prefix)))
            {
                return null;
            }

            prefix ??= own.ToString();
        }

        return prefix;
    }

    private static int LeadingWhitespace(string line)
    {
        int n = 0;
        while (n < line.Length && char.IsWhiteSpace(line[n]))
        {
            n++;
        }

        return n;
    }

    private static string Outdent(string line, int count) => string.IsNullOrWhiteSpace(line) ? line : line[count..];
}
