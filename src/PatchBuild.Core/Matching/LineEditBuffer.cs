using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Matching;

/// <summary>
/// A file under edit, kept as its original lines plus the edits on top: which original lines are removed and which
/// blocks were written into the gaps between them. Edits cost O(size of the edit · log n) instead of copying the
/// file, matches stay expressed in original line numbers (stable for the index), and "did this patch touch these
/// lines?" is two Fenwick queries. The text is materialised once, when the file's last modification is done.
/// Gap g sits just before original line g; gap n is the end of the file.
/// </summary>
internal sealed class LineEditBuffer
{
    private readonly SourceLines _lines;

    // From the pool (LineArrays): longer than the file may be, read only at its lines and gaps.
    private int[] _removedBy;
    private int[] _skipForward;
    private int[] _skipBackward;
    private List<WrittenBlock>?[] _gaps;
    private readonly FenwickTree _removed;
    private readonly FenwickTree _written;

    public LineEditBuffer(IReadOnlyList<string> lines)
        : this(SourceLines.Of(lines))
    {
    }

    public LineEditBuffer(SourceLines lines)
    {
        _lines = lines;
        _removedBy = LineArrays.RentCleared<int>(_lines.Count);
        _skipForward = LineArrays.RentCleared<int>(_lines.Count);
        _skipBackward = LineArrays.RentCleared<int>(_lines.Count);
        _gaps = LineArrays.RentCleared<List<WrittenBlock>?>(_lines.Count + 1);
        _removed = new FenwickTree(_lines.Count);
        _written = new FenwickTree(_lines.Count + 1);
    }

    public int Count => _lines.Count;

    /// <summary>
    /// Gives the buffer's arrays back to the pool once the file's text is taken: any later use of this buffer fails
    /// instead of reading another file's edits.
    /// </summary>
    public void Release()
    {
        if (_removedBy is null)
        {
            return;
        }

        LineArrays.Return(_removedBy);
        LineArrays.Return(_skipForward);
        LineArrays.Return(_skipBackward);
        LineArrays.Return(_gaps);
        _removedBy = _skipForward = _skipBackward = null!;
        _gaps = null!;
        _removed.Release();
        _written.Release();
    }

    public bool Changed { get; private set; }

    /// <summary>
    /// How the edits changed the file's bracket balance (opened minus closed), counted over the removed and written
    /// text only, so the whole-file check costs the size of the edits rather than two passes over the file.
    /// </summary>
    public int BracketDelta { get; private set; }

    public string this[int line] => _lines[line];

    public bool IsRemoved(int line) => _removedBy[line] != 0;

    /// <summary>True when no line in [first, last] was removed and nothing was written between them.</summary>
    public bool IsIntact(int first, int last) => _removed.RangeSum(first, last) == 0 && _written.RangeSum(first + 1, last) == 0;

    /// <summary>The modification that removed a line of [first, last] or wrote inside it; 0 when it is intact.</summary>
    public int ToucherOf(int first, int last)
    {
        for (int line = first; line <= last; line++)
        {
            if (_removedBy[line] != 0)
            {
                return _removedBy[line];
            }

            if (line > first && _gaps[line] is { Count: > 0 } blocks)
            {
                return blocks[0].Modification;
            }
        }

        return 0;
    }

    /// <summary>Writes a block right after original line <paramref name="line"/> (-1: the start of the file).</summary>
    public void InsertAfter(int line, WrittenBlock block)
    {
        int gap = line + 1;
        (_gaps[gap] ??= []).Insert(0, block);
        _written.Add(gap, 1);
        BracketDelta += block.Balance;
        Changed = true;
    }

    /// <summary>Writes a block right before original line <paramref name="line"/> (Count: the end of the file).</summary>
    public void InsertBefore(int line, WrittenBlock block)
    {
        (_gaps[line] ??= []).Add(block);
        _written.Add(line, 1);
        BracketDelta += block.Balance;
        Changed = true;
    }

    /// <summary>Removes the current text from original line first to original line last (both present), including
    /// anything written between them, and optionally writes a block in its place.</summary>
    public void Replace(int first, int last, WrittenBlock? replacement, int modification)
    {
        var counter = new BracketCounter();
        int line = first;
        while (line <= last)
        {
            if (line > first && _gaps[line] is { Count: > 0 } blocks)
            {
                _written.Add(line, -blocks.Count);
                BracketDelta -= blocks.Sum(b => b.Balance);
                blocks.Clear();
            }

            if (_removedBy[line] == 0)
            {
                BracketDelta -= counter.Count(_lines.Span(line)).Net;
                _removedBy[line] = modification;
                _removed.Add(line, 1);
                line++;
            }
            else
            {
                line = _skipForward[line];
            }
        }

        _skipForward[first] = last + 1;
        _skipBackward[last] = first - 1;
        if (replacement is not null)
        {
            InsertBefore(first, replacement);
        }

        Changed = true;
    }

