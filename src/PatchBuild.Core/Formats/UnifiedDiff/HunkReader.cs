using System.Globalization;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// Reads "@@" hunks from a diff's lines. The header's counts decide where a hunk ends, so a body line that
/// looks like a file header ("--- x") is still read as a removed line, as patch and git apply do.
/// </summary>
/// <remarks>
/// Models write diffs with wrong counts or with "@@ @@" and no numbers at all. Unless strict, a hunk whose counts
/// do not fit its body is read again by its body (it ends where the next hunk, file or non-diff line begins), and
/// a numberless one is read the same way and placed by its context; each gets a warning. A hunk whose counts fit is
/// read exactly as before, so every diff git writes means what it means to git.
/// </remarks>
internal sealed class HunkReader(DiffLines lines, bool lenient = false, List<PatchWarning>? warnings = null)
{
    public const string RecountedWarning = "DIFF_HUNK_RECOUNTED";
    public const string NumberlessWarning = "DIFF_HUNK_WITHOUT_NUMBERS";
    public const string BlankContextWarning = "DIFF_BLANK_CONTEXT";

    public bool AtHunk => lines.Index < lines.Count && IsHunkHeader(lines.CurrentSpan);

    private bool IsHunkHeader(ReadOnlySpan<char> line) =>
        line.StartsWith("@@ ", StringComparison.Ordinal) || (lenient && line.TrimEnd().SequenceEqual("@@"));

    /// <summary>Reads consecutive hunks of one file, numbering them from 1.</summary>
    public List<DiffHunk> ReadAll(string fileLabel)
    {
        int firstWarning = warnings?.Count ?? 0;
        var hunks = ReadHunks(fileLabel);
        if (warnings is not null)
        {
            LenientWarnings.Summarise(warnings, firstWarning, fileLabel);
        }

        return hunks;
    }

    private List<DiffHunk> ReadHunks(string fileLabel)
    {
        var hunks = new List<DiffHunk>();
        while (AtHunk)
        {
            int start = lines.Index;
            DiffHunk hunk;
            try
            {
                hunk = Read(fileLabel, hunks.Count + 1);
                RejectExtraBodyLine(fileLabel, hunk);
            }
            catch (PatchException ex) when (lenient && ex.Error.Code == ErrorCodes.InvalidPatchFile)
            {
                lines.Index = start;
                hunk = ReadByBody(fileLabel, hunks.Count + 1, ex);
            }

            WarnAboutBlankContext(fileLabel, hunk, start);
            hunks.Add(hunk);
        }

        return hunks;
    }

    private DiffHunk Read(string fileLabel, int number)
    {
        int headerLine = lines.LineNumber;
        string header = lines.Current;
        var (oldStart, oldCount, newStart, newCount) = ParseHeader(header, headerLine, fileLabel);
        lines.Index++;

        // The counts bound the body (context lines count on both sides); the lines left in the patch bound a lying header.
        long expected = Math.Min((long)oldCount + newCount, lines.Count - lines.Index);
        var body = new List<DiffLine>((int)Math.Max(0, expected));
        bool oldMissingNewline = false, newMissingNewline = false;
        int oldLeft = oldCount, newLeft = newCount;
        while (oldLeft > 0 || newLeft > 0)
        {
            if (lines.Index >= lines.Count)
            {
                throw Malformed(headerLine, $"The patch ends inside hunk {number} ({header}) of '{fileLabel}': {oldLeft} old and {newLeft} new line(s) are missing.",
                    "The diff is truncated or its @@ counts are wrong; regenerate it (git diff), or fix the counts in the @@ line.");
            }

            var line = lines.CurrentSpan;
            // An empty line is a context line whose leading space an editor or mailer stripped.
            char marker = line.Length == 0 ? ' ' : line[0];
            switch (marker)
            {
                case ' ' when oldLeft > 0 && newLeft > 0:
                    body.Add(BodyLine(DiffLineKind.Context, line.Length));
                    oldLeft--;
                    newLeft--;
                    break;
                case '-' when oldLeft > 0:
                    body.Add(BodyLine(DiffLineKind.Removed, line.Length));
                    oldLeft--;
                    break;
                case '+' when newLeft > 0:
                    body.Add(BodyLine(DiffLineKind.Added, line.Length));
                    newLeft--;
                    break;
                case '\\' when body.Count > 0:
                    MarkMissingNewline(body[^1].Kind, ref oldMissingNewline, ref newMissingNewline);
                    break;
                case ' ' or '-' or '+':
                    throw Malformed(lines.LineNumber, $"Hunk {number} ({header}) of '{fileLabel}' has more lines than its header counts: line {lines.LineNumber} '{Shorten(lines.Current)}' does not fit ({oldLeft} old and {newLeft} new line(s) were left).",
                        "Fix the counts in the @@ line (-start,old_count +start,new_count) or regenerate the diff.");
                default:
                    throw Malformed(lines.LineNumber, $"Hunk {number} ({header}) of '{fileLabel}' has fewer lines than its header counts: line {lines.LineNumber} '{Shorten(lines.Current)}' is not a hunk line ({oldLeft} old and {newLeft} new line(s) were expected).",
                        "Every hunk line starts with ' ' (context), '-' (removed) or '+' (added). Fix the counts in the @@ line or regenerate the diff.");
            }

            lines.Index++;
        }

        if (lines.Index < lines.Count && lines.CurrentSpan.StartsWith('\\') && body.Count > 0)
        {
            MarkMissingNewline(body[^1].Kind, ref oldMissingNewline, ref newMissingNewline);
            lines.Index++;
        }

        return new DiffHunk(oldStart, oldCount, newStart, newCount)
        {
            Number = number,
            Header = header,
            PatchLine = headerLine,
            Lines = body,
            OldMissingFinalNewline = oldMissingNewline,
            NewMissingFinalNewline = newMissingNewline,
        };
    }

