using PatchBuild.Core.Model;
using PatchBuild.Core.State.Backups;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.State;

/// <summary>What recovery did: the entries it undid, and what it would not or could not do, as warnings.</summary>
public sealed record RecoveryReport(IReadOnlyList<string> Undone, IReadOnlyList<PatchWarning> Warnings)
{
    /// <summary>The journal lines that could not be read (and were skipped).</summary>
    public IReadOnlyList<JournalProblem> Problems { get; init; } = [];
}

/// <summary>
/// Undoes commits a crash interrupted: an entry with "begin" but neither "done" nor "aborted" has its files put back
/// from its backups (files it created are removed), so the tree is wholly as before that commit, never a mix.
/// Run under the workspace lock, so an unfinished entry cannot belong to a commit still in progress.
/// The journal is untrusted input: only entries this machine and user wrote are acted on, never when git tracks the
/// state folder, and what is restored passes the path rules and PB1003 as a patch would.
/// </summary>
public static class HistoryRecovery
{
    public const string RecoveredReason = JournalEntries.RecoveredReason;

    public const string FailedReason = "interrupted; recovery could not undo it";

    /// <summary>Undoes the interrupted entries. Throws HISTORY_ERROR only when files cannot be written (worth a retry).</summary>
    public static RecoveryReport Recover(HistoryPaths paths, MachineIdentity? identity = null)
    {
        identity ??= MachineIdentity.Current;
        var reader = new JournalReader(paths.Journal);
        var problems = new List<JournalProblem>();
        var headers = reader.ReadHeaders(problems);
        var finished = headers.Where(h => h.Type is JournalRecord.Done or JournalRecord.Aborted).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var unfinished = new List<(int Line, JournalRecord? Record)>();
        foreach (var header in headers.Where(h => h.Type == JournalRecord.Begin && !finished.Contains(h.Id)))
        {
            // Only now is the whole line read: a "begin" whose header looked right can still be no record at all.
            if (header.Parse(out var problem) is { } record)
            {
                unfinished.Add((header.Line, record));
            }
            else
            {
                problems.Add(problem!);
            }
        }

        unfinished.Reverse();
        if (unfinished.Count == 0)
        {
            return new RecoveryReport([], []) { Problems = problems };
        }

        var warnings = new List<PatchWarning>();
        var ours = new List<JournalRecord>();
        foreach (var (line, record) in unfinished)
        {
            if (identity.Wrote(record!))
            {
                ours.Add(record!);
                continue;
            }

            warnings.Add(new PatchWarning("FOREIGN_JOURNAL_ENTRY",
                $"The journal holds an unfinished entry ({record!.Id}) that was not written by this machine and user (it says host '{record.Host ?? "?"}', user '{record.User ?? "?"}'); recovery left it alone.")
            {
                File = paths.Journal,
                Line = line,
            });
        }

        if (ours.Count == 0)
        {
            return new RecoveryReport([], warnings) { Problems = problems };
        }

        var tracked = StateTrust.TrackedByGit(paths);
        if (tracked.Count > 0)
        {
            warnings.Add(new PatchWarning("TRACKED_STATE",
                $"git tracks PatchBuild's state ({string.Join(", ", tracked.Take(3))}{(tracked.Count > 3 ? ", …" : "")}): it came with the repository, so recovery did nothing. Remove it from git (git rm -r --cached {StateFolder.Name}) and check the files its entries name.")
            {
                File = paths.Journal,
            });
            return new RecoveryReport([], warnings) { Problems = problems };
        }

        var writer = new JournalWriter(paths.Journal, identity);
        var judge = new RestoreJudge(paths.WorkspaceRoot);
        var undone = new List<string>();
        foreach (var entry in ours)
        {
            string reason;
            try
            {
                var kept = Undo(paths, entry, judge);
                reason = kept.Count == 0 ? RecoveredReason : $"{RecoveredReason}; left as they are: {string.Join(", ", kept)}";
                undone.Add(entry.Id);
                if (kept.Count > 0)
                {
                    warnings.Add(new PatchWarning("RECOVERY_KEPT", $"Recovery of {entry.Id} left {string.Join(", ", kept)} as they are; check them by hand."));
                }
            }
            catch (Exception ex) when (Unrecoverable(ex) is { } why)
            {
                // A record that names a refused path or a damaged pack cannot be undone; saying so once, and closing
                // the entry, lets every later command work instead of failing on it forever.
                reason = $"{FailedReason}: {why}";
                warnings.Add(new PatchWarning("RECOVERY_FAILED", $"An interrupted commit ({entry.Id}) could not be undone: {why} Its files are left as they are; check them by hand.")
                {
                    File = paths.Journal,
                });
            }

            writer.Append(new JournalRecord { Type = JournalRecord.Aborted, Id = entry.Id, Time = DateTimeOffset.UtcNow, Reason = reason });
        }

        return new RecoveryReport(undone, warnings) { Problems = problems };
    }

    // What the record or its pack got wrong, for the errors that retrying cannot fix (I/O errors are not among them).
    private static string? Unrecoverable(Exception ex) => ex switch
    {
        PatchException patch => patch.Error.Message,
        ArgumentException or InvalidDataException or OverflowException or FormatException or InvalidOperationException => $"its record is damaged ({ex.Message})",
        _ => null,
    };

    // Returns the files left alone, each with why: edited after the crash (holding neither the old nor the new
    // content; recovery must not throw that work away), or refused by PB1003.
    private static List<string> Undo(HistoryPaths paths, JournalRecord entry, RestoreJudge judge)
    {
        var kept = new List<string>();
        var pack = new EntryBackups(paths.BackupFolder, paths.ResolvePack(entry.Backups ?? ""), entry.Files ?? []);
        var files = entry.Files ?? [];
        // Journal paths are judged like patch paths, from the disk as it is now: the journal is not a trusted source.
        var guard = new PathGuard(paths.WorkspaceRoot);
        foreach (var file in files)
        {
            string full = guard.Verify(file.Path).Full;
            RemoveTempFiles(full);
            if (file.AfterIsDirectory || file.BeforeIsDirectory)
            {
                continue;
            }

            string? current = File.Exists(full) ? ContentHash.Of(File.ReadAllBytes(full)) : null;
            if (current is not null && current != file.Before?.Hash && current != file.After?.Hash)
            {
                kept.Add($"{file.Path} (edited since)");
                continue;
            }

            if (current == file.Before?.Hash)
            {
                continue;
            }

            byte[]? before = pack.Read(file.Before);
            if (judge.Refuses(file.Path, before) is { } why)
            {
                kept.Add($"{file.Path} ({why})");
                continue;
            }

            if (before is null)
            {
                File.Delete(full);
                continue;
            }

            WorkspaceCommitter.WriteAtomicallyAsync(full, before).GetAwaiter().GetResult();
        }

        // Folders after files: created ones go (deepest first) once empty, deleted ones come back.
        foreach (var folder in files.Where(f => f.AfterIsDirectory && !f.BeforeIsDirectory).OrderByDescending(f => f.Path.Length))
        {
            string full = guard.Verify(folder.Path).Full;
            if (Directory.Exists(full) && !Directory.EnumerateFileSystemEntries(full).Any())
            {
                Directory.Delete(full);
            }
        }

        foreach (var folder in files.Where(f => f.BeforeIsDirectory))
        {
            Directory.CreateDirectory(guard.Verify(folder.Path).Full);
        }

        return kept;
    }

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
