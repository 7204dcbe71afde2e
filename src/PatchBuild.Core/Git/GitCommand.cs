using System.Diagnostics;
using System.Text;
using PatchBuild.Core.Model;

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
        using var process = Start(arguments, redirectInput: false);
        var error = DrainInBackground(process.StandardError);
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        error.Thread.Join();
        return new GitResult(process.ExitCode, output.ToArray(), error.Text.ToString());
    }

    /// <summary>
    /// Reads a pipe to its end on a plain thread. Async pipe reads would start the thread pool and the socket engine,
    /// which costs more than the whole git call; both pipes must still be drained at once or git can block.
    /// </summary>
    internal static (Thread Thread, System.Text.StringBuilder Text) DrainInBackground(StreamReader reader)
    {
        var text = new StringBuilder();
        var thread = new Thread(() => text.Append(reader.ReadToEnd())) { IsBackground = true };
        thread.Start();
        return (thread, text);
    }

    /// <summary>Starts git with pipes on stdin and stdout for streaming protocols (cat-file --batch).</summary>
    internal Process Start(IReadOnlyList<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
        };

        // Quoted, localised or paged output would change what we parse; the user's other settings stay in force.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("core.quotePath=false");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
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
