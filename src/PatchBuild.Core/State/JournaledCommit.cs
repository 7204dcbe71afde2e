using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.State;

/// <summary>
/// The one commit sequence, for an apply, a rollback and the rollback after a failed test command alike: "begin"
/// with the backups (flushed), every file replaced atomically, "done"; then, for a rollback, each entry it undid is
/// marked "rolledback". A failed write puts the written files back and records "aborted"; a crash is undone by the
/// next run's recovery.
/// </summary>
public static class JournaledCommit
{
    /// <summary>Returns the id of the journal entry written, or null (no history, or nothing to write).</summary>
    /// <exception cref="Model.PatchException">A write failed; nothing was changed.</exception>
    public static async Task<string?> CommitAsync(CommitRequest request, CancellationToken cancellationToken = default)
    {
        var session = request.Session;
        var recorder = session is null ? null
            : new CommitRecorder(session.Paths, request.Kind, request.ApplyRoot ?? request.Guard.Root, request.Patches,
                request.KeepBackups ?? session.Settings.Backups, request.RollsBack.Count > 0 ? request.RollsBack : null, request.Summary);
        await WorkspaceCommitter.CommitAsync(request.Guard, request.Changes, recorder, cancellationToken).ConfigureAwait(false);
        if (session is not null && recorder is not null)
        {
            // A rollback with nothing left to write (the files already hold the old contents) still undid its entries.
            string by = recorder.Started ? recorder.Id : "no-change";
            var journal = session.Journal;
            foreach (string id in request.RollsBack)
            {
                journal.Append(new JournalRecord { Type = JournalRecord.RolledBack, Id = id, Time = DateTimeOffset.UtcNow, By = by });
            }
        }

        return recorder is { Completed: true } ? recorder.Id : null;
    }
}
