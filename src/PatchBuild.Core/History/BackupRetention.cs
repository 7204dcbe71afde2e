using PatchBuild.Core.State;

namespace PatchBuild.Core.History;

/// <summary>
/// Deletes backup packs older than the maximum age (entries that are finished only) and packs no entry refers to
/// (left by a crash before "begin" was written). The journal keeps the entries and records "pruned".
/// </summary>
public static class BackupRetention
{
    public static int Prune(HistoryPaths paths, TimeSpan maxAge, DateTimeOffset now)
    {
        if (!Directory.Exists(paths.BackupFolder))
        {
            return 0;
        }

        // Only entries whose pack still exists matter, and only their "begin" lines are parsed.
        var packs = Directory.EnumerateFiles(paths.BackupFolder, "*.pack").Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        if (packs.Count == 0)
        {
            return 0;
        }

        var journal = new JournalWriter(paths.Journal);
        var headers = new JournalReader(paths.Journal).ReadHeaders();
        var finished = headers.Where(h => h.Type is JournalRecord.Done or JournalRecord.Aborted).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var cutoff = now - maxAge;
        int pruned = 0;
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in headers.Where(h => h.Type == JournalRecord.Begin && packs.Contains(paths.PackPath(h.Id))))
        {
            // Only our own entries: a record that another machine or user wrote (or forged) deletes nothing.
            if (header.Parse() is not { Backups: { } reference } begin || !MachineIdentity.Current.Wrote(begin))
            {
                continue;
            }

            // The journal is data a person (or a patch) could have edited: only ever delete the pack this entry owns.
            string pack = paths.PackPath(header.Id);
            if (!string.Equals(paths.ResolvePack(reference), Path.GetFullPath(pack), StringComparison.Ordinal))
            {
                continue;
            }

            referenced.Add(pack);
            if (!finished.Contains(begin.Id) || begin.Time >= cutoff || !File.Exists(pack))
            {
                continue;
            }

            if (TryDelete(pack))
            {
                journal.Append(new JournalRecord { Type = JournalRecord.Pruned, Id = begin.Id, Time = now, Reason = $"older than {maxAge.TotalDays:0.##} days" });
                pruned++;
            }
        }

        foreach (string pack in packs.Where(p => !referenced.Contains(p)))
        {
            if (File.GetLastWriteTimeUtc(pack) < cutoff.UtcDateTime && TryDelete(pack))
            {
                pruned++;
            }
        }

        return pruned;
    }

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