    // The lenient reading: the body is every line that can be one (' ', '-', '+', a '\ No newline' note, or empty), up to the next
    // hunk or file header; blank lines at its end separate it from what follows. The counts are the body's own.
    private DiffHunk ReadByBody(string fileLabel, int number, PatchException exactError)
    {
        int headerLine = lines.LineNumber;
        string header = lines.Current;
        bool numbered = TryParseHeader(header, out int oldStart, out int statedOld, out int newStart, out int statedNew);
        if (!numbered && !IsNumberlessHeader(header))
        {
            throw exactError;
        }

        lines.Index++;
        var body = new List<DiffLine>();
        bool oldMissingNewline = false, newMissingNewline = false;
        int end = lines.Index;
        for (; lines.Index < lines.Count && IsBodyLine(lines.Index); lines.Index++)
        {
            var line = lines.CurrentSpan;
            if (line.Length > 0 && line[0] == '\\')
            {
                if (body.Count > 0)
                {
                    MarkMissingNewline(body[^1].Kind, ref oldMissingNewline, ref newMissingNewline);
                }

                end = lines.Index + 1;
                continue;
            }

            var kind = line.Length == 0 || line[0] == ' ' ? DiffLineKind.Context : line[0] == '-' ? DiffLineKind.Removed : DiffLineKind.Added;
            body.Add(BodyLine(kind, line.Length));
            if (line.Length > 0)
            {
                end = lines.Index + 1;
            }
        }

        // Trailing blank lines are the gap before the next section, not context.
        int trailingBlank = lines.Index - end;
        body.RemoveRange(body.Count - trailingBlank, trailingBlank);
        lines.Index = end;

        int oldCount = body.Count(l => l.Kind != DiffLineKind.Added);
        int newCount = body.Count(l => l.Kind != DiffLineKind.Removed);
        if (body.Count == 0 || (!numbered && oldCount == 0))
        {
            throw Malformed(headerLine, body.Count == 0
                    ? $"Hunk {number} ({header}) of '{fileLabel}' has no lines."
                    : $"Hunk {number} ({header}) of '{fileLabel}' has neither line numbers nor context lines, so nothing says where it goes.",
                "Give the hunk ' ' context lines (or '-' lines) copied from the file, or a header with line numbers ('@@ -12,7 +12,8 @@').");
        }

        var warning = numbered
            ? new PatchWarning(RecountedWarning, $"Hunk {number} ({Shorten(header)}) of '{fileLabel}' counts {statedOld} old and {statedNew} new line(s), but its body holds {oldCount} and {newCount}: read by its body.")
            : new PatchWarning(NumberlessWarning, $"Hunk {number} ({Shorten(header)}) of '{fileLabel}' has no line numbers: placed where its context first matches after the hunk before it.");
        warnings?.Add(warning with { File = fileLabel, Line = headerLine, PatchFile = lines.SourcePath });
        if (!numbered)
        {
            // Empty sides at the top of the file are numbered 0, as diff writes them.
            oldStart = oldCount == 0 ? 0 : 1;
            newStart = newCount == 0 ? 0 : 1;
        }

        return new DiffHunk(oldStart, oldCount, newStart, newCount)
        {
            Number = number,
            Header = header,
            PatchLine = headerLine,
            Lines = body,
            Numberless = !numbered,
            OldMissingFinalNewline = oldMissingNewline,
            NewMissingFinalNewline = newMissingNewline,
        };
    }

    private bool IsBodyLine(int index)
    {
        var line = lines.SpanOf(index);
        if (line.Length == 0)
        {
            return true;
        }

        if (line[0] is not (' ' or '+' or '-' or '\\') || lines.IsPlainFileHeader(index) || line.StartsWith("diff --git ", StringComparison.Ordinal))
        {
            return false;
        }

        // A mail signature ("-- " then the git version) ends a format-patch mail.
        return !(line.SequenceEqual("-- ") && (index + 1 >= lines.Count || lines.SpanOf(index + 1) is var next && (next.IsEmpty || next[0] is not (' ' or '+' or '-'))));
    }

