using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.History.Merge;

/// <summary>
/// Plans a whole-file change that knows the content it was made against (<see cref="FileChange.BaseHash"/>): when the
/// file still has that content, or already has the new one, the ordinary replace applies; when it changed since,
/// the change is merged three ways (base: the patch's base, ours: the file now, theirs: the patch's content).
/// </summary>
public static class BaseMergePlanner
{
    private const string TheirsName = "the patch";

    /// <summary>What the merge did (applied or skipped), and a note for the file's result.</summary>
    public sealed record Outcome(FileStatus Status, string Note);

    /// <summary>
    /// Returns null when the ordinary replace applies; otherwise plans the merge into the workspace and says what it
    /// did. Conflicts are added to <paramref name="conflicts"/>; unresolved ones throw CONFLICT.
    /// </summary>
    public static Outcome? Plan(PatchWorkspace workspace, WorkspacePath path, FileChange change, ApplyOptions options, List<MergeConflict> conflicts)
    {
        if (change.BaseHash is null || change.Content is null)
        {
            return null;
        }

        string? current = workspace.GetText(path);
        if (current is null)
        {
            return change.ExpectedContent is null or "" ? null : Deleted(path, options, conflicts);
        }

        if (ContentHash.OfText(current) == change.BaseHash || Normalize(current) == Normalize(change.Content))
        {
            return null;
        }

        if (change.ExpectedContent is null || ContentHash.OfText(change.ExpectedContent) != change.BaseHash)
        {
            throw new PatchException(new PatchError(ErrorCodes.Conflict, $"'{path.Relative}' changed since the patch was made, and the patch does not carry the content it was made against.")
            {
                File = path.Relative,
                Hint = "Make the patch again against the file as it is now.",
            });
        }

        var document = workspace.GetDocument(path)!;
        var merge = TextMerge.Merge(
            FileEncoding.Encode(change.ExpectedContent, false),
            FileEncoding.Encode(current, document.HasBom),
            FileEncoding.Encode(change.Content, false),
            path.Relative,
            conflicts.Count,
            options.MergeStrategy,
            options.ConflictResolutions,
            TheirsName);
        conflicts.AddRange(merge.Conflicts);
        if (merge.HasUnresolved)
        {
            throw Unresolved(path, merge.Conflicts);
        }

        workspace.SetBytes(path, merge.Bytes);
        return new Outcome(FileStatus.Applied, merge.Conflicts.Count == 0
            ? "merged three ways: the file changed since the patch was made, in other lines"
            : $"merged three ways with {merge.Conflicts.Count} conflict(s) settled: {string.Join(", ", merge.Conflicts.Select(c => $"line {c.Line} {c.Resolution!.Value.Name()}"))}");
    }

    private static Outcome? Deleted(WorkspacePath path, ApplyOptions options, List<MergeConflict> conflicts)
    {
        int index = conflicts.Count;
        MergeStrategy? resolution = options.ConflictResolutions is not null && options.ConflictResolutions.TryGetValue(index, out var chosen) ? chosen : options.MergeStrategy;
        var conflict = new MergeConflict(index, path.Relative, 1, "the file was deleted since the patch was made; the patch changes it") { Resolution = resolution };
        conflicts.Add(conflict);
        if (resolution is null)
        {
            throw Unresolved(path, [conflict]);
        }

        // Ours keeps the deletion; any other answer takes the patch's content.
        return resolution == MergeStrategy.Ours ? new Outcome(FileStatus.Skipped, "kept deleted (conflict settled: ours)") : null;
    }

    private static PatchException Unresolved(WorkspacePath path, IReadOnlyList<MergeConflict> conflicts)
    {
        var open = conflicts.Where(c => c.Resolution is null).ToList();
        string list = string.Join("; ", open.Select(c => $"#{c.Index} line {c.Line}: {c.Reason}"));
        return new PatchException(new PatchError(ErrorCodes.Conflict, $"'{path.Relative}' changed since the patch was made and {open.Count} change(s) overlap: {list}.")
        {
            File = path.Relative,
            Line = open[0].Line,
            Hint = "Choose how to settle overlaps: --strategy ours|theirs|union|manual (manual writes conflict markers), or answer each conflict by its number through the API.",
            Context = new Dictionary<string, object?> { ["conflicts"] = open.Select(c => new Dictionary<string, object?> { ["index"] = c.Index, ["line"] = c.Line, ["reason"] = c.Reason }).ToList() },
        });
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n');
}
