namespace PatchBuild.Core.Safety;

/// <summary>Where each line of a text starts and how long it is (terminators \n, \r\n and \r excluded).</summary>
/// <remarks>The line after a final terminator is not a line, as in <see cref="AddedLines.SplitLines"/>.</remarks>
internal sealed class LineMap
{
    private readonly List<int> _starts;
    private readonly List<int> _lengths;

    private LineMap(List<int> starts, List<int> lengths)
    {
        _starts = starts;
        _lengths = lengths;
    }

    public int Count => _starts.Count;

    public int Start(int line) => _starts[line];

    public int Length(int line) => _lengths[line];

    /// <summary>The line an offset of the text falls in (a terminator belongs to the line it ends).</summary>
    public int LineAt(int offset)
    {
        int i = _starts.BinarySearch(offset);
        return i >= 0 ? i : ~i - 1;
    }

    public ReadOnlySpan<char> Span(string text, int line) => text.AsSpan(_starts[line], _lengths[line]);

    public static LineMap Of(string text)
    {
        // Most texts end lines with '\n': counting them first (vectorized) saves growing the lists line by line.
        int estimate = text.AsSpan().Count('\n') + 1;
        var starts = new List<int>(estimate);
        var lengths = new List<int>(estimate);
        int start = 0;
        while (start < text.Length)
        {
            int end = text.AsSpan(start).IndexOfAny('\r', '\n');
            if (end < 0)
            {
                starts.Add(start);
                lengths.Add(text.Length - start);
                break;
            }

            end += start;
            starts.Add(start);
            lengths.Add(end - start);
            start = text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
        }

        return new LineMap(starts, lengths);
    }
}