    // "@@ @@", "@@" or "@@ @@ section": a header that says nothing about where the hunk goes.
    private static bool IsNumberlessHeader(string header)
    {
        var rest = header.AsSpan(2).TrimStart();
        return rest.IsEmpty || rest.StartsWith("@@", StringComparison.Ordinal);
    }

    // An empty line in a hunk is a blank context line whose leading space was trimmed; say so once per hunk.
    private void WarnAboutBlankContext(string fileLabel, DiffHunk hunk, int headerIndex)
    {
        if (warnings is null)
        {
            return;
        }

        int trimmed = 0;
        for (int i = headerIndex + 1; i < lines.Index; i++)
        {
            trimmed += lines.SpanOf(i).IsEmpty ? 1 : 0;
        }

        if (trimmed > 0)
        {
            warnings.Add(new PatchWarning(BlankContextWarning, $"Hunk {hunk.Number} ({Shorten(hunk.Header)}) of '{fileLabel}' has {trimmed} empty line(s) without the leading space of a context line: read as blank context lines.")
            {
                File = fileLabel,
                Line = hunk.PatchLine,
                PatchFile = lines.SourcePath,
            });
        }
    }

    // The current line without its marker, as a place in the patch's text. It keeps a CR before the newline: content
    // to git, and so to us (HunkApplier). An empty line is a context line whose leading space was stripped.
    private DiffLine BodyLine(DiffLineKind kind, int lengthWithoutCr)
    {
        if (lengthWithoutCr == 0)
        {
            return new DiffLine(kind, "");
        }

        var (start, length) = lines.RawRangeOf(lines.Index);
        return new DiffLine(kind, lines.Text, start + 1, length - 1);
    }

    private static void MarkMissingNewline(DiffLineKind kind, ref bool oldSide, ref bool newSide)
    {
        oldSide |= kind != DiffLineKind.Added;
        newSide |= kind != DiffLineKind.Removed;
    }

    // A body line right after a complete hunk means the counts were too small; a mail signature ("-- ") or the
    // next file's header is fine.
    private void RejectExtraBodyLine(string fileLabel, DiffHunk hunk)
    {
        if (lines.Index >= lines.Count)
        {
            return;
        }

        var line = lines.CurrentSpan;
        bool bodyLike = line.Length > 0 && line[0] is ' ' or '+' or '-';
        if (!bodyLike || line.SequenceEqual("-- ") || lines.AtPlainFileHeader)
        {
            return;
        }

        throw Malformed(lines.LineNumber, $"Hunk {hunk.Number} ({hunk.Header}) of '{fileLabel}' has more lines than its header counts: line {lines.LineNumber} '{Shorten(lines.Current)}' follows the hunk's last counted line.",
            "Fix the counts in the @@ line (-start,old_count +start,new_count) or regenerate the diff.");
    }

    private (int OldStart, int OldCount, int NewStart, int NewCount) ParseHeader(string header, int line, string fileLabel)
    {
        if (TryParseHeader(header, out int oldStart, out int oldCount, out int newStart, out int newCount))
        {
            return (oldStart, oldCount, newStart, newCount);
        }

        throw Malformed(line, $"Bad hunk header for '{fileLabel}' at line {line}: '{Shorten(header)}'.",
            "A hunk header looks like '@@ -12,7 +12,8 @@': old start and line count, new start and line count.");
    }

    // "@@ -l[,s] +l[,s] @@[ section]"
    private static bool TryParseHeader(string header, out int oldStart, out int oldCount, out int newStart, out int newCount)
    {
        int pos = 3;
        newStart = newCount = 0;
        if (header.StartsWith("@@ ", StringComparison.Ordinal) &&
            TryRange(header, ref pos, '-', out oldStart, out oldCount) && pos < header.Length && header[pos] == ' ')
        {
            pos++;
            return TryRange(header, ref pos, '+', out newStart, out newCount) && string.CompareOrdinal(header, pos, " @@", 0, 3) == 0;
        }

        oldStart = oldCount = 0;
        return false;
    }

    private static bool TryRange(string text, ref int pos, char sign, out int start, out int count)
    {
        start = 0;
        count = 1;
        if (pos >= text.Length || text[pos] != sign)
        {
            return false;
        }

        pos++;
        if (!TryNumber(text, ref pos, out start))
        {
            return false;
        }

        if (pos < text.Length && text[pos] == ',')
        {
            pos++;
            return TryNumber(text, ref pos, out count);
        }

        return true;
    }

    private static bool TryNumber(string text, ref int pos, out int value)
    {
        int begin = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]) && pos - begin < 10)
        {
            pos++;
        }

        return int.TryParse(text.AsSpan(begin, pos - begin), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private PatchException Malformed(int line, string message, string hint) =>
        new(new PatchError(ErrorCodes.InvalidPatchFile, message) { Line = line, Hint = hint, PatchFile = lines.SourcePath });
}
