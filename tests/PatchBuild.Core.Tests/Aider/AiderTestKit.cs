using PatchBuild.Core.Formats;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Aider;

/// <summary>A real temp folder, an Aider answer written into it as a file, and the real engine applying that file.</summary>
public sealed class AiderTestKit : IDisposable
{
    public TempFolder Folder { get; } = new();

    // The answer lives outside the tree it edits, so a snapshot of the tree shows only what the patch did.
    private readonly TempFolder _answers = new();

    public string AnswerPath => _answers.Combine("answer.md");

    public static PatchSet Parse(string answer, bool strict = false) =>
        PatchFormats.Parse(answer, "answer.md", new ParseOptions { Strict = strict });

    public Task<ApplyResult> ApplyAsync(string answer, ApplyOptions? options = null)
    {
        File.WriteAllText(AnswerPath, answer);
        return new PatchEngine().ApplyFilesAsync([AnswerPath], (options ?? new ApplyOptions()) with { Root = Folder.Path });
    }

    /// <summary>One block, the file's name on the line before it, as Aider's prompt asks for.</summary>
    public static string Block(string file, string search, string replace) =>
        $"{file}\n```\n<<<<<<< SEARCH\n{search}=======\n{replace}>>>>>>> REPLACE\n```\n";

    public void Dispose()
    {
        Folder.Dispose();
        _answers.Dispose();
    }
}
