namespace PatchBuild.Core.History;

/// <summary>
/// Deletes backup packs older than the maximum age (entries that are finished only) and packs no entry refers to
/// (left by a crash before "begin" was written). The journal keeps the entries and records "pruned".
/// </summary>
public static class BackupRetention
{
    public static int Prune(HistoryPaths paths, TimeSpan maxAge, DateTimeOffset now)
    {
        var journal = new HistoryJournal(paths.Journal);
        var records = journal.ReadAll();
        var history = PatchHistory.FromRecords(paths, records);
        var cutoff = now - maxAge;
        int pruned = 0;
        foreach (var entry in history.Entries)
        {
            if (entry.Status == HistoryStatus.Unfinished || entry.BackupPath is null || !File.Exists(entry.BackupPath) || entry.Started >= cutoff)
            {
                continue;
            }

            if (TryDelete(entry.BackupPath))
            {
                journal.Append(new JournalRecord { Type = JournalRecord.Pruned, Id = entry.Id, Time = now, Reason = $"older than {maxAge.TotalDays:0.##} days" });
                pruned++;
            }
        }

        if (Directory.Exists(paths.BackupFolder))
        {
            var referenced = history.Entries.Select(e => e.BackupPath).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (string pack in Directory.EnumerateFiles(paths.BackupFolder, "*.pack"))
            {
                if (!referenced.Contains(Path.GetFullPath(pack)) && File.GetLastWriteTimeUtc(pack) < cutoff.UtcDateTime && TryDelete(pack))
                {
                    pruned++;
                }
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
