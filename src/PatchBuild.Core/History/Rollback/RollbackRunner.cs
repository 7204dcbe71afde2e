using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;
using PatchBuild.Core.State;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.History.Rollback;

/// <summary>
/// A rollback end to end: lock and recover, select the entries, plan the restored and merged contents in memory,
/// refuse unresolved overlaps, then commit through the same journaled protocol as an apply.
/// </summary>
public static class RollbackRunner
{
    public static async Task<RollbackResult> RunAsync(RollbackOptions options, CancellationToken cancellationToken = default)
    {
        string root = Path.GetFullPath(options.Root ?? Directory.GetCurrentDirectory());
        try
        {
            var noHistory = new PatchException(new PatchError(ErrorCodes.NothingToRollBack, $"There is no PatchBuild history for '{root}'.")
            {
                Hint = "Only patches applied by PatchBuild (which journals them in .patchbuild/) can be rolled back.",
            });
            if (options.DryRun)
            {
                // A preview only reads: no lock, no recovery, nothing written.
                var (paths, settings) = HistorySession.Locate(root, options.BackupDir);
                if (!File.Exists(paths.Journal))
                {
                    throw noHistory;
                }

                return await RunInSessionAsync(paths, settings, [], null, options, cancellationToken).ConfigureAwait(false);
            }

            using var session = HistorySession.OpenIfPresent(root, options.BackupDir, options.LockTimeout, cancellationToken) ?? throw noHistory;
            return await RunInSessionAsync(session.Paths, session.Settings, session.Warnings, session, options, cancellationToken).ConfigureAwait(false);
        }
        catch (PatchException ex)
        {
            return new RollbackResult(false) { DryRun = options.DryRun, Errors = [ex.Error] };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new RollbackResult(false)
            {
                DryRun = options.DryRun,
                Errors = [new PatchError(ErrorCodes.HistoryError, $"The rollback could not finish: {ex.Message}") { Hint = "Fix the file access problem and run the rollback again; an interrupted rollback is undone first." }],
            };
        }
    }

    // session: null for a dry run, which reads the journal without the lock and writes nothing.
    private static async Task<RollbackResult> RunInSessionAsync(HistoryPaths paths, HistorySettings settings, IReadOnlyList<PatchWarning> warnings, HistorySession? session, RollbackOptions options, CancellationToken cancellationToken)
    {
        var history = PatchHistory.Read(paths);
        var entries = RollbackSelector.Select(history, options);
        if (StateTrust.TrackedByGit(paths) is { Count: > 0 } tracked)
        {
            // A .patchbuild/ that came with the repository is someone else's, whatever its records claim.
            throw new PatchException(new PatchError(ErrorCodes.HistoryError, $"git tracks PatchBuild's state ({string.Join(", ", tracked.Take(3))}): it came with the repository, so its backups are not trusted.")
            {
                File = tracked[0],
                Hint = $"Remove it from git (git rm -r --cached {StateFolder.Name}), then restore the files from version control. Nothing was changed.",
            });
        }

        var ids = entries.Select(e => e.Id).ToList();
        var plan = new RollbackPlanner(paths, options.Strategy ?? settings.MergeStrategy, options.Resolutions).Build(entries);
        var result = new RollbackResult(true)
        {
            DryRun = options.DryRun,
            RolledBack = ids,
            Files = plan.Files,
            Conflicts = plan.Conflicts,
            Warnings = [.. warnings],
            Changes = plan.Changes,
            Diff = options.DryRun ? UnifiedDiffWriter.Render(plan.Changes) : "",
            ArchivedPatches = ArchivedPatchesOf(paths.WorkspaceRoot, entries),
        };

        if (plan.HasUnresolved)
        {
            var open = plan.Conflicts.Where(c => c.Resolution is null).ToList();
            return result with
            {
                Success = false,
                Errors =
                [
                    new PatchError(ErrorCodes.Conflict, $"{open.Count} change(s) made since the patch overlap what the rollback restores: "
                        + string.Join("; ", open.Select(c => $"#{c.Index} {c.File}:{c.Line}: {c.Reason}")) + ".")
                    {
                        File = open[0].File,
                        Line = open[0].Line,
                        Hint = "Nothing was changed. Choose how to settle overlaps: --strategy ours|theirs|union|manual (manual writes conflict markers).",
                    },
                ],
            };
        }

        if (options.DryRun || session is null)
        {
            return result;
        }

        string? historyId;
        try
        {
            historyId = await JournaledCommit.CommitAsync(new CommitRequest(new PathGuard(paths.WorkspaceRoot), plan.Changes, session)
            {
                Kind = JournalRecord.KindRollback,
                ApplyRoot = paths.WorkspaceRoot,
                RollsBack = ids,
                Summary = "rollback of " + string.Join(", ", ids),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PatchException ex)
        {
            return result with { Success = false, Errors = [ex.Error] };
        }

        RemoveEmptyFolders(plan.FoldersToRemoveIfEmpty);
        return result with { HistoryId = historyId };
    }

    private static List<ArchivedPatch> ArchivedPatchesOf(string workspaceRoot, IEnumerable<HistoryEntry> entries) =>
        entries.SelectMany(e => e.Patches)
            .Where(p => p.Path is not null)
            .Select(p => PatchArchive.Locate(workspaceRoot, p.Path!, p.Hash) is { } at ? new ArchivedPatch(p.Path!, at) : null)
            .OfType<ArchivedPatch>()
            .ToList();

    internal static void RemoveEmptyFolders(IReadOnlyList<string> folders)
    {
        foreach (string folder in folders)
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An empty folder left behind is harmless.
            }
        }
    }
}
