using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Transactions;

namespace PatchBuild.Core.State;

/// <summary>
/// What every writing command does first: find the workspace's history, take the workspace lock, and recover any
/// commit a crash interrupted. Disposing releases the lock. Read-only commands never open one: they read the journal
/// with <see cref="JournalReader"/> and write nothing.
/// </summary>
public sealed class HistorySession : IDisposable
{
    private readonly WorkspaceLock _lock;

    private HistorySession(HistoryPaths paths, HistorySettings settings, WorkspaceLock workspaceLock, RecoveryReport recovery)
    {
        Paths = paths;
        Settings = settings;
        _lock = workspaceLock;
        Recovered = recovery.Undone;
        if (workspaceLock.TookOverFrom is { } holder)
        {
            Warnings.Add(new PatchWarning("STALE_LOCK", $"Took over the workspace lock left by a process that is gone ({holder})."));
        }

        Warnings.AddRange(JournalWarnings(paths, recovery.Problems));
        foreach (string id in recovery.Undone)
        {
            Warnings.Add(new PatchWarning("RECOVERED", $"An interrupted commit ({id}) was found and undone: its files are as they were before it."));
        }

        Warnings.AddRange(recovery.Warnings);
    }

    public HistoryPaths Paths { get; }

    public HistorySettings Settings { get; }

    /// <summary>Ids of interrupted entries undone when the session opened.</summary>
    public IReadOnlyList<string> Recovered { get; }

    public List<PatchWarning> Warnings { get; } = [];

    public JournalWriter Journal => new(Paths.Journal);

    /// <summary>Whether any commit was ever journaled here (a session opened for a first commit finds none).</summary>
    public bool HasJournal => File.Exists(Paths.Journal);

    /// <param name="settings">The history section the run already read; read from the nearest patchbuild.json when null.</param>
    public static (HistoryPaths Paths, HistorySettings Settings) Locate(string applyRoot, string? backupDir, HistorySettings? settings = null)
    {
        string workspace = HistoryLocation.FindWorkspaceRoot(applyRoot);
        settings ??= PatchBuildConfigLoader.Load(applyRoot).History;
        return (HistoryLocation.Resolve(workspace, backupDir, settings), settings);
    }

    /// <summary>
    /// The warnings for journal lines that were skipped: each with its line number. A line torn by a crash is
    /// expected (recovery deals with its entry) and not reported.
    /// </summary>
    public static IEnumerable<PatchWarning> JournalWarnings(HistoryPaths paths, IEnumerable<JournalProblem> problems) =>
        problems.Where(p => !p.Torn).OrderBy(p => p.Line).Select(p => new PatchWarning("JOURNAL_LINE_SKIPPED",
            $"{paths.Journal}({p.Line}): skipped a journal line that is {p.Message}; the rest of the history is used.")
        {
            File = paths.Journal,
            Line = p.Line,
        });

    /// <summary>
    /// Locks the workspace (creating the state folder: only a commit calls this on a workspace without one) and
    /// recovers. Throws <see cref="PatchException"/> (LOCKED, HISTORY_ERROR).
    /// </summary>
    public static HistorySession Open(string applyRoot, string? backupDir, TimeSpan lockTimeout, CancellationToken cancellationToken = default, HistorySettings? settings = null)
    {
        var (paths, located) = Locate(applyRoot, backupDir, settings);
        settings = located;
        WorkspaceLock workspaceLock;
        try
        {
            paths.Folder.Ensure();
            workspaceLock = WorkspaceLock.Acquire(paths.Folder.Entry("lock"), lockTimeout, cancellationToken);
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
            var recovery = HistoryRecovery.Recover(paths);
            return new HistorySession(paths, settings, workspaceLock, recovery);
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

    /// <summary>Opens a session only when the workspace already has a journal (a run that commits nothing creates nothing).</summary>
    public static HistorySession? OpenIfPresent(string applyRoot, string? backupDir, TimeSpan lockTimeout, CancellationToken cancellationToken = default, HistorySettings? settings = null)
    {
        var (paths, located) = Locate(applyRoot, backupDir, settings);
        var folder = paths.Folder;
        if (!folder.Exists)
        {
            return null;
        }

        folder.Verify();
        return File.Exists(paths.Journal) ? Open(applyRoot, backupDir, lockTimeout, cancellationToken, located) : null;
    }

    public void Dispose() => _lock.Dispose();
}
