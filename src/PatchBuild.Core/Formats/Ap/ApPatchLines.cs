namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// The patch text as lines without terminators, so that LF, CRLF and (old Mac) CR files read the same.
/// </summary>
internal sealed class ApPatchLines
{
    private ApPatchLines(List<string> lines) => Lines = lines;

    public IReadOnlyList<string> Lines { get; }

    public int Count => Lines.Count;

    public string this[int index] => Lines[index];

    public static ApPatchLines Split(string text)
    {
        var lines = new List<string>();
        // A lone CR inside a line of an LF or CRLF file is content; only a file with no LF at all uses CR as its break.
        char separator = text.Contains('\n') ? '\n' : '\r';
        int start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (start < text.Length)
        {
            int end = text.IndexOf(separator, start);
            if (end < 0)
            {
                end = text.Length;
            }

            int length = end - start;
            if (separator == '\n' && length > 0 && text[end - 1] == '\r')
            {
                length--;
            }

            lines.Add(text.Substring(start, length));
            start = end + 1;
        }

        return new ApPatchLines(lines);
    }

    public static bool IsBlank(string line) => line.AsSpan().Trim(" \t\f\v").IsEmpty;

    public static bool IsComment(string line) => line.Length > 0 && line[0] == '#';

    /// <summary>A markdown code fence: ``` or ~~~, optionally with a language ("```ap").</summary>
    public static bool IsFence(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart(" \t");
        return trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal);
    }

    /// <summary>The lines <paramref name="start"/>..<paramref name="end"/> (exclusive) minus leading and trailing blank lines, joined by "\n".</summary>
    public string JoinTrimmed(int start, int end, string? firstLine = null)
    {
        var (first, last) = NonBlankRange(start, end);
        if (firstLine is not null)
        {
            return first > last ? firstLine : firstLine + "\n" + string.Join('\n', Slice(first, last + 1));
        }

        return first > last ? "" : string.Join('\n', Slice(first, last + 1));
    }

    /// <summary>Index of the first and last non-blank line in the range; first > last when all are blank.</summary>
    public (int First, int Last) NonBlankRange(int start, int end)
    {
        int first = start;
        while (first < end && IsBlank(Lines[first]))
        {
            first++;
        }

        int last = end - 1;
        while (last >= first && IsBlank(Lines[last]))
        {
            last--;
        }

        return (first, last);
    }

    public IEnumerable<string> Slice(int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            yield return Lines[i];
        }
    }
}
