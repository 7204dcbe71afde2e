using PatchBuild.Core.Model;

namespace PatchBuild.Core.Validation;

/// <summary>The TEST_FAILED error: why the test command failed, and whether the rollback that followed succeeded.</summary>
public static class TestCommandFailure
{
    public static TimeSpan TimeoutOf(ApplyOptions options) => options.TestTimeout ?? TestCommandRunner.DefaultTimeout;

    /// <param name="rollbackProblem">Null when the patch was rolled back; else why it could not be.</param>
    public static PatchError Error(ApplyOptions options, TestRunResult run, string? rollbackProblem)
    {
        string why = run.StartError is not null ? $"could not start: {run.StartError}"
            : run.TimedOut ? $"did not finish within {TimeoutOf(options).TotalSeconds:0} s"
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
}
