using System.Globalization;
using System.Text.RegularExpressions;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.JsonPatch;

// TEMPORARY (delete when the unified-diff branch lands; see PatchJsonDiffBridge): a minimal reader and exact-context
// applier for single-file unified diffs, only so patch.json's "diff" works and its agreement check can be tested.
// It does no offset search beyond "nearest exact match", no fuzz, no renames or file creation.
internal static class PatchJsonDiffShim
{
    private static readonly Regex HunkHeader = new(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", RegexOptions.NonBacktracking);

    public static IReadOnlyList<IModificationApplier> Appliers { get; } = [new ShimHunkApplier()];

    public static PatchSet Parse(string diff, ParseOptions options)
    {
        var lines = diff.ReplaceLineEndings("\n").Split('\n');
        var hunks = new List<Modification>();
        ShimHunk? current = null;
        int remainingOld = 0, remainingNew = 0;
        foreach (string line in lines)
        {
            var header = HunkHeader.Match(line);
            if (header.Success)
            {
                Close();
                remainingOld = header.Groups[2].Success ? int.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
                remainingNew = header.Groups[4].Success ? int.Parse(header.Groups[4].Value, CultureInfo.InvariantCulture) : 1;
                current = new ShimHunk(int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture));
                continue;
            }

            if (current is null || (remainingOld == 0 && remainingNew == 0))
            {
                continue;
            }

            char marker = line.Length == 0 ? ' ' : line[0];
            string body = line.Length == 0 ? "" : line[1..];
            switch (marker)
            {
                case ' ':
                    current.Old.Add(body);
                    current.New.Add(body);
                    remainingOld--;
                    remainingNew--;
                    break;
                case '-':
                    current.Old.Add(body);
                    remainingOld--;
                    break;
                case '+':
                    current.New.Add(body);
                    remainingNew--;
                    break;
                case '\\':
                    break;
                default:
                    throw new PatchException(ErrorCodes.InvalidPatchFile, $"unexpected line in a hunk: '{line}'", "Each hunk line starts with ' ', '-' or '+'.");
            }
        }

        Close();
        if (hunks.Count == 0)
        {
            throw new PatchException(ErrorCodes.InvalidPatchFile, "it has no hunk (no line starting with '@@')", "Give the diff as 'git diff' prints it.");
        }

        return new PatchSet(PatchFormat.UnifiedDiff, [new FileChange("", FileChangeKind.Modify) { Modifications = hunks }]);

        void Close()
        {
            if (current is not null)
            {
                hunks.Add(new ShimHunkModification(current.OldStart, current.Old, current.New));
            }

            current = null;
        }
    }

    private sealed class ShimHunk(int oldStart)
    {
        public int OldStart { get; } = oldStart;
        public List<string> Old { get; } = [];
        public List<string> New { get; } = [];
    }
}

internal sealed record ShimHunkModification(int OldStart, IReadOnlyList<string> OldLines, IReadOnlyList<string> NewLines) : Modification;

internal sealed class ShimHunkApplier : IModificationApplier
{
    public bool CanApply(Modification modification) => modification is ShimHunkModification;

    public ModificationOutcome Apply(Modification modification, FileEditContext context)
    {
        var hunk = (ShimHunkModification)modification;
        var lines = context.Document.Lines;
        int best = -1;
        for (int start = 0; start + hunk.OldLines.Count <= lines.Count; start++)
        {
            if (Matches(lines, start, hunk.OldLines) && (best < 0 || Math.Abs(start - (hunk.OldStart - 1)) < Math.Abs(best - (hunk.OldStart - 1))))
            {
                best = start;
            }
        }

        if (best < 0)
        {
            throw new PatchException(ErrorCodes.SnippetNotFound, $"a hunk of the diff (at line {hunk.OldStart}) does not match '{context.Path.Relative}'.",
                "Make the diff against the file's current content.");
        }

        lines.RemoveRange(best, hunk.OldLines.Count);
        lines.InsertRange(best, hunk.NewLines);
        return ModificationOutcome.Applied();
    }

    private static bool Matches(List<string> lines, int start, IReadOnlyList<string> expected)
    {
        for (int i = 0; i < expected.Count; i++)
        {
            if (!string.Equals(lines[start + i], expected[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
