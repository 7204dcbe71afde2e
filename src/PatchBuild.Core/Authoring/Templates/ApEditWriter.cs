namespace PatchBuild.Core.Authoring.Templates;

/// <summary>What an ap patch for one file holds, and the text applying it is expected to give.</summary>
public sealed record ApFileEdits(ApFileText File, string ExpectedText);

/// <summary>
/// Turns character edits of one file into ap modifications whose locators the ap matcher resolves to exactly the
/// edited lines: each edit grows to whole lines, then to a window of neighbouring lines until its snippet (lines
/// trimmed, blank lines dropped) occurs once in the file; a window that never becomes unique gets an anchor.
/// Every modification is a REPLACE of its window, so new blank lines at the window's edges survive the patcher's
/// trimming of content (spec 4.3, "Inserting with Surrounding Blank Lines").
/// </summary>
public static class ApEditWriter
{
    /// <summary>A window grows by at most this many non-blank lines on each side before an anchor is used.</summary>
    private const int MaxGrowth = 6;

    public static ApFileEdits Write(string path, string original, IReadOnlyList<TextEdit> edits, bool mergeAll = false)
    {
        var text = new StyledText(original);
        var compact = CompactLines(text);
        var blocks = LineBlocks(text, edits);
        if (mergeAll && blocks.Count > 1)
        {
            blocks = [Merge(text, blocks)];
        }

        while (true)
        {
            var windows = blocks.Select(b => (Block: b, Window: Widen(compact, b))).ToList();

            // Overlapping windows become one block: two REPLACEs of shared lines could not both resolve. A later
            // window's anchor may lie in text an earlier modification rewrote, so it joins the earlier one too.
            int clash = Enumerable.Range(1, Math.Max(0, windows.Count - 1))
                .FirstOrDefault(i => windows[i - 1].Window.Last >= windows[i].Window.First || windows[i].Window.Anchor is not null);
            if (clash == 0)
            {
                return Emit(path, text, windows);
            }

            blocks[clash - 1] = Merge(text, [blocks[clash - 1], blocks[clash]]);
            blocks.RemoveAt(clash);
        }
    }

    private static ApFileEdits Emit(string path, StyledText text, List<(LineBlock Block, Window Window)> windows)
    {
        var modifications = new List<ApModificationText>();
        var expected = new System.Text.StringBuilder();
        int cursor = 0;
        foreach (var (block, window) in windows)
        {
            if (window.First > window.Last)
            {
                // Nothing to locate by (an empty or blank file): the whole file is written.
                string whole = ContentLines(block.NewLines, text.Newline, out string wholeText);
                modifications.Add(new ApModificationText("RECREATE", null, whole));
                return new ApFileEdits(new ApFileText(path, modifications), wholeText);
            }

            var lines = new List<string>();
            for (int i = window.First; i < block.First; i++)
            {
                lines.Add(text.Line(i));
            }

            var newLines = new List<string>(block.NewLines);
            for (int i = block.Last + 1; i <= window.Last; i++)
            {
                newLines.Add(text.Line(i));
            }

            lines.AddRange(newLines);
            string snippet = string.Join('\n', Enumerable.Range(window.First, window.Last - window.First + 1).Select(text.Line).Where(l => l.Trim().Length > 0).Select(l => l.Trim()));
            string content = ContentLines(lines, Ending(text, window.Last), out string written);
            modifications.Add(new ApModificationText("REPLACE", snippet, content) { Anchor = window.Anchor });

            expected.Append(text.Text, cursor, text.StartOf(window.First) - cursor).Append(written);
            cursor = text.EndOf(window.Last);
        }

        expected.Append(text.Text, cursor, text.Text.Length - cursor);
        return new ApFileEdits(new ApFileText(path, modifications), expected.ToString());
    }

    /// <summary>
    /// The content value, and the text the patcher writes for it: blank lines at its edges trimmed, trailing
    /// whitespace removed from every line (spec 3.5), each line ended with the file's newline.
    /// </summary>
    private static string ContentLines(IReadOnlyList<string> lines, string lastEnding, out string written)
    {
        var kept = lines.Select(l => l.TrimEnd(' ', '\t')).ToList();
        while (kept.Count > 0 && kept[0].Length == 0)
        {
            kept.RemoveAt(0);
        }

        while (kept.Count > 0 && kept[^1].Length == 0)
        {
            kept.RemoveAt(kept.Count - 1);
        }

        string newline = lastEnding.Length == 0 ? "\n" : lastEnding;
        written = kept.Count == 0 ? "" : string.Join(newline, kept) + newline;
        return string.Join('\n', kept);
    }

    private static string Ending(StyledText text, int line)
    {
        string full = text.Text[text.StartOf(line)..text.EndOf(line)];
        return full.EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : full.EndsWith('\n') ? "\n" : full.EndsWith('\r') ? "\r" : text.Newline;
    }

    /// <summary>Lines [First, Last] of the original (Last = First - 1: an insertion before First) become NewLines.</summary>
    private sealed record LineBlock(int First, int Last, IReadOnlyList<string> NewLines);

    /// <summary>Lines [First, Last] of the original that a REPLACE locates; the anchor, when the snippet alone is not unique.</summary>
    private sealed record Window(int First, int Last, string? Anchor);

