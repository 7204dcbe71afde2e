namespace PatchBuild.Core.State;

/// <summary>Where a journal entry stands, from the records written about it.</summary>
public enum EntryState
{
    /// <summary>"begin" and nothing after: in progress now, or cut off by a crash and waiting for recovery.</summary>
    Begun,
    /// <summary>"done": every file was written.</summary>
    Committed,
    /// <summary>Committed, then undone by a later rollback.</summary>
    RolledBack,
    /// <summary>A write failed and the files were put back at once ("aborted").</summary>
    Aborted,
    /// <summary>The process died mid-commit and recovery put the files back ("aborted" by recovery).</summary>
    Interrupted,
}

/// <summary>One commit as the journal tells it: its "begin" record, the line it is on, and its state.</summary>
public sealed record JournalEntry(string Id, JournalRecord Begin, int Line, EntryState State)
{
    public string Kind => Begin.Kind ?? JournalRecord.KindApply;

    /// <summary>The time of "done" or "aborted".</summary>
    public DateTimeOffset? Finished { get; init; }

    public bool Pruned { get; init; }

    public string? Reason { get; init; }

    /// <summary>For a rolled-back entry: the rollback that undid it.</summary>
    public string? RolledBackBy { get; init; }

    /// <summary>Whether this machine and user wrote the entry's "begin" record (<see cref="MachineIdentity"/>).</summary>
    public bool WrittenHere { get; init; }
}

/// <summary>
/// The one reading of a journal's records into entries and their states. History, recovery, the hook's checks and
/// "was this patch applied already" all ask here, so they cannot disagree about what a record means.
/// </summary>
public static class JournalEntries
{
    public const string RecoveredReason = "interrupted; undone by recovery";

    public static IReadOnlyList<JournalEntry> From(JournalContents contents, MachineIdentity? identity = null)
    {
        identity ??= MachineIdentity.Current;
        var records = contents.Lines;
        var rolledBackBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in records.Where(l => l.Record.Type == JournalRecord.RolledBack && l.Record.By is not null))
        {
            rolledBackBy[line.Record.Id] = line.Record.By!;
        }

        // A rollback that finished undid its entries even if the process died before writing "rolledback".
        var done = records.Where(l => l.Record.Type == JournalRecord.Done).Select(l => l.Record.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var rollback in records.Select(l => l.Record).Where(r => r.Type == JournalRecord.Begin && r.Kind == JournalRecord.KindRollback && done.Contains(r.Id)))
        {
            foreach (string id in rollback.RollsBack ?? [])
            {
                rolledBackBy.TryAdd(id, rollback.Id);
            }
        }

        var later = records.GroupBy(l => l.Record.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(l => l.Record).ToList(), StringComparer.Ordinal);
        var entries = new List<JournalEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in records.Where(l => l.Record.Type == JournalRecord.Begin))
        {
            var begin = line.Record;
            // A second "begin" under an id already seen is not a new entry: ids are unique, so it is forged or damaged.
            if (!seen.Add(begin.Id))
            {
                continue;
            }

            var finish = later[begin.Id];
            var doneRecord = finish.FirstOrDefault(r => r.Type == JournalRecord.Done);
            var aborted = finish.FirstOrDefault(r => r.Type == JournalRecord.Aborted);
            var state = doneRecord is not null
                ? (rolledBackBy.ContainsKey(begin.Id) ? EntryState.RolledBack : EntryState.Committed)
                : aborted is not null
                    ? (aborted.Reason?.StartsWith(RecoveredReason, StringComparison.Ordinal) == true ? EntryState.Interrupted : EntryState.Aborted)
                    : EntryState.Begun;
            entries.Add(new JournalEntry(begin.Id, begin, line.Number, state)
            {
                Finished = (doneRecord ?? aborted)?.Time,
                Pruned = finish.Any(r => r.Type == JournalRecord.Pruned),
                Reason = aborted?.Reason,
                RolledBackBy = rolledBackBy.GetValueOrDefault(begin.Id),
                WrittenHere = identity.Wrote(begin),
            });
        }

        return entries;
    }

    /// <summary>
    /// Hashes of the patch files whose apply is committed and not undone, from entries this machine and user wrote:
    /// a DELETE of code that is already gone is "applied before" only on our own word.
    /// </summary>
    public static HashSet<string> AppliedPatchHashes(IReadOnlyList<JournalEntry> entries) =>
        entries.Where(e => e.State == EntryState.Committed && e.Kind == JournalRecord.KindApply && e.WrittenHere)
            .SelectMany(e => e.Begin.Patches ?? [])
            .Select(p => p.Hash)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}
