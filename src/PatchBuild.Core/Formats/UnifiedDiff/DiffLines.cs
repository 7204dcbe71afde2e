namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// A diff's lines with a cursor. Headers are read without a trailing CR, so a diff saved with CRLF reads like any
/// other; hunk bodies are read with it (<see cref="RawSpanOf"/>), because to git a CR before the newline is part
/// of the line's content: a diff made from CRLF files carries it on every line.
/// </summary>
/// <remarks>
/// Lines are kept as positions in the diff's text: hunk bodies (nearly all of a large diff) are read as spans and
/// become strings once, as hunk lines; only the lines someone asks for as a whole become strings of their own.
/// </remarks>
internal sealed class DiffLines
{
    private readonly string _text;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    // Only headers and the lines of messages become strings: a few in a hundred thousand, so a table, not an array.
    private readonly Dictionary<int, string> _strings = [];

    public DiffLines(string text, string? sourcePath)
    {
        SourcePath = sourcePath;
        _text = text;
        var span = text.AsSpan();
        int count = span.Count('\n') + (text.EndsWith('\n') ? 0 : 1);
        _starts = new int[count];
        _lengths = new int[count];
        int start = 0;
        for (int i = 0; i < count; i++)
        {
            int end = span[start..].IndexOf('\n');
            end = end < 0 ? text.Length : start + end;
            int length = end - start;
            _starts[i] = start;
            _lengths[i] = length > 0 && text[end - 1] == '\r' ? length - 1 : length;
            start = end + 1;
        }
    }

    public string? SourcePath { get; }

    public int Index { get; set; }

    public int Count => _starts.Length;

    public string Current => this[Index];

    /// <summary><see cref="Current"/> without making it a string.</summary>
    public ReadOnlySpan<char> CurrentSpan => SpanOf(Index);

    /// <summary>1-based line number of <see cref="Current"/> in the patch.</summary>
    public int LineNumber => Index + 1;

    public string this[int index]
    {
        get
        {
            if (!_strings.TryGetValue(index, out string? line))
            {
                line = _text.Substring(_starts[index], _lengths[index]);
                _strings[index] = line;
            }

            return line;
        }
    }

    /// <summary>A "--- " line directly followed by a "+++ " line.</summary>
    public bool AtPlainFileHeader => IsPlainFileHeader(Index);

    public bool IsPlainFileHeader(int index) =>
        index + 1 < Count &&
        SpanOf(index).StartsWith("--- ", StringComparison.Ordinal) &&
        SpanOf(index + 1).StartsWith("+++ ", StringComparison.Ordinal);

    public ReadOnlySpan<char> SpanOf(int index) => _text.AsSpan(_starts[index], _lengths[index]);

    /// <summary>The whole text the lines are places in.</summary>
    public string Text => _text;

    /// <summary>Where <see cref="RawSpanOf"/> of the line starts in <see cref="Text"/>, and how long it is.</summary>
    public (int Start, int Length) RawRangeOf(int index)
    {
        int end = _starts[index] + _lengths[index];
        return (_starts[index], _lengths[index] + (end < _text.Length && _text[end] == '\r' ? 1 : 0));
    }

    /// <summary>The line with the CR before its newline, if it has one.</summary>
    public ReadOnlySpan<char> RawSpanOf(int index)
    {
        int end = _starts[index] + _lengths[index];
        return _text.AsSpan(_starts[index], _lengths[index] + (end < _text.Length && _text[end] == '\r' ? 1 : 0));
    }

    /// <summary>Makes <see cref="Slice"/> of lines [from, to) when called: a raw text that is rarely read.</summary>
    public Func<string> Section(int from, int to) => () => Slice(from, to);

    /// <summary>The patch text of lines [from, to), for a modification's raw text.</summary>
    public string Slice(int from, int to)
    {
        // One allocation for the whole section (a large diff's sections add up to the diff's size).
        long length = 0;
        for (int i = from; i < to; i++)
        {
            length += _lengths[i] + 1;
        }

        return string.Create(checked((int)length), (Lines: this, From: from, To: to), static (chars, state) =>
        {
            int at = 0;
            for (int i = state.From; i < state.To; i++)
            {
                var line = state.Lines.SpanOf(i);
                line.CopyTo(chars[at..]);
                at += line.Length;
                chars[at++] = '\n';
            }
        });
    }
}
