using PatchBuild.Core.State.Backups;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.History;

/// <summary>
/// Undoes commits a crash interrupted: an entry with "begin" but neither "done" nor "aborted" has its files put back
/// from its backups (files it created are removed), so the tree is wholly as before that commit, never a mix.
/// Run under the workspace lock, so an unfinished entry cannot belong to a commit still in progress.
/// </summary>
public static class HistoryRecovery
{
    public const string RecoveredReason = "interrupted; undone by recovery";

    /// <summary>Returns the ids of the entries undone.</summary>
    public static IReadOnlyList<string> Recover(HistoryPaths paths)
    {
        var journal = new HistoryJournal(paths.Journal);
        var headers = journal.ReadHeaders();
        var finished = headers.Where(h => h.Type is JournalRecord.Done or JournalRecord.Aborted).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var unfinished = headers
            .Where(h => h.Type == JournalRecord.Begin && !finished.Contains(h.Id))
            .Select(h => h.Parse())
            .OfType<JournalRecord>()
            .Reverse()
            .ToList();
        if (unfinished.Count == 0)
        {
            return [];
        }

        foreach (var entry in unfinished)
        {
            var kept = Undo(paths, entry);
            string reason = kept.Count == 0 ? RecoveredReason : $"{RecoveredReason}; left as edited since: {string.Join(", ", kept)}";
            journal.Append(new JournalRecord { Type = JournalRecord.Aborted, Id = entry.Id, Time = DateTimeOffset.UtcNow, Reason = reason });
        }

        return unfinished.Select(e => e.Id).ToList();
    }

    // Returns the files left alone because they hold neither the old nor the interrupted new content: someone
    // edited them after the crash, and recovery must not throw that work away.
    private static List<string> Undo(HistoryPaths paths, JournalRecord entry)
    {
        var kept = new List<string>();
        var pack = new EntryBackups(paths.BackupFolder, paths.ResolvePack(entry.Backups ?? ""), entry.Files ?? []);
        var files = entry.Files ?? [];
        foreach (var file in files)
        {
            string full = FullPath(paths, file.Path);
            RemoveTempFiles(full);
            if (file.AfterIsDirectory || file.BeforeIsDirectory)
            {
                continue;
            }

            string? current = File.Exists(full) ? ContentHash.Of(File.ReadAllBytes(full)) : null;
            if (current is not null && current != file.Before?.Hash && current != file.After?.Hash)
            {
                kept.Add(file.Path);
                continue;
            }

            if (file.Before is null)
            {
                if (current is not null)
                {
                    File.Delete(full);
                }

                continue;
            }

            if (current == file.Before.Hash)
            {
                continue;
            }

            byte[] before = pack.Read(file.Before)!;
            WorkspaceCommitter.WriteAtomicallyAsync(full, before).GetAwaiter().GetResult();
        }

        // Folders after files: created ones go (deepest first) once empty, deleted ones come back.
        foreach (var folder in files.Where(f => f.AfterIsDirectory && !f.BeforeIsDirectory).OrderByDescending(f => f.Path.Length))
        {
            string full = FullPath(paths, folder.Path);
            if (Directory.Exists(full) && !Directory.EnumerateFileSystemEntries(full).Any())
            {
                Directory.Delete(full);
            }
        }

        foreach (var folder in files.Where(f => f.BeforeIsDirectory))
        {
            Directory.CreateDirectory(FullPath(paths, folder.Path));
        }

        return kept;
    }

    // Journal paths are judged like patch paths: the journal is a file on disk, not a trusted source.
    internal static string FullPath(HistoryPaths paths, string relative) => new PathGuard(paths.WorkspaceRoot).Resolve(relative).Full;

    // A crash between writing a temp file and renaming it leaves the temp file beside its target.
    private static void RemoveTempFiles(string full)
    {
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        foreach (string temp in Directory.EnumerateFiles(folder, TempFileName.PatternFor(full)))
        {
            File.Delete(temp);
        }
    }
}
