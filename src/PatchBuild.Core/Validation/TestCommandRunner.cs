using System.Diagnostics;

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
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/c", command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "exec 2>&1\n" + command } };
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        // On Unix stderr is joined to stdout in the shell, so the kept last lines are in the order the command wrote them.
        var tail = new Queue<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

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

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new TestRunResult(null, false, []) { StartError = ex.Message };
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout ?? DefaultTimeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended on its own meanwhile.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // Flushes the asynchronous readers so the last lines are in.
        process.WaitForExit();
        lock (tail)
        {
            return new TestRunResult(timedOut ? null : process.ExitCode, timedOut, [.. tail]);
        }
    }
}
