using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Safety;

/// <summary>
/// The lines a change adds: lines of the planned text whose content the old text does not already hold.
/// Rules judge only these, so a patch that removes or moves a risky line is never blamed for it.
/// </summary>
/// <remarks>
/// Linear on purpose (rules must stay fast on large patches): the common head and tail are skipped, then a line in
/// the middle counts as added when the old middle has no unused line with the same content. A line merely moved
/// inside the file is therefore not "added", which is what a reviewer would say too.
/// Lines are kept as positions in the decoded text, not as strings: a large file has many lines and only the few a
/// rule reports ever need a string of their own.
/// </remarks>
public sealed class AddedLines
{
    private readonly string _text;
    private readonly LineMap _lines;
    private string[]? _allLines;

    private AddedLines(string text, LineMap lines, List<int> added, int beforeLineCount)
    {
        _text = text;
        _lines = lines;
        Indexes = added;
        BeforeLineCount = beforeLineCount;
    }

    /// <summary>The planned text.</summary>
    internal string Text => _text;

    internal LineMap Map => _lines;

    /// <summary>The old text (null for a new file).</summary>
    internal string? OldText { get; private init; }

    internal LineMap? OldMap { get; private init; }

    /// <summary>0-based indexes of the old lines the planned text no longer holds, ascending.</summary>
    public List<int> RemovedIndexes { get; private init; } = [];

    /// <summary>Every line of the planned text (made on first use).</summary>
    public string[] AllLines => _allLines ??= Enumerable.Range(0, LineCount).Select(Line).ToArray();

    /// <summary>How many lines the planned text has.</summary>
    public int LineCount => _lines.Count;

    /// <summary>How many lines the old text had (0 for a new file).</summary>
    public int BeforeLineCount { get; }

    /// <summary>0-based indexes of the added lines, ascending.</summary>
    public List<int> Indexes { get; }

    public string Line(int index) => _allLines?[index] ?? LineSpan(index).ToString();

    public ReadOnlySpan<char> LineSpan(int index) => _lines.Span(_text, index);

    public static AddedLines Of(PlannedChange change) => Of(change.BeforeText, change.AfterText!);

    public static AddedLines Of(byte[]? before, byte[] after) =>
        Of(before is null ? null : FileEncoding.Decode(before).Text, FileEncoding.Decode(after).Text);

    /// <summary>The lines <paramref name="newText"/> adds to <paramref name="oldText"/> (null: a new file, all of them).</summary>
    public static AddedLines Of(string? oldText, string newText)
    {
        var newLines = LineMap.Of(newText);
        if (oldText is null)
        {
            return new AddedLines(newText, newLines, Enumerable.Range(0, newLines.Count).ToList(), 0);
        }

        var oldLines = LineMap.Of(oldText);
        int head = 0;
        while (head < oldLines.Count && head < newLines.Count && oldLines.Span(oldText, head).SequenceEqual(newLines.Span(newText, head)))
        {
            head++;
        }

        int tail = 0;
        while (tail < oldLines.Count - head && tail < newLines.Count - head &&
               oldLines.Span(oldText, oldLines.Count - 1 - tail).SequenceEqual(newLines.Span(newText, newLines.Count - 1 - tail)))
        {
            tail++;
        }

        var unused = new LineMultiset(oldText, newText, Math.Max(0, oldLines.Count - tail - head));
        for (int i = head; i < oldLines.Count - tail; i++)
        {
            unused.AddOld(oldLines.Start(i), oldLines.Length(i));
        }

        var added = new List<int>();
        for (int i = head; i < newLines.Count - tail; i++)
        {
            if (!unused.TryTakeNew(newLines.Start(i), newLines.Length(i)))
            {
                added.Add(i);
            }
        }

        // What no new line took is what the change removed (among equal lines, which one is removed does not matter).
        var removed = new List<int>();
        for (int i = head; i < oldLines.Count - tail; i++)
        {
            if (unused.TryTakeOld(oldLines.Start(i), oldLines.Length(i)))
            {
                removed.Add(i);
            }
        }

        return new AddedLines(newText, newLines, added, oldLines.Count) { OldText = oldText, OldMap = oldLines, RemovedIndexes = removed };
    }

    /// <summary>Splits on \n, \r\n and \r; the line after a final terminator is not a line.</summary>
    public static string[] SplitLines(string text)
    {
        // Not ReplaceLineEndings: it also breaks on \f and U+2028, which would shift line numbers.
        var map = LineMap.Of(text);
        var lines = new string[map.Count];
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = map.Span(text, i).ToString();
        }

        return lines;
    }

    /// <summary>How many lines <see cref="SplitLines"/> would return, without making them.</summary>
    public static int CountLines(string text) => LineMap.Of(text).Count;

    /// <summary>Runs of consecutive added lines: the first line (0-based) and how many follow it.</summary>
    public IEnumerable<(int FirstLine, int Count)> Runs()
    {
        int i = 0;
        while (i < Indexes.Count)
        {
            int start = i;
            while (i + 1 < Indexes.Count && Indexes[i + 1] == Indexes[i] + 1)
            {
                i++;
            }

            yield return (Indexes[start], i - start + 1);
            i++;
        }
    }

    /// <summary>
    /// The planned text from the start of one line to the end of another, terminators included. Terminators hold
    /// no letters, so a keyword found here is a keyword found on one of the lines.
    /// </summary>
    public ReadOnlySpan<char> RawRange(int firstLine, int count)
    {
        int start = _lines.Start(firstLine);
        int last = firstLine + count - 1;
        return _text.AsSpan(start, _lines.Start(last) + _lines.Length(last) - start);
    }

    /// <summary>Where a line starts in the planned text.</summary>
    public int OffsetOf(int line) => _lines.Start(line);

    /// <summary>The line an offset of the planned text falls in.</summary>
    public int LineAt(int offset) => _lines.LineAt(offset);

    /// <summary>A run of lines joined with '\n', and where each line starts in it.</summary>
    public string BlockText(int firstLine, int count, out int[] lineStarts)
    {
        lineStarts = new int[count];
        int length = count - 1;
        for (int k = 0; k < count; k++)
        {
            lineStarts[k] = k == 0 ? 0 : lineStarts[k - 1] + _lines.Length(firstLine + k - 1) + 1;
            length += _lines.Length(firstLine + k);
        }

        var raw = RawRange(firstLine, count);
        if (raw.Length == length && !raw.Contains('\r'))
        {
            // Every terminator inside the run is a single '\n' already: the run is the text itself.
            return raw.ToString();
        }

        return string.Create(length, (this, firstLine, count), static (span, state) =>
        {
            var (self, first, n) = state;
            int at = 0;
            for (int k = 0; k < n; k++)
            {
                if (k > 0)
                {
                    span[at++] = '\n';
                }

                var line = self.LineSpan(first + k);
                line.CopyTo(span[at..]);
                at += line.Length;
            }
        });
    }

    /// <summary>
    /// Runs of consecutive added lines joined with '\n', so a rule can see a statement that spans lines;
    /// each block remembers the 0-based file line it starts at.
    /// </summary>
    public IEnumerable<(string Text, int FirstLine, int[] LineStarts)> Blocks()
    {
        foreach (var (first, count) in Runs())
        {
            string text = BlockText(first, count, out int[] starts);
            yield return (text, first, starts);
        }
    }
}
