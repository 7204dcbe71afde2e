using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// Turns one file's diff into file changes the planner runs in order: a created file becomes Create with the
/// hunk's content, a deleted one Delete with the content it must still have, a rename Rename then Modify.
/// </summary>
internal static class FileChangeBuilder
{
    private const string RegularFile = "100644";
    private const string ExecutableFile = "100755";

    /// <param name="number">1-based number of this file diff in the patch, used as its modification's number.</param>
    public static void Add(FileDiff diff, int number, List<FileChange> files, List<PatchWarning> warnings, string? sourcePath)
    {
        RejectUnsupported(diff, sourcePath);
        WarnAboutModes(diff, warnings, sourcePath);
        if (diff.IsNew)
        {
            RequireOnly(diff, DiffLineKind.Added, "creates", sourcePath);
            files.Add(new FileChange(diff.NewPath!, FileChangeKind.Create)
            {
                Content = Join(diff.Hunks, DiffLineKind.Removed, missingNewline: diff.Hunks.Count > 0 && diff.Hunks[^1].NewMissingFinalNewline),
                PatchLine = diff.HeaderLine,
            });
            return;
        }

        if (diff.IsDeleted)
        {
            RequireOnly(diff, DiffLineKind.Removed, "deletes", sourcePath);
            files.Add(new FileChange(diff.OldPath!, FileChangeKind.Delete)
            {
                ExpectedContent = Join(diff.Hunks, DiffLineKind.Added, missingNewline: diff.Hunks.Count > 0 && diff.Hunks[^1].OldMissingFinalNewline),
                PatchLine = diff.HeaderLine,
            });
            return;
        }

        string target = diff.NewPath!;
        if (diff.RenameFrom is not null && diff.RenameTo is not null)
        {
            files.Add(new FileChange(diff.RenameFrom, FileChangeKind.Rename) { NewPath = diff.RenameTo, PatchLine = diff.HeaderLine });
            target = diff.RenameTo;
        }

        if (diff.Hunks.Count > 0)
        {
            files.Add(new FileChange(target, FileChangeKind.Modify)
            {
                PatchLine = diff.HeaderLine,
                Modifications =
                [
                    new HunkModification
                    {
                        Hunks = diff.Hunks,
                        Number = number,
                        PatchLine = diff.Hunks[0].PatchLine,
                        RawTextSource = diff.RawText,
                    },
                ],
            });
        }
    }

    private static void RejectUnsupported(FileDiff diff, string? sourcePath)
    {
        if (diff.CopyFrom is not null || diff.CopyTo is not null)
        {
            throw new PatchException(new PatchError(ErrorCodes.Unsupported, $"The diff copies '{diff.CopyFrom}' to '{diff.CopyTo}'; PatchBuild does not apply git copies.")
            {
                File = diff.CopyTo,
                Line = diff.HeaderLine,
                PatchFile = sourcePath,
                Hint = "Regenerate the diff without copy detection (git diff without -C), so the copy becomes a new file, or apply it with git apply.",
            });
        }

        string? special = diff.NewMode is "120000" or "160000" ? diff.NewMode : diff.OldMode is "120000" or "160000" ? diff.OldMode : null;
        if (special is not null)
        {
            string what = special == "120000" ? "a symbolic link" : "a submodule";
            throw new PatchException(new PatchError(ErrorCodes.Unsupported, $"The diff of '{diff.Label}' changes {what} (mode {special}); PatchBuild patches regular files only.")
            {
                File = diff.Label,
                Line = diff.HeaderLine,
                PatchFile = sourcePath,
                Hint = special == "120000" ? "Create or change the link by hand, or apply this part with git apply." : "Update the submodule with git submodule update.",
            });
        }

        if (diff.IsNew && diff.IsDeleted)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, $"The diff of '{diff.Label}' (line {diff.HeaderLine}) both creates and deletes the file.")
            {
                Line = diff.HeaderLine,
                PatchFile = sourcePath,
                Hint = "One side of a file diff may be /dev/null, not both; regenerate the diff.",
            });
        }
    }

    // The workspace writes contents, not permissions: say so rather than silently dropping an executable bit.
    private static void WarnAboutModes(FileDiff diff, List<PatchWarning> warnings, string? sourcePath)
    {
        bool modeChange = diff.OldMode is not null && diff.NewMode is not null && diff.OldMode != diff.NewMode && !diff.IsNew && !diff.IsDeleted;
        bool executableCreated = diff.IsNew && diff.NewMode == ExecutableFile;
        if (modeChange || executableCreated)
        {
            string message = modeChange
                ? $"The diff changes the mode of '{diff.Label}' from {diff.OldMode} to {diff.NewMode}; PatchBuild changes contents only, so set the mode by hand (chmod, or git update-index --chmod)."
                : $"The diff creates '{diff.Label}' as executable ({ExecutableFile}); PatchBuild creates it as a regular file ({RegularFile}), so set the mode by hand.";
            warnings.Add(new PatchWarning(UnifiedDiffParser.ModeIgnoredWarning, message) { File = diff.Label, Line = diff.HeaderLine, PatchFile = sourcePath });
        }
    }

    private static void RequireOnly(FileDiff diff, DiffLineKind allowed, string verb, string? sourcePath)
    {
        foreach (var hunk in diff.Hunks)
        {
            if (hunk.Lines.Any(l => l.Kind != allowed))
            {
                throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, $"The diff {verb} '{diff.Label}', but hunk {hunk.Number} ({hunk.Header}) has {(allowed == DiffLineKind.Added ? "context or removed" : "context or added")} lines.")
                {
                    Line = hunk.PatchLine,
                    PatchFile = sourcePath,
                    Hint = allowed == DiffLineKind.Added
                        ? "A new file's hunk has only '+' lines ('--- /dev/null'); to change an existing file give its path on the '---' line."
                        : "A deleted file's hunk has only '-' lines ('+++ /dev/null'); to change the file give its path on the '+++' line.",
                });
            }
        }
    }

    private static string Join(IReadOnlyList<DiffHunk> hunks, DiffLineKind excluded, bool missingNewline)
    {
        var lines = hunks.SelectMany(h => h.Lines).Where(l => l.Kind != excluded).Select(l => l.Text).ToList();
        return lines.Count == 0 ? "" : string.Join('\n', lines) + (missingNewline ? "" : "\n");
    }
}
