using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// Parses plain and git-style unified diffs into the common model. Text before, between and after file diffs
/// (mail headers, commit messages, diffstats, signatures) is ignored. Never touches the disk.
/// </summary>
public static class UnifiedDiffParser
{
    public const string ModeIgnoredWarning = "MODE_IGNORED";

    public static PatchSet Parse(string text, string? sourcePath, ParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new DiffLines(text, sourcePath);
        var files = new List<FileChange>();
        var warnings = new List<PatchWarning>();
        var reader = new HunkReader(lines, lenient: !options.Strict, warnings);
        int fileDiffs = 0;
        while (lines.Index < lines.Count)
        {
            string line = lines.Current;
            FileDiff? diff = null;
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                diff = FileDiffReader.ReadGit(lines, reader);
            }
            else if (lines.AtPlainFileHeader)
            {
                diff = FileDiffReader.ReadPlain(lines, reader);
            }
            else if (line.StartsWith("Binary files ", StringComparison.Ordinal) && line.EndsWith(" differ", StringComparison.Ordinal))
            {
                throw FileDiffReader.Binary(line["Binary files ".Length..^" differ".Length], lines.LineNumber, sourcePath);
            }
            else if (line.StartsWith("@@ -", StringComparison.Ordinal))
            {
                throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, $"Hunk at line {lines.LineNumber} has no file header: the diff does not say which file it changes.")
                {
                    Line = lines.LineNumber,
                    PatchFile = sourcePath,
                    Hint = "Put '--- a/path' and '+++ b/path' lines before the first @@ hunk (git diff writes them).",
                });
            }
            else
            {
                lines.Index++;
                continue;
            }

            FileChangeBuilder.Add(options.Reverse ? DiffReversal.Reverse(diff) : diff, ++fileDiffs, files, warnings, sourcePath);
        }

        if (fileDiffs == 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, $"'{(sourcePath is null ? "The input" : Path.GetFileName(sourcePath))}' holds no file diff.")
            {
                PatchFile = sourcePath,
                Hint = "A unified diff has, per file, '--- a/path' and '+++ b/path' lines (or 'diff --git a/path b/path') followed by @@ hunks.",
            });
        }

        return new PatchSet(PatchFormat.UnifiedDiff, files) { SourcePath = sourcePath, Text = text, Warnings = warnings };
    }

    /// <summary>
    /// Parses bare hunks (a diff body without file headers, as a patch.json "diff" may carry) into a modification
    /// of a file the caller names. Headers before the first hunk are skipped.
    /// </summary>
    public static HunkModification ParseHunks(string text, string fileLabel, string? sourcePath = null, int number = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new DiffLines(text, sourcePath);
        var reader = new HunkReader(lines);
        while (lines.Index < lines.Count && !reader.AtHunk)
        {
            lines.Index++;
        }

        int first = lines.Index;
        var hunks = reader.ReadAll(fileLabel);
        if (hunks.Count == 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, $"The diff for '{fileLabel}' has no @@ hunk.")
            {
                PatchFile = sourcePath,
                Hint = "Give at least one hunk: '@@ -start,count +start,count @@' followed by ' ', '-' and '+' lines.",
            });
        }

        return new HunkModification
        {
            Hunks = hunks,
            Number = number,
            PatchLine = first + 1,
            RawTextSource = lines.Section(first, lines.Index),
        };
    }
}
