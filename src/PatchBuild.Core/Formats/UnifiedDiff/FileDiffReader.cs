using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>Reads one file's section: a git diff ("diff --git" and its extended header) or a plain one ("---"/"+++").</summary>
internal static class FileDiffReader
{
    public static FileDiff ReadGit(DiffLines lines, HunkReader reader)
    {
        int start = lines.Index;
        var (headerOld, headerNew) = GitPath.SplitGitHeader(lines.Current["diff --git ".Length..]);
        var diff = new FileDiff { HeaderLine = lines.LineNumber };
        lines.Index++;
        for (; lines.Index < lines.Count; lines.Index++)
        {
            string line = lines.Current;
            if (!ReadExtendedHeader(line, diff))
            {
                if (line.StartsWith("GIT binary patch", StringComparison.Ordinal) || line.StartsWith("Binary files ", StringComparison.Ordinal))
                {
                    throw Binary(Strip(headerNew, "b/") ?? diff.RenameTo ?? Strip(headerOld, "a/") ?? "(unnamed file)", lines.LineNumber, lines.SourcePath);
                }

                break;
            }
        }

        // git writes a/ and b/ unless told otherwise (--no-prefix); the header line shows which.
        bool prefixed = headerOld is null || headerNew is null || (headerOld.StartsWith("a/", StringComparison.Ordinal) && headerNew.StartsWith("b/", StringComparison.Ordinal));
        if (lines.AtPlainFileHeader)
        {
            string? oldPath = GitPath.FromFileLine(lines.Current[4..]);
            string? newPath = GitPath.FromFileLine(lines[lines.Index + 1][4..]);
            diff.OldPath = prefixed ? Strip(oldPath, "a/") : oldPath;
            diff.NewPath = prefixed ? Strip(newPath, "b/") : newPath;
            diff.IsNew |= oldPath is null;
            diff.IsDeleted |= newPath is null;
            lines.Index += 2;
            diff.Hunks = ReadHunks(lines, reader, diff);
        }
        else
        {
            diff.OldPath = diff.IsNew ? null : diff.RenameFrom ?? diff.CopyFrom ?? (prefixed ? Strip(headerOld, "a/") : headerOld);
            diff.NewPath = diff.IsDeleted ? null : diff.RenameTo ?? diff.CopyTo ?? (prefixed ? Strip(headerNew, "b/") : headerNew);
            if (diff.OldPath is null && diff.NewPath is null)
            {
                throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, $"Cannot read the file names of the git diff header at line {diff.HeaderLine}.")
                {
                    Line = diff.HeaderLine,
                    PatchFile = lines.SourcePath,
                    Hint = "Write it as 'diff --git a/path b/path'; quote names with spaces the way git does (\"a/my file\").",
                });
            }
        }

        diff.RawText = lines.Section(start, lines.Index);
        return diff;
    }

    public static FileDiff ReadPlain(DiffLines lines, HunkReader reader)
    {
        int start = lines.Index;
        string? oldPath = GitPath.FromFileLine(lines.Current[4..]);
        string? newPath = GitPath.FromFileLine(lines[lines.Index + 1][4..]);
        var diff = new FileDiff { HeaderLine = lines.LineNumber, IsNew = oldPath is null, IsDeleted = newPath is null };
        (diff.OldPath, diff.NewPath) = WithoutPrefixes(oldPath, newPath);
        lines.Index += 2;
        diff.Hunks = ReadHunks(lines, reader, diff);
        diff.RawText = lines.Section(start, lines.Index);
        return diff;
    }

    public static PatchException Binary(string file, int line, string? sourcePath) =>
        new(new PatchError(ErrorCodes.Unsupported, $"The diff of '{file}' is a binary diff; PatchBuild applies text diffs only.")
        {
            File = file,
            Line = line,
            PatchFile = sourcePath,
            Hint = "Apply binary changes with git apply (it reads 'GIT binary patch' sections), or leave them out of this patch.",
        });

    private static List<DiffHunk> ReadHunks(DiffLines lines, HunkReader reader, FileDiff diff)
    {
        var hunks = reader.ReadAll(diff.Label);
        if (hunks.Count == 0)
        {
            bool binary = lines.Index < lines.Count && lines.Current.StartsWith("GIT binary patch", StringComparison.Ordinal);
            if (binary)
            {
                throw Binary(diff.Label, lines.LineNumber, lines.SourcePath);
            }

            throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, $"The diff of '{diff.Label}' (line {diff.HeaderLine}) has '---' and '+++' lines but no @@ hunk.")
            {
                Line = diff.HeaderLine,
                PatchFile = lines.SourcePath,
                Hint = "After '+++ b/path' come hunks: '@@ -start,count +start,count @@' followed by ' ', '-' and '+' lines.",
            });
        }

        return hunks;
    }

    private static bool ReadExtendedHeader(string line, FileDiff diff)
    {
        if (Value(line, "old mode ") is { } oldMode)
        {
            diff.OldMode = oldMode;
        }
        else if (Value(line, "new mode ") is { } newMode)
        {
            diff.NewMode = newMode;
        }
        else if (Value(line, "new file mode ") is { } createdMode)
        {
            diff.IsNew = true;
            diff.NewMode = createdMode;
        }
        else if (Value(line, "deleted file mode ") is { } deletedMode)
        {
            diff.IsDeleted = true;
            diff.OldMode = deletedMode;
        }
        else if (Value(line, "rename from ") is { } renameFrom)
        {
            diff.RenameFrom = GitPath.FromHeaderValue(renameFrom);
        }
        else if (Value(line, "rename to ") is { } renameTo)
        {
            diff.RenameTo = GitPath.FromHeaderValue(renameTo);
        }
        else if (Value(line, "copy from ") is { } copyFrom)
        {
            diff.CopyFrom = GitPath.FromHeaderValue(copyFrom);
        }
        else if (Value(line, "copy to ") is { } copyTo)
        {
            diff.CopyTo = GitPath.FromHeaderValue(copyTo);
        }
        else
        {
            return Value(line, "similarity index ") is not null || Value(line, "dissimilarity index ") is not null || Value(line, "index ") is not null;
        }

        return true;
    }

    private static string? Value(string line, string key) => line.StartsWith(key, StringComparison.Ordinal) ? line[key.Length..].Trim() : null;

    private static string? Strip(string? path, string prefix) =>
        path is not null && path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;

    // Plain diffs carry whatever names the tool saw: "a/x" and "b/x" (like git), "old/x" and "new/x" (diff -ru),
    // or "x.orig" and "x". Each pair names one target file.
    private static (string? Old, string? New) WithoutPrefixes(string? oldPath, string? newPath)
    {
        bool gitLike = (oldPath is null || oldPath.StartsWith("a/", StringComparison.Ordinal)) &&
                       (newPath is null || newPath.StartsWith("b/", StringComparison.Ordinal));
        if (gitLike)
        {
            return (Strip(oldPath, "a/"), Strip(newPath, "b/"));
        }

        if (oldPath is null || newPath is null || oldPath == newPath)
        {
            return (oldPath, newPath);
        }

        if (oldPath.Contains('/') && newPath.Contains('/') && GitPath.WithoutFirstComponent(oldPath) == GitPath.WithoutFirstComponent(newPath))
        {
            string path = GitPath.WithoutFirstComponent(oldPath);
            return (path, path);
        }

        // "x.orig" against "x" (or the reverse): the shorter name is the real file.
        string target = oldPath.StartsWith(newPath, StringComparison.Ordinal) ? newPath
            : newPath.StartsWith(oldPath, StringComparison.Ordinal) ? oldPath
            : newPath;
        return (target, target);
    }
}
