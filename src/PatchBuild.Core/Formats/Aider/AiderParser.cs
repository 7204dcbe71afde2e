using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Aider;

/// <summary>
/// Reads an Aider answer: prose, fences and SEARCH/REPLACE blocks, each block naming its file on a line before it
/// (or in its fence's info string, or by following the previous block). Blocks keep their order per file; files keep
/// the order in which they first appear. Shell fences are reported and never run. Never touches the disk.
/// </summary>
public static class AiderParser
{
    public const string ShellBlockIgnoredWarning = "SHELL_BLOCK_IGNORED";

    // How far back from a SEARCH marker a file name is looked for: past blank lines and fence lines only.
    private const int FileNameLookBack = 5;

    public static PatchSet Parse(string text, string? sourcePath, ParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = SplitLines(text.TrimStart('\uFEFF'));
        var warnings = new List<PatchWarning>();
        var byFile = new Dictionary<string, List<SearchReplaceModification>>(StringComparer.Ordinal);
        var fileOrder = new List<(string Path, int Line)>();
        string? currentFile = null;
        int number = 0;

        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (AiderFileName.IsShellFence(line) && SkipShellFence(lines, i) is int after)
            {
                warnings.Add(new PatchWarning(ShellBlockIgnoredWarning,
                    $"The {AiderMarkers.FenceInfo(line)} block at line {i + 1} was not run: PatchBuild applies edits and never runs commands from a patch.")
                {
                    Line = i + 1,
                    PatchFile = sourcePath,
                });
                i = after;
                continue;
            }

            if (!AiderMarkers.IsSearch(line))
            {
                continue;
            }

            var (named, afterProse) = FindFileName(lines, i);
            string file = named ?? currentFile ?? throw NoFileName(i, sourcePath);
            currentFile = file;
            var block = ReadBlock(lines, i, file, ++number, sourcePath);
            if (named is null && afterProse && block.Modification.AppendsToFile)
            {
                // Prose between blocks often names the next file in a sentence ("Now create src/b.cs:"); carrying the
                // previous name over would append a new file's content to the wrong one.
                throw NoFileName(i, sourcePath);
            }

            if (!byFile.TryGetValue(file, out var blocks))
            {
                blocks = [];
                byFile[file] = blocks;
                fileOrder.Add((file, i + 1));
            }

            blocks.Add(block.Modification);
            i = block.EndIndex;
        }

