using PatchBuild.Core.Model;

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
        var staged = new System.Collections.Concurrent.ConcurrentDictionary<PlannedChange, string>(ReferenceEqualityComparer.Instance);
        try
        {
            if (journal is not null)
            {
                journal.Begin(changes);
                begun = true;
            }

            Stage(guard, changes, staged, cancellationToken);

            faults.CommitStarted();
            guard.VerifyRoot();
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
                else if (staged.TryRemove(change, out string? temp))
                {
                    AtomicFile.MoveIntoPlace(temp, change.Path.Full);
                }
                else
                {
                    await WriteAtomicallyAsync(change.Path.Full, change.After!, cancellationToken).ConfigureAwait(false);
                }

                done.Add(change);
                faults.FileWritten();
            }

            // The renames themselves must be on disk before "done" says the new tree is the one to keep.
            AtomicFile.FlushFolders(changes.Select(c => Path.GetDirectoryName(c.Path.Full)).OfType<string>());
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
        finally
        {
            foreach (string temp in staged.Values)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>
    /// Writes the new content of every file whose folder already exists to a temp file beside it, then makes them all
    /// durable with one barrier before any target changes: every temp file is written first (the page cache takes
    /// them at memory speed), then all are flushed together, so the file system folds the flushes into a few journal
    /// commits instead of one synchronous write per file. Renaming each temp file over its target is then all that
    /// is left. A crash leaves temp files, which recovery removes.
    /// </summary>
    private static void Stage(PathGuard guard, IReadOnlyList<PlannedChange> changes, System.Collections.Concurrent.ConcurrentDictionary<PlannedChange, string> staged, CancellationToken cancellationToken)
    {
        // A folder the plan deletes must be empty when its turn comes: files going into it are written in order.
        var deletedFolders = changes.Where(c => c.BeforeIsDirectory && !c.AfterIsDirectory).Select(c => c.Path.Relative + "/").ToList();
        var folders = new Dictionary<string, bool>(StringComparer.Ordinal);
        var writes = changes.Where(c => c.After is not null && !c.AfterIsDirectory
            && !deletedFolders.Any(folder => c.Path.Relative.StartsWith(folder, StringComparison.Ordinal))
            && FolderExists(Path.GetDirectoryName(c.Path.Full), folders)).ToList();
        if (writes.Count < StageFrom)
        {
            return;
        }

        guard.VerifyRoot();

        // Open handles are bounded: a patch of thousands of files is staged in batches, one barrier each.
        bool oneBarrier = writes.Count >= FileSystemBarrier.UsableFrom;
        foreach (var batch in writes.Chunk(OpenAtOnce))
        {
            var handles = new List<Microsoft.Win32.SafeHandles.SafeFileHandle>(batch.Length);
            try
            {
                foreach (var change in batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Recheck(guard, change.Path);
                    string temp = TempFileName.For(change.Path.Full);
                    staged[change] = temp;
                    var handle = AtomicFile.CreateTemp(temp);
                    handles.Add(handle);
                    RandomAccess.Write(handle, change.After!, 0);
                }

                // A large batch on a local Linux file system: one syncfs instead of a flush per file.
                FlushAll(oneBarrier ? FileSystemBarrier.SyncWhereSupported(handles) : handles, cancellationToken);
            }
            finally
            {
                foreach (var handle in handles)
                {
                    handle.Dispose();
                }
            }
        }
    }

    // Many files share a few folders: one look at each (the rechecks before writing read the disk again anyway).
    private static bool FolderExists(string? folder, Dictionary<string, bool> seen)
    {
        if (folder is null)
        {
            return false;
        }

        if (!seen.TryGetValue(folder, out bool exists))
        {
            seen[folder] = exists = Directory.Exists(folder);
        }

        return exists;
    }

    // The barrier: flushes wait on the disk, not the processor, so several are in flight at once, and those issued
    // together share the file system's journal commits.
    private static void FlushAll(IReadOnlyList<Microsoft.Win32.SafeHandles.SafeFileHandle> handles, CancellationToken cancellationToken)
    {
        if (handles.Count == 0)
        {
            return;
        }

        try
        {
            Parallel.ForEach(handles, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentFlushes, CancellationToken = cancellationToken }, RandomAccess.FlushToDisk);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is IOException or UnauthorizedAccessException))
        {
            // The first failure, as a flush made in turn would have thrown it; the caller removes the temp files.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
    }

    /// <summary>Below this many files the flushes are few enough to make one by one, as each file is written.</summary>
    private const int StageFrom = 4;

    /// <summary>Flushes wait on the disk, not the processor: more of them in flight than there are cores.</summary>
    private const int ConcurrentFlushes = 8;

    /// <summary>Temp files held open at once while staging (far below any usual limit on open files).</summary>
    private const int OpenAtOnce = 256;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp file left behind is removed by the next recovery, which sweeps them beside journaled paths.
        }
    }

    /// <summary>Writes bytes to a temp file beside the target, flushes it to disk, then renames it over the target.</summary>
    public static Task WriteAtomicallyAsync(string fullPath, byte[] bytes, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Write(fullPath, bytes);
        return Task.CompletedTask;
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

    // The tree may have changed between planning and writing (a link swapped in): judge the path again. Each pass
    // (staging, deleting, writing) first checks that the root itself still leads where it did (VerifyRoot).
    private static void Recheck(PathGuard guard, WorkspacePath path) => guard.VerifyBelowRoot(path.Relative);

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
