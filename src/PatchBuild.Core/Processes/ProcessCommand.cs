using System.Text;

namespace PatchBuild.Core.Processes;

/// <summary>
/// A program to run: its arguments as separate tokens (never one command line for something to split), the folder
/// it runs in, and variables added to the inherited environment.
/// </summary>
public sealed record ProcessCommand(string Program, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Give the program a pipe on stdin (streaming protocols); otherwise its stdin is closed at once.</summary>
    public bool RedirectInput { get; init; }
}

/// <summary>How a run ended: the exit code (none when it was killed for overrunning), stdout as bytes, stderr as text.</summary>
public sealed record ProcessOutcome(int? ExitCode, bool TimedOut, byte[] Output, string Error)
{
    public string OutputText => Encoding.UTF8.GetString(Output);
}