        if (number == 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, $"'{(sourcePath is null ? "The input" : Path.GetFileName(sourcePath))}' holds no SEARCH/REPLACE block.")
            {
                PatchFile = sourcePath,
                Hint = "An Aider edit is the file's path on its own line, then '<<<<<<< SEARCH', the lines to find, '=======', the new lines, and '>>>>>>> REPLACE'.",
            });
        }

        var files = fileOrder.Select(f =>
        {
            var blocks = byFile[f.Path];
            return new FileChange(f.Path, FileChangeKind.Modify)
            {
                Modifications = blocks,
                PatchLine = f.Line,
                CreateWhenMissing = blocks[0].AppendsToFile,
            };
        }).ToList();

        return new PatchSet(PatchFormat.Aider, files) { SourcePath = sourcePath, Text = text, Warnings = warnings };
    }

    private sealed record ParsedBlock(SearchReplaceModification Modification, int EndIndex);

    private static ParsedBlock ReadBlock(List<string> lines, int head, string file, int number, string? sourcePath)
    {
        int divider = FindClosing(lines, head + 1, l => AiderMarkers.IsDivider(l), "=======", head, sourcePath);
        int end = FindClosing(lines, divider + 1, l => AiderMarkers.IsReplace(l), ">>>>>>> REPLACE", head, sourcePath);
        var search = Unwrap(lines.GetRange(head + 1, divider - head - 1), file);
        var replace = Unwrap(lines.GetRange(divider + 1, end - divider - 1), file);

        var raw = new StringBuilder().Append(file).Append('\n');
        for (int k = head; k <= end; k++)
        {
            raw.Append(lines[k]).Append('\n');
        }

        var modification = new SearchReplaceModification(search, replace)
        {
            Number = number,
            PatchLine = head + 1,
            SearchLine = head + 2,
            ReplaceLine = divider + 2,
            RawText = raw.ToString(),
        };
        return new ParsedBlock(modification, end);
    }

    // The divider or REPLACE marker that closes a block; another block's SEARCH marker (or the end of the text)
    // before it means the model left this block unfinished.
    private static int FindClosing(List<string> lines, int from, Func<string, bool> isClosing, string marker, int head, string? sourcePath)
    {
        for (int k = from; k < lines.Count; k++)
        {
            if (isClosing(lines[k]))
            {
                return k;
            }

            if (AiderMarkers.IsSearch(lines[k]))
            {
                throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile,
                    $"The SEARCH/REPLACE block at line {head + 1} has no '{marker}' line before the next block starts at line {k + 1}.")
                {
                    Line = head + 1,
                    PatchFile = sourcePath,
                    Hint = "Each block is '<<<<<<< SEARCH', the lines to find, '=======', the new lines, then '>>>>>>> REPLACE'.",
                });
            }
        }

        throw new PatchException(new PatchError(ErrorCodes.PatchTruncated,
            $"The SEARCH/REPLACE block at line {head + 1} ends without its '{marker}' line: the answer looks cut off.")
        {
            Line = head + 1,
            PatchFile = sourcePath,
            Hint = "Ask the assistant to finish the block (or the whole answer) and apply it again.",
        });
    }

    // Models sometimes repeat the file name as the first line of the SEARCH text, or fence the text again inside
    // the block; neither belongs to the file (Aider drops both too).
    private static List<string> Unwrap(List<string> text, string file)
    {
        if (text.Count > 0 && (text[0].Trim() == file || text[0].Trim() == Path.GetFileName(file)))
        {
            text.RemoveAt(0);
        }

        if (text.Count >= 2 && AiderMarkers.IsFence(text[0]) && AiderMarkers.IsFence(text[^1]))
        {
            text = text.GetRange(1, text.Count - 2);
        }

        return text;
    }

    /// <summary>
    /// Walks back from the SEARCH marker over blank and fence lines: the first line that names a file wins, and so
    /// does a fence's info string that is a path. Anything else (prose, a previous block's marker) ends the search;
    /// <c>AfterProse</c> says the search ended at a line of prose.
    /// </summary>
    private static (string? Name, bool AfterProse) FindFileName(List<string> lines, int head)
    {
        for (int k = head - 1; k >= 0 && k >= head - FileNameLookBack; k--)
        {
            string line = lines[k];
            if (AiderMarkers.IsFence(line))
            {
                if (AiderFileName.FromFenceInfo(AiderMarkers.FenceInfo(line)) is { } fromInfo)
                {
                    return (fromInfo, false);
                }

                continue;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            var name = AiderFileName.FromLine(line);
            return (name, name is null && !AiderMarkers.IsAnyMarker(line) && !ElisionEdit.IsElisionLine(line));
        }

        return (null, false);
    }

    /// <summary>The index of the shell fence's closing line, or null when the fence holds a SEARCH/REPLACE block (a shell script being edited).</summary>
    private static int? SkipShellFence(List<string> lines, int open)
    {
        for (int k = open + 1; k < lines.Count; k++)
        {
            if (AiderMarkers.IsSearch(lines[k]))
            {
                return null;
            }

            if (AiderMarkers.IsFence(lines[k]))
            {
                return k;
            }
        }

        return lines.Count - 1;
    }

    private static PatchException NoFileName(int head, string? sourcePath) =>
        new(new PatchError(ErrorCodes.InvalidPatchFile, $"The SEARCH/REPLACE block at line {head + 1} does not say which file it edits.")
        {
            Line = head + 1,
            PatchFile = sourcePath,
            Hint = "Put the file's path alone on the line before the opening fence (or before '<<<<<<< SEARCH'), e.g. 'src/App/Program.cs'.",
        });

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.AsSpan(start).IndexOfAny('\r', '\n');
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            end += start;
            lines.Add(text[start..end]);
            start = text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
        }

        return lines;
    }
}
