using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Validation;

/// <summary>
/// Runs the test command after a commit and, when it fails, writes every file back as it was, through the same
/// atomic committer: the reversed plan restores old bytes, deletes created files and recreates deleted ones.
/// </summary>
public static class TestRollback
{
    public static async Task<PatchError?> RunAsync(ApplyOptions options, PathGuard guard, IReadOnlyList<PlannedChange> changes, CancellationToken cancellationToken) =>
        await RunAsync(options, guard, changes, rollbackJournal: null, cancellationToken).ConfigureAwait(false);

    /// <param name="rollbackJournal">Journals the restoring commit (history), so a crash during it is recovered too.</param>
    public static async Task<PatchError?> RunAsync(ApplyOptions options, PathGuard guard, IReadOnlyList<PlannedChange> changes, ICommitJournal? rollbackJournal, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.TestCommand))
        {
            return null;
        }

        var timeout = options.TestTimeout ?? TestCommandRunner.DefaultTimeout;
        var run = await TestCommandRunner.RunAsync(options.TestCommand, guard.Root, timeout, options.TestOutput, cancellationToken).ConfigureAwait(false);
        if (run.Passed)
        {
            return null;
        }

        string? rollbackProblem = null;
        try
        {
            await WorkspaceCommitter.CommitAsync(guard, Reverse(changes), rollbackJournal, CancellationToken.None).ConfigureAwait(false);
        }
        catch (PatchException ex)
        {
            rollbackProblem = ex.Error.Message;
        }

        string why = run.StartError is not null ? $"could not start: {run.StartError}"
            : run.TimedOut ? $"did not finish within {timeout.TotalSeconds:0} s"
            : $"failed with exit code {run.ExitCode}";
        string outcome = rollbackProblem is null ? "the patch was rolled back" : $"rolling the patch back failed: {rollbackProblem}";
        return new PatchError(ErrorCodes.TestFailed, $"The test command `{options.TestCommand}` {why}; {outcome}.")
        {
            Hint = rollbackProblem is null
                ? "Fix the patch so the tests pass (the output's last lines are in the report), then apply it again."
                : "Restore the listed files from the backups in .patchbuild/ (patchbuild rollback) before anything else.",
            Context = new Dictionary<string, object?>
            {
                ["command"] = options.TestCommand,
                ["exitCode"] = run.ExitCode,
                ["timedOut"] = run.TimedOut,
                ["rolledBack"] = rollbackProblem is null,
                ["output"] = run.LastLines,
            },
        };
    }

    public static IReadOnlyList<PlannedChange> Reverse(IReadOnlyList<PlannedChange> changes) =>
        changes.Select(c => new PlannedChange(c.Path)
        {
            Before = c.After,
            After = c.Before,
            BeforeIsDirectory = c.AfterIsDirectory,
            AfterIsDirectory = c.BeforeIsDirectory,
        }).ToList();
}