    private static List<LineBlock> LineBlocks(StyledText text, IReadOnlyList<TextEdit> edits)
    {
        var ranges = new List<(int First, int Last, List<TextEdit> Edits)>();
        foreach (var edit in edits.OrderBy(e => e.Start))
        {
            int first = text.LineOf(Math.Min(edit.Start, Math.Max(0, text.Text.Length - 1)));
            if (edit.Start == text.Text.Length)
            {
                first = text.Count;
            }

            int last;
            if (edit.Length == 0 && edit.Start == text.StartOf(first))
            {
                last = first - 1;
            }
            else
            {
                last = text.LineOf(Math.Max(edit.Start, edit.End - 1));
            }

            if (ranges.Count > 0 && ranges[^1].Last >= first)
            {
                var previous = ranges[^1];
                previous.Edits.Add(edit);
                ranges[^1] = (previous.First, Math.Max(previous.Last, last), previous.Edits);
            }
            else
            {
                ranges.Add((first, last, [edit]));
            }
        }

        return ranges.Select(r => Block(text, r.First, r.Last, r.Edits)).ToList();
    }

    private static LineBlock Block(StyledText text, int first, int last, List<TextEdit> edits)
    {
        int start = text.StartOf(first);
        int end = text.EndOf(last);
        var sb = new System.Text.StringBuilder();
        int cursor = start;
        foreach (var edit in edits)
        {
            sb.Append(text.Text, cursor, edit.Start - cursor).Append(edit.NewText);
            cursor = edit.End;
        }

        sb.Append(text.Text, cursor, Math.Max(0, end - cursor));
        var block = new StyledText(sb.ToString());
        return new LineBlock(first, last, Enumerable.Range(0, block.Count).Select(block.Line).ToList());
    }

    private static LineBlock Merge(StyledText text, IReadOnlyList<LineBlock> blocks)
    {
        var lines = new List<string>();
        int cursor = blocks[0].First;
        foreach (var block in blocks)
        {
            for (int i = cursor; i < block.First; i++)
            {
                lines.Add(text.Line(i));
            }

            lines.AddRange(block.NewLines);
            cursor = Math.Max(cursor, block.Last + 1);
        }

        return new LineBlock(blocks[0].First, Math.Max(blocks[^1].Last, cursor - 1), lines);
    }

    private static List<(int Line, string Text)> CompactLines(StyledText text)
    {
        var lines = new List<(int, string)>();
        for (int i = 0; i < text.Count; i++)
        {
            string trimmed = text.Line(i).Trim();
            if (trimmed.Length > 0)
            {
                lines.Add((i, trimmed));
            }
        }

        return lines;
    }

    private static Window Widen(List<(int Line, string Text)> compact, LineBlock block)
    {
        if (compact.Count == 0)
        {
            return new Window(0, -1, null);
        }

        // lo..hi: the non-blank lines (compact indexes) the window covers. It must cover the block, and new content
        // that begins or ends with a blank line needs an unchanged line beyond it, or the patcher's trim eats the blank.
        bool startsBlank = block.NewLines.Count > 0 && block.NewLines[0].Trim().Length == 0;
        bool endsBlank = block.NewLines.Count > 0 && block.NewLines[^1].Trim().Length == 0;
        int lo = compact.FindIndex(c => c.Line >= block.First);
        lo = lo < 0 ? compact.Count : lo;
        int hi = compact.FindLastIndex(c => c.Line <= block.Last);
        if (lo > 0 && (lo == compact.Count || compact[lo].Line > block.First || (compact[lo].Line == block.First && startsBlank)))
        {
            lo--;
        }

        if (hi + 1 < compact.Count && (hi < 0 || compact[hi].Line < block.Last || (compact[hi].Line == block.Last && endsBlank)))
        {
            hi++;
        }

        if (hi < lo)
        {
            if (lo < compact.Count)
            {
                hi = lo;
            }
            else
            {
                lo = hi;
            }
        }

        for (int growth = 0; ; growth++)
        {
            if (Count(compact, lo, hi) == 1)
            {
                return new Window(compact[lo].Line, compact[hi].Line, null);
            }

            if (growth >= MaxGrowth || (lo == 0 && hi == compact.Count - 1))
            {
                break;
            }

            if (lo > 0)
            {
                lo--;
                if (Count(compact, lo, hi) == 1)
                {
                    return new Window(compact[lo].Line, compact[hi].Line, null);
                }
            }

            if (hi + 1 < compact.Count)
            {
                hi++;
            }
        }

        // Not unique within reach: an anchor, the nearest unique line above the window, narrows the search; the
        // snippet's first occurrence after it must be this window.
        for (int a = lo - 1; a >= 0; a--)
        {
            if (Count(compact, a, a) == 1 && FirstAfter(compact, a, lo, hi) == lo)
            {
                return new Window(compact[lo].Line, compact[hi].Line, compact[a].Text);
            }
        }

        throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidCode,
            "No locator identifies the place of the change uniquely: the file repeats the same lines around it.",
            "Make the change by hand, or give the surrounding code a distinguishing line (a comment) first.");
    }

    private static int Count(List<(int Line, string Text)> compact, int lo, int hi)
    {
        int length = hi - lo + 1;
        int count = 0;
        for (int start = 0; start + length <= compact.Count; start++)
        {
            if (SameRun(compact, start, lo, length) && ++count > 1)
            {
                return count;
            }
        }

        return count;
    }

    private static int FirstAfter(List<(int Line, string Text)> compact, int anchor, int lo, int hi)
    {
        int length = hi - lo + 1;
        for (int start = anchor + 1; start + length <= compact.Count; start++)
        {
            if (SameRun(compact, start, lo, length))
            {
                return start;
            }
        }

        return -1;
    }

    private static bool SameRun(List<(int Line, string Text)> compact, int start, int lo, int length)
    {
        for (int k = 0; k < length; k++)
        {
            if (!string.Equals(compact[start + k].Text, compact[lo + k].Text, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
