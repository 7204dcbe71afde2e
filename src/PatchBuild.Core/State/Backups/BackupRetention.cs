namespace PatchBuild.Core.State.Backups;

/// <summary>
/// Keeps the backup folder within history.maxAgeDays and history.maxBytes. Finished entries lose their pack when
/// older than the age, then, oldest first, while packs and blobs together exceed the size; a blob goes once no
/// entry that keeps its backups refers to it. Unfinished entries are never pruned (recovery needs them), and the
/// size limit never takes the newest finished entry nor the newest apply still in effect (what a plain
/// `patchbuild rollback` undoes), even when they alone are over it.
/// The journal keeps every entry and records "pruned".
/// </summary>
public static class BackupRetention
{
    public static int Prune(HistoryPaths paths, TimeSpan maxAge, DateTimeOffset now) => Prune(paths, maxAge, long.MaxValue, now);

    public static int Prune(HistoryPaths paths, TimeSpan maxAge, long maxBytes, DateTimeOffset now)
    {
        if (!Directory.Exists(paths.BackupFolder))
        {
            return 0;
        }

        var store = new BlobStore(paths.BackupFolder);
        store.RemovePending();
        var packFiles = Directory.EnumerateFiles(paths.BackupFolder, "*.pack").Select(p => new FileInfo(p)).ToList();
        var packs = packFiles.ToDictionary(p => Path.GetFullPath(p.FullName), p => p.Length, StringComparer.Ordinal);
        var blobs = store.List();
        if (packs.Count == 0 && blobs.Count == 0)
        {
            return 0;
        }

        if (NothingToPrune(packFiles, blobs, maxAge, maxBytes, now))
        {
            return 0;
        }

        var journal = new JournalWriter(paths.Journal);
        var headers = new JournalReader(paths.Journal).ReadHeaders();
        var kept = KeptEntries(paths, headers, packs);
        var protectedIds = Protected(headers, kept);
        var cutoff = now - maxAge;
        long total = packs.Values.Sum() + blobs.Values.Sum();
        int pruned = 0;

        void PruneEntry(KeptEntry entry, string reason)
        {
            if (BlobStore.TryDelete(entry.Pack))
            {
                journal.Append(new JournalRecord { Type = JournalRecord.Pruned, Id = entry.Begin.Id, Time = now, Reason = reason });
                total -= packs[entry.Pack];
                kept.Remove(entry);
                pruned++;
            }
        }

        // The age is the user's explicit word ("nothing older than N days"), so it applies to every finished entry.
        foreach (var entry in kept.Where(e => e.Finished && e.Begin.Time < cutoff).ToList())
        {
            PruneEntry(entry, $"older than {maxAge.TotalDays:0.##} days");
        }

        total -= RemoveUnreferencedBlobs(store, blobs, kept);
        foreach (var entry in kept.Where(e => e.Finished && !protectedIds.Contains(e.Begin.Id)).ToList())
        {
            if (total <= maxBytes)
            {
                break;
            }

            PruneEntry(entry, $"backups over history.maxBytes ({maxBytes} bytes)");
            total -= RemoveUnreferencedBlobs(store, blobs, kept);
        }

        // Packs no entry refers to were left by a crash before "begin" was written.
        var owned = kept.Select(e => e.Pack).ToHashSet(StringComparer.Ordinal);
        foreach (string pack in packs.Keys.Where(p => !owned.Contains(p) && File.Exists(p)))
        {
            if (File.GetLastWriteTimeUtc(pack) < cutoff.UtcDateTime && BlobStore.TryDelete(pack))
            {
                pruned++;
            }
        }

        return pruned;
    }

    /// <summary>
    /// Settles the common case without reading the journal, which grows with every apply and was read whole after
    /// each one: no blob (none could go), packs and blobs within the size, and every pack written more than a day
    /// after the age cutoff. An entry's "begin" time comes before its pack is written, by the time a run takes
    /// between planning and committing; the day covers that, so no entry this skips is past the age. Anything else
    /// takes the full pass below.
    /// </summary>
    private static bool NothingToPrune(List<FileInfo> packs, IReadOnlyDictionary<string, long> blobs, TimeSpan maxAge, long maxBytes, DateTimeOffset now)
    {
        if (blobs.Count > 0 || packs.Sum(p => p.Length) > maxBytes || maxAge <= YoungMargin)
        {
            return false;
        }

        var youngFrom = (now - maxAge + YoungMargin).UtcDateTime;
        return packs.All(p => p.LastWriteTimeUtc >= youngFrom);
    }

    private static readonly TimeSpan YoungMargin = TimeSpan.FromDays(1);

    private sealed record KeptEntry(JournalRecord Begin, string Pack, bool Finished);

    // Entries whose own pack is still on disk, oldest first.
    private static List<KeptEntry> KeptEntries(HistoryPaths paths, IReadOnlyList<JournalHeader> headers, Dictionary<string, long> packs)
    {
        var finished = headers.Where(h => h.Type is JournalRecord.Done or JournalRecord.Aborted).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var prunedIds = headers.Where(h => h.Type == JournalRecord.Pruned).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var kept = new List<KeptEntry>();
        foreach (var header in headers.Where(h => h.Type == JournalRecord.Begin && !prunedIds.Contains(h.Id) && packs.ContainsKey(paths.PackPath(h.Id))))
        {
            // The journal is data a person (or a patch) could have edited: only ever count and delete the pack this entry
            // owns, and only for entries this machine and user wrote (a forged or foreign record deletes nothing).
            string pack = paths.PackPath(header.Id);
            if (header.Parse() is { Backups: { } reference } begin
                && MachineIdentity.Current.Wrote(begin)
                && string.Equals(paths.ResolvePack(reference), Path.GetFullPath(pack), StringComparison.Ordinal))
            {
                kept.Add(new KeptEntry(begin, Path.GetFullPath(pack), finished.Contains(begin.Id)));
            }
        }

        return kept;
    }

    // The newest finished entry, and the newest apply that is done and not rolled back.
    private static HashSet<string> Protected(IReadOnlyList<JournalHeader> headers, List<KeptEntry> kept)
    {
        var done = headers.Where(h => h.Type == JournalRecord.Done).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var rolledBack = headers.Where(h => h.Type == JournalRecord.RolledBack).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (kept.LastOrDefault(e => e.Finished) is { } newest)
        {
            ids.Add(newest.Begin.Id);
        }

        if (kept.LastOrDefault(e => done.Contains(e.Begin.Id) && e.Begin.Kind != JournalRecord.KindRollback && !rolledBack.Contains(e.Begin.Id)) is { } inEffect)
        {
            ids.Add(inEffect.Begin.Id);
        }

        return ids;
    }

    // Returns the bytes freed. A blob stays while any entry that keeps its backups names it.
    private static long RemoveUnreferencedBlobs(BlobStore store, IReadOnlyDictionary<string, long> blobs, List<KeptEntry> kept)
    {
        var needed = kept.SelectMany(e => e.Begin.Files ?? [])
            .SelectMany(f => new[] { f.Before, f.After })
            .Where(b => b?.Linked == true)
            .Select(b => b!.Hash)
            .ToHashSet(StringComparer.Ordinal);
        long freed = 0;
        foreach (var (hash, length) in blobs)
        {
            if (!needed.Contains(hash) && store.PathOf(hash) is { } path && File.Exists(path) && BlobStore.TryDelete(path))
            {
                freed += length;
            }
        }

        return freed;
    }
}
