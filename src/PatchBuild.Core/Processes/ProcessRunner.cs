using System.Diagnostics;
using System.Text;

namespace PatchBuild.Core.Processes;

/// <summary>
/// The one place the engine starts a process (git, `dotnet msbuild`, the user's test command). Both pipes are always
/// drained, a run that overruns its time is killed with its whole process tree, and a program that cannot be started
/// throws <see cref="System.ComponentModel.Win32Exception"/> for the caller to turn into its own error value.
/// (The MSBuild task has its own small runner: it cannot reference Core, see docs/architecture.md.)
/// </summary>
public static class ProcessRunner
{
    /// <summary>Starts the program with stdout and stderr piped; the caller owns the process and must drain both pipes.</summary>
    public static Process Start(ProcessCommand command) =>
        Process.Start(StartInfo(command)) ?? throw new System.ComponentModel.Win32Exception($"'{command.Program}' did not start.");

    /// <summary>
    /// Runs a program that talks to the person at the terminal (an editor): it inherits stdin, stdout and stderr, and
    /// the call waits for it however long it takes. Returns its exit code.
    /// </summary>
    public static int RunAttached(ProcessCommand command)
    {
        var start = StartInfo(command);
        start.RedirectStandardInput = false;
        start.RedirectStandardOutput = false;
        start.RedirectStandardError = false;
        start.CreateNoWindow = false;
        using var process = Process.Start(start) ?? throw new System.ComponentModel.Win32Exception($"'{command.Program}' did not start.");
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>
    /// Runs to the end and collects the output. Reads happen on plain threads: async pipe reads would start the thread
    /// pool and the socket engine, which costs more than a whole git call.
    /// </summary>
    public static ProcessOutcome Run(ProcessCommand command, TimeSpan? timeout = null)
    {
        using var process = Start(command);
        var error = DrainInBackground(process.StandardError);
        int killed = 0;
        using var timer = timeout is { } limit
            ? new Timer(_ => { Interlocked.Exchange(ref killed, 1); TryKillTree(process); }, null, limit, Timeout.InfiniteTimeSpan)
            : null;
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        error.Thread.Join();
        bool timedOut = Volatile.Read(ref killed) == 1;
        return new ProcessOutcome(timedOut ? null : process.ExitCode, timedOut, output.ToArray(), error.Text.ToString());
    }

    /// <summary>
    /// Runs to the end, handing each line of stdout and stderr to <paramref name="onLine"/> as it comes (nothing is
    /// collected). Cancellation kills the tree and throws; overrunning <paramref name="timeout"/> kills it and reports it.
    /// </summary>
    public static async Task<ProcessOutcome> RunLinesAsync(ProcessCommand command, Action<string> onLine, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var process = new Process { StartInfo = StartInfo(command with { RedirectInput = true }) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            TryKillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // Flushes the asynchronous readers so the last lines are in.
        process.WaitForExit();
        return new ProcessOutcome(timedOut ? null : process.ExitCode, timedOut, [], "");
    }

    /// <summary>Reads a pipe to its end on a plain thread, so two pipes are drained at once and neither fills up.</summary>
    internal static (Thread Thread, StringBuilder Text) DrainInBackground(StreamReader reader)
    {
        var text = new StringBuilder();
        var thread = new Thread(() => text.Append(reader.ReadToEnd())) { IsBackground = true };
        thread.Start();
        return (thread, text);
    }

    private static ProcessStartInfo StartInfo(ProcessCommand command)
    {
        var start = new ProcessStartInfo(command.Program)
        {
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = command.RedirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static void TryKillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }
}
