using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Matching;

/// <summary>
/// The lines of a file as the matcher reads them, without their terminators. A document parsed whole is read as spans
/// of its one decoded text, so indexing and editing a file makes no string per line: a line becomes a string only
/// when someone asks for it (a locator's neighbourhood, a message), and then once. A document already split into
/// lines is read from its strings (copied, since appliers may edit that list in place).
/// </summary>
internal sealed class SourceLines
{
    private readonly string? _text;
    private readonly string[]? _strings;
    private int[]? _starts;
    private int[]? _lengths;
    private string?[]? _made;

    private SourceLines(string[] strings)
    {
        _strings = strings;
        Count = strings.Length;
    }

    private SourceLines(string text, int[] starts, int[] lengths, int count)
    {
        _text = text;
        _starts = starts;
        _lengths = lengths;
        Count = count;
    }

    public int Count { get; }

    /// <summary>True when the lines are spans of one text (so the file can be written from spans too).</summary>
    public bool IsText => _text is not null;

    /// <summary>The line as a string, made on first use and kept.</summary>
    public string this[int line]
    {
        get
        {
            if (_strings is not null)
            {
                return _strings[line];
            }

            _made ??= LineArrays.RentCleared<string?>(Count);
            return _made[line] ??= _text!.Substring(_starts![line], _lengths![line]);
        }
    }

    public ReadOnlySpan<char> Span(int line) =>
        _strings is not null ? _strings[line].AsSpan() : _text.AsSpan(_starts![line], _lengths![line]);

    public static SourceLines Of(IReadOnlyList<string> lines) => new([.. lines]);

    /// <summary>Gives the arrays back to the pool: the file is done, and nothing reads these lines again.</summary>
    public void Release()
    {
        LineArrays.Return(ref _starts);
        LineArrays.Return(ref _lengths);
        LineArrays.Return(ref _made);
    }

    /// <summary>The document's lines: spans of its text while it is still whole, else a copy of its split lines.</summary>
    public static SourceLines Of(TextDocument document) =>
        document.WholeText is { } text ? OfText(text, document.LineCount) : Of(document.Lines);

    /// <summary>Splits <paramref name="text"/> as <see cref="TextDocument"/> does (\n, \r\n, \r; no line after a final terminator).</summary>
    public static SourceLines OfText(string text, int lineCount)
    {
        var starts = LineArrays.Rent<int>(lineCount);
        var lengths = LineArrays.Rent<int>(lineCount);
        var span = text.AsSpan();
        int start = 0, line = 0;
        while (start < span.Length && line < lineCount)
        {
            int end = span[start..].IndexOfAny('\r', '\n');
            end = end < 0 ? span.Length : end + start;
            starts[line] = start;
            lengths[line] = end - start;
            line++;
            start = end < span.Length && span[end] == '\r' && end + 1 < span.Length && span[end + 1] == '\n' ? end + 2 : end + 1;
        }

        if (line != lineCount || start < span.Length)
        {
            LineArrays.Return(starts);
            LineArrays.Return(lengths);
            throw new InvalidOperationException($"The text has {(start < span.Length ? "more" : line.ToString(System.Globalization.CultureInfo.InvariantCulture))} lines where {lineCount} were counted.");
        }

        return new SourceLines(text, starts, lengths, lineCount);
    }
}
