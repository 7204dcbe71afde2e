using System.Diagnostics;
using System.Text;
using PatchBuild.Core.Model;
using PatchBuild.Core.Processes;

namespace PatchBuild.Core.Git;

/// <summary>
/// Runs the `git` command. PatchBuild talks to git through its command line rather than a library: git is always
/// present where a hook runs, it honours every setting the user has (GIT_INDEX_FILE during a commit, core.hooksPath,
/// worktrees, submodules), and LibGit2Sharp's native binaries cannot be shipped everywhere the tool runs.
/// </summary>
public sealed class GitCommand(string workingDirectory)
{
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>Runs git and returns its output; a non-zero exit throws GIT_FAILED with git's own message.</summary>
    public byte[] Run(params string[] arguments)
    {
        var result = TryRun(arguments);
        if (result.ExitCode != 0)
        {
            throw Failure(arguments, result.Error);
        }

        return result.Output;
    }

    public string RunText(params string[] arguments) => Encoding.UTF8.GetString(Run(arguments));

    /// <summary>Runs git and hands back exit code and output, for commands whose failure is an answer (config --get).</summary>
    public GitResult TryRun(params string[] arguments)
    {
        var outcome = Guarded(() => ProcessRunner.Run(Command(arguments, redirectInput: false)));
        return new GitResult(outcome.ExitCode ?? -1, outcome.Output, outcome.Error);
    }

    /// <summary>Starts git with pipes on stdin and stdout for streaming protocols (cat-file --batch).</summary>
    internal Process Start(IReadOnlyList<string> arguments, bool redirectInput) =>
        Guarded(() => ProcessRunner.Start(Command(arguments, redirectInput)));

    // Quoted, localised or paged output would change what we parse; the user's other settings stay in force.
    private ProcessCommand Command(IReadOnlyList<string> arguments, bool redirectInput) =>
        new("git", ["-c", "core.quotePath=false", .. arguments], WorkingDirectory)
        {
            Environment = GitEnvironment,
            RedirectInput = redirectInput,
        };

    private static readonly Dictionary<string, string> GitEnvironment = new()
    {
        ["LC_ALL"] = "C",
        ["GIT_PAGER"] = "cat",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    private static T Guarded<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PatchException(new PatchError(ErrorCodes.GitFailed, $"Could not run git: {ex.Message}")
            {
                Hint = "Install git and make sure it is on PATH.",
            });
        }
    }

    internal static PatchException Failure(IReadOnlyList<string> arguments, string error) =>
        new(new PatchError(ErrorCodes.GitFailed, $"'git {string.Join(' ', arguments)}' failed: {FirstLine(error)}")
        {
            Hint = "Run the command yourself in the repository to see why; PatchBuild needs a working git repository.",
        });

    private static string FirstLine(string text)
    {
        string trimmed = text.Trim();
        int newline = trimmed.IndexOf('\n');
        return newline < 0 ? trimmed : trimmed[..newline].TrimEnd();
    }
}

public sealed record GitResult(int ExitCode, byte[] Output, string Error)
{
    public string Text => Encoding.UTF8.GetString(Output);
}
