using PatchBuild.Core.Processes;

namespace PatchBuild.Core.Validation;

/// <summary>The outcome of a test command: its exit code (null when it timed out or could not start) and its last lines.</summary>
public sealed record TestRunResult(int? ExitCode, bool TimedOut, IReadOnlyList<string> LastLines)
{
    public bool Passed => ExitCode == 0 && !TimedOut;

    public string? StartError { get; init; }
}

/// <summary>
/// Runs the user's test command (`dotnet test ...`) through the platform shell in the root folder, streaming its
/// output, and kills the whole process tree when it overruns its time.
/// </summary>
public static class TestCommandRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);
    private const int KeptLines = 20;

    public static async Task<TestRunResult> RunAsync(string command, string workingDirectory, TimeSpan? timeout = null, Action<string>? output = null, CancellationToken cancellationToken = default)
    {
        // On Unix stderr is joined to stdout in the shell, so the kept last lines are in the order the command wrote them.
        var shell = OperatingSystem.IsWindows()
            ? new ProcessCommand("cmd.exe", ["/d", "/c", command], workingDirectory)
            : new ProcessCommand("/bin/sh", ["-c", "exec 2>&1\n" + command], workingDirectory);
        shell = shell with { Environment = QuietDotnet };

        var tail = new Queue<string>();
        void OnLine(string line)
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > KeptLines)
                {
                    tail.Dequeue();
                }
            }

            output?.Invoke(line);
        }

        ProcessOutcome outcome;
        try
        {
            outcome = await ProcessRunner.RunLinesAsync(shell, OnLine, timeout ?? DefaultTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new TestRunResult(null, false, []) { StartError = ex.Message };
        }

        lock (tail)
        {
            return new TestRunResult(outcome.ExitCode, outcome.TimedOut, [.. tail]);
        }
    }

    internal static readonly Dictionary<string, string> QuietDotnet = new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };
}
