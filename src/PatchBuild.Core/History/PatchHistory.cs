namespace PatchBuild.Core.History;

/// <summary>The history of a workspace, read from its journal: entries oldest first.</summary>
public sealed class PatchHistory
{
    private PatchHistory(HistoryPaths paths, IReadOnlyList<HistoryEntry> entries)
    {
        Paths = paths;
        Entries = entries;
    }

    public HistoryPaths Paths { get; }

    public IReadOnlyList<HistoryEntry> Entries { get; }

    /// <summary>Applied entries still in effect, newest first: what a rollback can undo.</summary>
    public IEnumerable<HistoryEntry> Undoable => Entries.Reverse().Where(e => e.Kind == JournalRecord.KindApply && e.Status == HistoryStatus.Applied);

    public HistoryEntry? Find(string id) => Entries.FirstOrDefault(e => e.Id.Equals(id, StringComparison.OrdinalIgnoreCase))
        ?? Entries.SingleOrDefaultIfUnique(e => e.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase));

    public static PatchHistory Read(HistoryPaths paths) => FromRecords(paths, new HistoryJournal(paths.Journal).ReadAll());

    public static PatchHistory FromRecords(HistoryPaths paths, IReadOnlyList<JournalRecord> records)
    {
        var byId = records.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var rolledBackBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in records.Where(r => r.Type == JournalRecord.RolledBack && r.By is not null))
        {
            rolledBackBy[record.Id] = record.By!;
        }

        // A rollback that finished undid its entries even if the process died before writing "rolledback".
        var doneIds = records.Where(r => r.Type == JournalRecord.Done).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var rollback in records.Where(r => r.Type == JournalRecord.Begin && r.Kind == JournalRecord.KindRollback && doneIds.Contains(r.Id)))
        {
            foreach (string id in rollback.RollsBack ?? [])
            {
                rolledBackBy.TryAdd(id, rollback.Id);
            }
        }

        var entries = new List<HistoryEntry>();
        foreach (var begin in records.Where(r => r.Type == JournalRecord.Begin))
        {
            var later = byId[begin.Id];
            var done = later.FirstOrDefault(r => r.Type == JournalRecord.Done);
            var aborted = later.FirstOrDefault(r => r.Type == JournalRecord.Aborted);
            bool pruned = later.Any(r => r.Type == JournalRecord.Pruned);
            var status = done is not null
                ? (rolledBackBy.ContainsKey(begin.Id) ? HistoryStatus.RolledBack : HistoryStatus.Applied)
                : aborted is not null
                    ? (aborted.Reason == HistoryRecovery.RecoveredReason ? HistoryStatus.Recovered : HistoryStatus.Failed)
                    : HistoryStatus.Unfinished;
            string? pack = begin.Backups is null ? null : paths.ResolvePack(begin.Backups);
            entries.Add(new HistoryEntry(begin.Id, begin.Kind ?? JournalRecord.KindApply, status, begin.Time)
            {
                Finished = (done ?? aborted)?.Time,
                Summary = begin.Summary,
                ToolVersion = begin.ToolVersion,
                Root = begin.Root,
                Patches = begin.Patches ?? [],
                Files = (begin.Files ?? []).Select(f => new HistoryFile(f.Path, f.Action, f.Before?.Hash, f.After?.Hash)).ToList(),
                BackupPath = pack,
                BackupsAvailable = !pruned && begin.BackupsKept != false && pack is not null && File.Exists(pack),
                RollsBack = begin.RollsBack ?? [],
                RolledBackBy = rolledBackBy.GetValueOrDefault(begin.Id),
                Reason = aborted?.Reason,
                BeginRecord = begin,
            });
        }

        return new PatchHistory(paths, entries);
    }
}

internal static class EnumerableExtensions
{
    public static T? SingleOrDefaultIfUnique<T>(this IEnumerable<T> source, Func<T, bool> predicate) where T : class
    {
        var matches = source.Where(predicate).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
