namespace PatchBuild.Core.Workspace;

/// <summary>
/// Test hooks for the crash tests, read from the environment of a real `patchbuild` process:
/// PATCHBUILD_FAULT_AFTER_WRITES=k ends the process abruptly once k file writes of a commit are done (k=0: right after
/// the journal's "begin"); PATCHBUILD_TEST_WRITE_DELAY_MS=n sleeps n ms after each write so a kill can land mid-commit.
/// Unset, they cost one environment read per commit.
/// </summary>
internal sealed class FaultInjection
{
    public const string AfterWritesVariable = "PATCHBUILD_FAULT_AFTER_WRITES";
    public const string DelayVariable = "PATCHBUILD_TEST_WRITE_DELAY_MS";

    private readonly int? _failAfter;
    private readonly int _delayMs;
    private int _writes;

    private FaultInjection(int? failAfter, int delayMs)
    {
        _failAfter = failAfter;
        _delayMs = delayMs;
    }

    public static FaultInjection FromEnvironment()
    {
        int? failAfter = int.TryParse(Environment.GetEnvironmentVariable(AfterWritesVariable), out int k) && k >= 0 ? k : null;
        int delay = int.TryParse(Environment.GetEnvironmentVariable(DelayVariable), out int ms) && ms > 0 ? ms : 0;
        return new FaultInjection(failAfter, delay);
    }

    public void CommitStarted() => CheckFailure();

    public void FileWritten()
    {
        _writes++;
        CheckFailure();
        if (_delayMs > 0)
        {
            Thread.Sleep(_delayMs);
        }
    }

    private void CheckFailure()
    {
        if (_failAfter == _writes)
        {
            Environment.FailFast($"PatchBuild fault injection: stopping after {_writes} file write(s).");
        }
    }
}
