using System.Globalization;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// Reads "@@" hunks from a diff's lines. The header's counts decide where a hunk ends, so a body line that
/// looks like a file header ("--- x") is still read as a removed line, as patch and git apply do.
/// </summary>
internal sealed class HunkReader(DiffLines lines)
{
    public bool AtHunk => lines.Index < lines.Count && lines.CurrentSpan.StartsWith("@@ ", StringComparison.Ordinal);

    /// <summary>Reads consecutive hunks of one file, numbering them from 1.</summary>
    public List<DiffHunk> ReadAll(string fileLabel)
    {
        var hunks = new List<DiffHunk>();
        while (AtHunk)
        {
            var hunk = Read(fileLabel, hunks.Count + 1);
            hunks.Add(hunk);
            RejectExtraBodyLine(fileLabel, hunk);
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
            // The text keeps a CR before the newline: content to git, and so to us (HunkApplier).
            var raw = lines.RawSpanOf(lines.Index);
            string text = line.Length == 0 ? "" : raw[1..].ToString();
            switch (marker)
            {
                case ' ' when oldLeft > 0 && newLeft > 0:
                    body.Add(new DiffLine(DiffLineKind.Context, text));
                    oldLeft--;
                    newLeft--;
                    break;
                case '-' when oldLeft > 0:
                    body.Add(new DiffLine(DiffLineKind.Removed, text));
                    oldLeft--;
                    break;
                case '+' when newLeft > 0:
                    body.Add(new DiffLine(DiffLineKind.Added, text));
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

        string line = lines.Current;
        bool bodyLike = line.Length > 0 && line[0] is ' ' or '+' or '-';
        if (!bodyLike || line == "-- " || lines.AtPlainFileHeader)
        {
            return;
        }

        throw Malformed(lines.LineNumber, $"Hunk {hunk.Number} ({hunk.Header}) of '{fileLabel}' has more lines than its header counts: line {lines.LineNumber} '{Shorten(line)}' follows the hunk's last counted line.",
            "Fix the counts in the @@ line (-start,old_count +start,new_count) or regenerate the diff.");
    }

    private (int OldStart, int OldCount, int NewStart, int NewCount) ParseHeader(string header, int line, string fileLabel)
    {
        // "@@ -l[,s] +l[,s] @@[ section]"
        int pos = 3;
        if (TryRange(header, ref pos, '-', out int oldStart, out int oldCount) && pos < header.Length && header[pos] == ' ')
        {
            pos++;
            if (TryRange(header, ref pos, '+', out int newStart, out int newCount) &&
                string.CompareOrdinal(header, pos, " @@", 0, 3) == 0)
            {
                return (oldStart, oldCount, newStart, newCount);
            }
        }

        throw Malformed(line, $"Bad hunk header for '{fileLabel}' at line {line}: '{Shorten(header)}'.",
            "A hunk header looks like '@@ -12,7 +12,8 @@': old start and line count, new start and line count.");
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
