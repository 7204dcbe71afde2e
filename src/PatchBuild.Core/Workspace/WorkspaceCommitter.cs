using PatchBuild.Core.Model;
using PatchBuild.Core.Transactions;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// Writes a plan to disk with the commit protocol: the journal's "begin" with the backups (flushed), then each file
/// replaced atomically (temp file in the same folder, flush, rename) so a reader never sees half a file, then
/// "done". If a write fails, the files already written are put back and the entry is marked aborted; if the process
/// dies instead, the next run's recovery undoes the entry from its backups.
/// </summary>
public static class WorkspaceCommitter
{
    public static Task CommitAsync(PathGuard guard, IReadOnlyList<PlannedChange> changes, CancellationToken cancellationToken = default) =>
        CommitAsync(guard, changes, journal: null, cancellationToken);

    public static async Task CommitAsync(PathGuard guard, IReadOnlyList<PlannedChange> changes, ICommitJournal? journal, CancellationToken cancellationToken = default)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var done = new List<PlannedChange>();
        var faults = FaultInjection.FromEnvironment();
        bool begun = false;
        try
        {
            if (journal is not null)
            {
                journal.Begin(changes);
                begun = true;
            }

            faults.CommitStarted();
            // Deletions first (so a folder can be replaced by a file), deepest paths first; then creations in order.
            foreach (var change in changes.Where(c => c.After is null && !c.AfterIsDirectory).OrderByDescending(c => c.Path.Relative.Length))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Recheck(guard, change.Path);
                if (change.BeforeIsDirectory)
                {
                    RemoveEmptyFolders(change.Path.Full);
                }
                else if (File.Exists(change.Path.Full))
                {
                    File.Delete(change.Path.Full);
                }

                done.Add(change);
                faults.FileWritten();
            }

            foreach (var change in changes.Where(c => c.After is not null || c.AfterIsDirectory))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Recheck(guard, change.Path);
                if (change.AfterIsDirectory)
                {
                    Directory.CreateDirectory(change.Path.Full);
                }
                else
                {
                    await WriteAtomicallyAsync(change.Path.Full, change.After!, cancellationToken).ConfigureAwait(false);
                }

                done.Add(change);
                faults.FileWritten();
            }

            journal?.Done();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PatchException or OperationCanceledException)
        {
            Undo(done);
            if (begun)
            {
                TryAbort(journal!, ex.Message);
            }

            if (ex is PatchException)
            {
                throw;
            }

            if (!begun && journal is not null)
            {
                throw new PatchException(new PatchError(ErrorCodes.FileWriteError, $"Could not write the journal and backups before changing any file: {ex.Message}")
                {
                    Hint = "Check that the disk has room and that .patchbuild (or the backup folder) is writable, then run again. Nothing was changed.",
                });
            }

            var failed = changes.Except(done).FirstOrDefault();
            throw new PatchException(new PatchError(ErrorCodes.FileWriteError, $"Could not write '{failed?.Path.Relative}': {ex.Message}")
            {
                File = failed?.Path.Relative,
                Hint = "Check that the file is not read-only or locked by another program, then run again. Nothing was changed.",
            });
        }
    }

    /// <summary>Writes bytes to a temp file beside the target, flushes it to disk, then renames it over the target.</summary>
    public static async Task WriteAtomicallyAsync(string fullPath, byte[] bytes, CancellationToken cancellationToken = default)
    {
        string? folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        string temp = Path.Combine(folder ?? ".", $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.pbtmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            CopyUnixMode(fullPath, temp);
            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static void TryAbort(ICommitJournal journal, string reason)
    {
        try
        {
            journal.Aborted(reason);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without the record, the next run's recovery finds the entry unfinished and undoes it again: harmless.
        }
    }

    private static void CopyUnixMode(string original, string replacement)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(original))
        {
            File.SetUnixFileMode(replacement, File.GetUnixFileMode(original));
        }
    }

    // The plan deleted every file it knew below the folder; what is left must be empty folders. A file that appeared
    // since planning was never backed up, so it stops the commit (which is then undone) instead of being lost.
    private static void RemoveEmptyFolders(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (string child in Directory.EnumerateDirectories(folder))
        {
            if (new DirectoryInfo(child).LinkTarget is null)
            {
                RemoveEmptyFolders(child);
            }
        }

        if (Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"the folder '{folder}' holds files the patch did not plan to delete");
        }

        Directory.Delete(folder);
    }

    // The tree may have changed between planning and writing (a link swapped in): judge the path again.
    private static void Recheck(PathGuard guard, WorkspacePath path) => guard.Verify(path.Relative);

    private static void Undo(List<PlannedChange> done)
    {
        foreach (var change in Enumerable.Reverse(done))
        {
            try
            {
                if (change.Before is not null)
                {
                    WriteAtomicallyAsync(change.Path.Full, change.Before).GetAwaiter().GetResult();
                }
                else if (change.BeforeIsDirectory)
                {
                    Directory.CreateDirectory(change.Path.Full);
                }
                else if (change.AfterIsDirectory)
                {
                    if (Directory.Exists(change.Path.Full) && !Directory.EnumerateFileSystemEntries(change.Path.Full).Any())
                    {
                        Directory.Delete(change.Path.Full);
                    }
                }
                else if (File.Exists(change.Path.Full))
                {
                    File.Delete(change.Path.Full);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: the journal (History) is what guarantees recovery after a crash.
            }
        }
    }
}
