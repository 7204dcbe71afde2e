using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Transactions;

namespace PatchBuild.Core.History;

/// <summary>
/// What every writing command does first: find the workspace's history, take the workspace lock, and recover any
/// commit a crash interrupted. Disposing releases the lock.
/// </summary>
public sealed class HistorySession : IDisposable
{
    private readonly WorkspaceLock _lock;

    private HistorySession(HistoryPaths paths, HistorySettings settings, WorkspaceLock workspaceLock, IReadOnlyList<string> recovered)
    {
        Paths = paths;
        Settings = settings;
        _lock = workspaceLock;
        Recovered = recovered;
        if (workspaceLock.TookOverFrom is { } holder)
        {
            Warnings.Add(new PatchWarning("STALE_LOCK", $"Took over the workspace lock left by a process that is gone ({holder})."));
        }

        foreach (string id in recovered)
        {
            Warnings.Add(new PatchWarning("RECOVERED", $"An interrupted commit ({id}) was found and undone: its files are as they were before it."));
        }
    }

    public HistoryPaths Paths { get; }

    public HistorySettings Settings { get; }

    /// <summary>Ids of interrupted entries undone when the session opened.</summary>
    public IReadOnlyList<string> Recovered { get; }

    public List<PatchWarning> Warnings { get; } = [];

    public HistoryJournal Journal => new(Paths.Journal);

    /// <summary>Whether any commit was ever journaled here (a session opened for a first commit finds none).</summary>
    public bool HasJournal => File.Exists(Paths.Journal);

    /// <param name="settings">The history section the run already read; read from the nearest patchbuild.json when null.</param>
    public static (HistoryPaths Paths, HistorySettings Settings) Locate(string applyRoot, string? backupDir, HistorySettings? settings = null)
    {
        string workspace = HistoryLocation.FindWorkspaceRoot(applyRoot);
        settings ??= PatchBuildConfigLoader.Load(applyRoot).History;
        return (HistoryLocation.Resolve(workspace, backupDir, settings), settings);
    }

    /// <summary>Locks the workspace and recovers. Throws <see cref="PatchException"/> (LOCKED, HISTORY_ERROR).</summary>
    public static HistorySession Open(string applyRoot, string? backupDir, TimeSpan lockTimeout, CancellationToken cancellationToken = default, HistorySettings? settings = null)
    {
        var (paths, located) = Locate(applyRoot, backupDir, settings);
        settings = located;
        WorkspaceLock workspaceLock;
        try
        {
            PatchArchive.EnsureStateFolder(paths.WorkspaceRoot);
            workspaceLock = WorkspaceLock.Acquire(paths.LockFile, lockTimeout, cancellationToken);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PatchException(new PatchError(ErrorCodes.HistoryError, $"Cannot use PatchBuild's state folder '{paths.StateFolder}': {ex.Message}")
            {
                Hint = "PatchBuild keeps its journal, backups and lock there; make the folder writable, then run again. Nothing was changed.",
            });
        }
        try
        {
            var recovered = HistoryRecovery.Recover(paths);
            return new HistorySession(paths, settings, workspaceLock, recovered);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            workspaceLock.Dispose();
            throw new PatchException(new PatchError(ErrorCodes.HistoryError, $"Could not recover an interrupted commit: {ex.Message}")
            {
                Hint = "Make the files writable (or close the program holding them) and run again; nothing new is written until recovery succeeds.",
            });
        }
        catch
        {
            workspaceLock.Dispose();
            throw;
        }
    }

    /// <summary>Opens a session only when the workspace already has a journal (read-only commands create nothing).</summary>
    public static HistorySession? OpenIfPresent(string applyRoot, string? backupDir, TimeSpan lockTimeout, CancellationToken cancellationToken = default, HistorySettings? settings = null)
    {
        var (paths, located) = Locate(applyRoot, backupDir, settings);
        return File.Exists(paths.Journal) ? Open(applyRoot, backupDir, lockTimeout, cancellationToken, located) : null;
    }

    public void Dispose() => _lock.Dispose();
}
