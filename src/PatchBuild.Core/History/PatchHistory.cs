using PatchBuild.Core.Model;
using PatchBuild.Core.State;

namespace PatchBuild.Core.History;

/// <summary>The history of a workspace, read from its journal: entries oldest first.</summary>
public sealed class PatchHistory
{
    private PatchHistory(HistoryPaths paths, IReadOnlyList<HistoryEntry> entries, IReadOnlyList<PatchWarning> warnings)
    {
        Paths = paths;
        Entries = entries;
        Warnings = warnings;
    }

    public HistoryPaths Paths { get; }

    public IReadOnlyList<HistoryEntry> Entries { get; }

    /// <summary>Journal lines that were skipped, with their line numbers.</summary>
    public IReadOnlyList<PatchWarning> Warnings { get; }

    /// <summary>
    /// Applied entries still in effect that this machine and user wrote, newest first: what a rollback can undo.
    /// </summary>
    public IEnumerable<HistoryEntry> Undoable => Entries.Reverse().Where(e => e.Kind == JournalRecord.KindApply && e.Status == HistoryStatus.Applied && e.WrittenHere);

    public HistoryEntry? Find(string id) => Entries.FirstOrDefault(e => e.Id.Equals(id, StringComparison.OrdinalIgnoreCase))
        ?? Entries.SingleOrDefaultIfUnique(e => e.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the journal; writes nothing. Throws HISTORY_ERROR when the state folder or journal is a link.</summary>
    public static PatchHistory Read(HistoryPaths paths)
    {
        if (paths.Folder.Exists)
        {
            paths.Folder.Verify();
        }

        var contents = new JournalReader(paths.Journal).Read();
        return FromEntries(paths, JournalEntries.From(contents), HistorySession.JournalWarnings(paths, contents.Problems).ToList());
    }

    private static PatchHistory FromEntries(HistoryPaths paths, IReadOnlyList<JournalEntry> journalEntries, IReadOnlyList<PatchWarning> warnings)
    {
        var entries = journalEntries.Select(entry =>
        {
            var begin = entry.Begin;
            string? pack = begin.Backups is null ? null : paths.ResolvePack(begin.Backups);
            return new HistoryEntry(entry.Id, entry.Kind, StatusOf(entry.State), begin.Time)
            {
                Finished = entry.Finished,
                Summary = begin.Summary,
                ToolVersion = begin.ToolVersion,
                Root = begin.Root,
                Patches = begin.Patches ?? [],
                Files = (begin.Files ?? []).Select(f => new HistoryFile(f.Path, f.Action, f.Before?.Hash, f.After?.Hash)).ToList(),
                BackupPath = pack,
                BackupsAvailable = !entry.Pruned && begin.BackupsKept != false && pack is not null && File.Exists(pack),
                RollsBack = begin.RollsBack ?? [],
                RolledBackBy = entry.RolledBackBy,
                Reason = entry.Reason,
                WrittenHere = entry.WrittenHere,
                BeginRecord = begin,
            };
        }).ToList();
        return new PatchHistory(paths, entries, warnings);
    }

    private static HistoryStatus StatusOf(EntryState state) => state switch
    {
        EntryState.Committed => HistoryStatus.Applied,
        EntryState.RolledBack => HistoryStatus.RolledBack,
        EntryState.Aborted => HistoryStatus.Failed,
        EntryState.Interrupted => HistoryStatus.Recovered,
        _ => HistoryStatus.Unfinished,
    };
}

internal static class EnumerableExtensions
{
    public static T? SingleOrDefaultIfUnique<T>(this IEnumerable<T> source, Func<T, bool> predicate) where T : class
    {
        var matches = source.Where(predicate).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
