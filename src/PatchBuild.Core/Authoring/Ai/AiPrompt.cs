using System.Text;
using Microsoft.Extensions.AI;
using PatchBuild.Core.Model;
using PatchBuild.Core.Prompts;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>
/// The messages of `patchbuild ai`: the ap format guide (the text of `patchbuild prompt ap`), each file's current
/// content and the instructions; after a failed attempt, the failure report and a request for a corrected patch.
/// </summary>
public static class AiPrompt
{
    /// <summary>The most characters of file content one request carries.</summary>
    public const int MaxContentChars = 2 * 1024 * 1024;

    public static ChatMessage System(IReadOnlyList<AiTarget> targets)
    {
        var sb = new StringBuilder();
        sb.Append("You change files of a software project by writing a patch. Answer with exactly one patch and nothing else: ");
        sb.Append("no explanation before or after it. Write it in the ap format described below. The patch may change only these files (paths relative to the project root): ");
        sb.Append(string.Join(", ", targets.Select(t => $"`{t.Relative}`"))).Append(".\n\n");
        sb.Append(DialectPrompts.For(PatchFormat.Ap));
        return new ChatMessage(ChatRole.System, sb.ToString());
    }

    public static ChatMessage Request(IReadOnlyList<AiTarget> targets, IReadOnlyList<AiTask> tasks)
    {
        var sb = new StringBuilder();
        sb.Append("# Files\n\n");
        foreach (var target in targets)
        {
            sb.Append("## `").Append(target.Relative).Append("`\n\n");
            if (target.Content is null)
            {
                sb.Append("This file does not exist yet; create it if the instructions need it.\n\n");
            }
            else
            {
                AppendFenced(sb, target.Content);
            }
        }

        if (tasks.Count == 1 && tasks[0].File is null)
        {
            sb.Append("# Instruction\n\n").Append(tasks[0].Instruction.Trim()).Append('\n');
        }
        else
        {
            sb.Append("# Instructions (one patch for all of them)\n\n");
            int n = 0;
            foreach (var task in tasks)
            {
                sb.Append(++n).Append(". ");
                if (task.File is { } file)
                {
                    sb.Append("In `").Append(file).Append("`: ");
                }

                sb.Append(task.Instruction.Trim()).Append('\n');
            }
        }

        return new ChatMessage(ChatRole.User, sb.ToString());
    }

    public static ChatMessage Retry(int attempt, string report) => new(ChatRole.User,
        $"Attempt {attempt} failed, and nothing of it was applied: the files are still as shown in the report. " +
        "Answer with one complete corrected patch (again the whole change, not only the failed part), and nothing else.\n\n" + report);

    public static void AppendFenced(StringBuilder sb, string text)
    {
        // Longer than any backtick run inside, so file content holding ``` cannot close the block early.
        int longest = 0, run = 0;
        foreach (char c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        string fence = new('`', Math.Max(3, longest + 1));
        sb.Append(fence).Append('\n').Append(text);
        if (!text.EndsWith('\n'))
        {
            sb.Append('\n');
        }

        sb.Append(fence).Append("\n\n");
    }
}
