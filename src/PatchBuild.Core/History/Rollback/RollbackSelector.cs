using PatchBuild.Core.Model;
using PatchBuild.Core.State;

namespace PatchBuild.Core.History.Rollback;

/// <summary>Picks the entries a rollback undoes, newest first, or explains why there are none.</summary>
public static class RollbackSelector
{
    public static IReadOnlyList<HistoryEntry> Select(PatchHistory history, RollbackOptions options)
    {
        int selectors = (options.Id is null ? 0 : 1) + (options.File is null ? 0 : 1) + (options.Count is null ? 0 : 1);
        if (selectors > 1)
        {
            throw new PatchException(ErrorCodes.InvalidModification, "Choose one of --id, --file and --count.", "Give a single way to pick the patches to roll back.");
        }

        var undoable = history.Undoable.ToList();
        if (options.Id is { } id)
        {
            var entry = history.Find(id) ?? throw Nothing($"No history entry has the id '{id}'.", "Run 'patchbuild history' to see the ids.");
            if (entry.Kind != JournalRecord.KindApply || entry.Status != HistoryStatus.Applied)
            {
                throw Nothing($"Entry {entry.Id} cannot be rolled back: it is {Describe(entry)}.", "Run 'patchbuild history' to see which entries are still applied.");
            }

            if (!entry.WrittenHere)
            {
                throw Nothing($"Entry {entry.Id} was not written by this machine and user, so its backups are not trusted and it cannot be rolled back here.",
                    "Roll it back where it was applied, or restore the files from version control.");
            }

            return [entry];
        }

        if (options.File is { } file)
        {
            string relative = Path.GetRelativePath(history.Paths.WorkspaceRoot, Path.GetFullPath(file)).Replace('\\', '/');
            var entry = undoable.FirstOrDefault(e => e.Files.Any(f => f.Path == relative))
                ?? throw Nothing($"No applied patch in the history touched '{relative}'.", "Check the path; it is relative to the current folder.");
            return [entry];
        }

        int count = options.Count ?? 1;
        if (count < 1)
        {
            throw new PatchException(ErrorCodes.InvalidModification, "--count takes a number of patches, 1 or more.", "Use --count 1 for the last patch.");
        }

        if (undoable.Count == 0)
        {
            throw Nothing("There is no applied patch to roll back.", "Run 'patchbuild history' to see what was applied and rolled back.");
        }

        if (undoable.Count < count)
        {
            throw Nothing($"Only {undoable.Count} applied patch(es) can be rolled back, not {count}.", $"Use --count {undoable.Count} or less.");
        }

        return undoable.Take(count).ToList();
    }

    private static string Describe(HistoryEntry entry) => entry.Kind == JournalRecord.KindRollback
        ? "a rollback itself"
        : entry.Status switch
        {
            HistoryStatus.RolledBack => $"already rolled back (by {entry.RolledBackBy})",
            HistoryStatus.Failed => "a commit that failed and changed nothing",
            HistoryStatus.Recovered => "a commit that was interrupted and undone",
            _ => "unfinished",
        };

    private static PatchException Nothing(string message, string hint) => new(new PatchError(ErrorCodes.NothingToRollBack, message) { Hint = hint });
}