    /// <summary>The current lines from the front of gap <paramref name="gap"/> onward; Line is -1 for written lines.</summary>
    public IEnumerable<CurrentLine> Forward(int gap)
    {
        int line = gap;
        while (true)
        {
            if (_gaps[line] is { } blocks)
            {
                foreach (var block in blocks)
                {
                    foreach (string text in block.Lines)
                    {
                        yield return new CurrentLine(text, -1);
                    }
                }
            }

            if (line == _lines.Count)
            {
                yield break;
            }

            if (_removedBy[line] == 0)
            {
                yield return new CurrentLine(_lines[line], line);
                line++;
            }
            else
            {
                line = _skipForward[line];
            }
        }
    }

    /// <summary>The current lines going backwards from the end of gap <paramref name="gap"/>.</summary>
    public IEnumerable<CurrentLine> Backward(int gap)
    {
        foreach (var written in WrittenBackward(gap))
        {
            yield return written;
        }

        int line = gap - 1;
        while (line >= 0)
        {
            if (_removedBy[line] == 0)
            {
                yield return new CurrentLine(_lines[line], line);
                foreach (var written in WrittenBackward(line))
                {
                    yield return written;
                }

                line--;
            }
            else
            {
                int start = _skipBackward[line] + 1;
                foreach (var written in WrittenBackward(start))
                {
                    yield return written;
                }

                line = start - 1;
            }
        }
    }

    public bool HasWrittenIn(int gap) => _gaps[gap] is { Count: > 0 };

    public List<string> Materialize()
    {
        var result = new List<string>(_lines.Count + 16);
        foreach (var line in Forward(0))
        {
            result.Add(line.Text);
        }

        return result;
    }

    /// <summary>
    /// The current text in <paramref name="encoding"/>, every line followed by <paramref name="newline"/>, written
    /// from spans of the original text: no string per line. Null when the original lines are not spans of one text,
    /// or when a written line holds a line break or a surrogate: a document made from these bytes must read back as
    /// exactly the lines <see cref="Materialize"/> gives.
    /// </summary>
    public byte[]? TryEncode(FileEncoding encoding, string newline, out int lineCount)
    {
        lineCount = 0;
        if (!_lines.IsText || encoding.IsUtf16)
        {
            return null;
        }

        var measure = new Measure(encoding, newline.Length);
        Walk(ref measure);
        if (!measure.Plain || measure.Bytes > Array.MaxLength)
        {
            return null;
        }

        var bytes = FileBuffers.Allocate(measure.Bytes);
        var write = new Write(encoding, newline, bytes);
        Walk(ref write);
        lineCount = measure.Lines;
        return FileBuffers.Filled(bytes, write.Written);
    }

    // The current lines in order, as Forward gives them, handed to a sink as spans.
    private void Walk<TSink>(ref TSink sink)
        where TSink : struct, ILineSink
    {
        int line = 0;
        while (true)
        {
            if (_gaps[line] is { } blocks)
            {
                foreach (var block in blocks)
                {
                    foreach (string text in block.Lines)
                    {
                        sink.Line(text, written: true);
                    }
                }
            }

            if (line == _lines.Count)
            {
                return;
            }

            if (_removedBy[line] == 0)
            {
                sink.Line(_lines.Span(line), written: false);
                line++;
            }
            else
            {
                line = _skipForward[line];
            }
        }
    }

    private interface ILineSink
    {
        void Line(ReadOnlySpan<char> text, bool written);
    }

    private struct Measure(FileEncoding encoding, int newlineLength) : ILineSink
    {
        public long Bytes = encoding.Preamble.Count;
        public int Lines;
        public bool Plain = true;

        public void Line(ReadOnlySpan<char> text, bool written)
        {
            // Surrogates include the escapes of bytes that are not UTF-8: written next to each other they could read
            // back as another character. Written text with neither is read back exactly.
            if (written && (text.IndexOfAny('\r', '\n') >= 0 || text.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0))
            {
                Plain = false;
            }

            Bytes += encoding.ByteCount(text) + newlineLength;
            Lines++;
        }
    }

    private struct Write(FileEncoding encoding, string newline, byte[] bytes) : ILineSink
    {
        private int _at = CopyPreamble(encoding, bytes);

        public readonly int Written => _at;

        public void Line(ReadOnlySpan<char> text, bool written)
        {
            _at += encoding.Write(text, bytes.AsSpan(_at));
            _at += encoding.WriteEnding(newline, bytes.AsSpan(_at));
        }

        private static int CopyPreamble(FileEncoding encoding, byte[] bytes)
        {
            for (int i = 0; i < encoding.Preamble.Count; i++)
            {
                bytes[i] = encoding.Preamble[i];
            }

            return encoding.Preamble.Count;
        }
    }

    private IEnumerable<CurrentLine> WrittenBackward(int gap)
    {
        if (_gaps[gap] is not { } blocks)
        {
            yield break;
        }

        for (int b = blocks.Count - 1; b >= 0; b--)
        {
            var lines = blocks[b].Lines;
            for (int i = lines.Count - 1; i >= 0; i--)
            {
                yield return new CurrentLine(lines[i], -1);
            }
        }
    }
}

/// <summary>Lines one modification wrote, remembered so later locators never match them.</summary>
internal sealed record WrittenBlock(IReadOnlyList<string> Lines, int Modification)
{
    public int Balance { get; } = BracketCounter.Balance(Lines);
}

/// <summary>A line of the file as it is now; Line is its original index, or -1 when this patch wrote it.</summary>
internal readonly record struct CurrentLine(string Text, int Line);
