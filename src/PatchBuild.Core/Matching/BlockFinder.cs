namespace PatchBuild.Core.Matching;

/// <summary>
/// Finds where the block a header opens ends: by bracket nesting for brace languages, by indentation for
/// python/yaml-like ones (a header ending with ':' or one without brackets). Reads the lines lazily and stops at the
/// block's end, so a small block in a huge file costs only its own length.
/// </summary>
internal static class BlockFinder
{
    /// <summary>
    /// The last line of the block whose header is the first <paramref name="headerLength"/> lines of
    /// <paramref name="lines"/>. Null when the block never closes.
    /// </summary>
    public static CurrentLine? FindEnd(IEnumerable<CurrentLine> lines, int headerLength) => FindEnd(lines, headerLength, out _);

    /// <summary>As <see cref="FindEnd(IEnumerable{CurrentLine}, int)"/>; <paramref name="byIndentation"/> tells
    /// whether the block was measured by indentation rather than brackets.</summary>
    public static CurrentLine? FindEnd(IEnumerable<CurrentLine> lines, int headerLength, out bool byIndentation)
    {
        using var e = lines.GetEnumerator();
        byIndentation = false;
        if (!e.MoveNext())
        {
            return null;
        }

        var first = e.Current;
        int baseWidth = Indentation.Width(first.Text);
        byIndentation = first.Text.TrimEnd().EndsWith(':');
        var counter = new BracketCounter();
        int depth = 0;
        bool opened = false;
        CurrentLine end = first;
        int i = 0;
        do
        {
            var line = e.Current;
            bool blank = line.Text.Trim().Length == 0;
            if (i < headerLength)
            {
                end = line;
            }

            if (!byIndentation && i >= headerLength && !opened && !blank && !"{([".Contains(line.Text.TrimStart()[0]))
            {
                // The header closed all it opened and no brace follows (Allman style would): no braces here.
                byIndentation = true;
            }

            if (byIndentation)
            {
                if (i >= headerLength && !blank)
                {
                    if (Indentation.Width(line.Text) <= baseWidth)
                    {
                        return end;
                    }

                    end = line;
                }
            }
            else
            {
                depth += counter.Count(line.Text).Net;
                if (depth > 0)
                {
                    opened = true;
                }
                else if (opened && i >= headerLength - 1)
                {
                    return line;
                }
            }

            i++;
        }
        while (e.MoveNext());

        return byIndentation || !opened ? end : null;
    }
}
