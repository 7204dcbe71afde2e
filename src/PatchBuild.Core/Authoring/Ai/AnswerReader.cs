using PatchBuild.Core.Configuration;
using PatchBuild.Core.Formats;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>
/// Finds the patch in a model's answer: the answer as it is (the ap reader skips a Markdown fence around it), else
/// each fenced block. Any dialect the engine detects is accepted, whatever the prompt asked for.
/// </summary>
public static class AnswerReader
{
    public static PatchSet Read(string answer, string sourcePath, InputLimits limits)
    {
        PatchException? firstFailure = null;
        foreach (string candidate in Candidates(answer))
        {
            if (PatchFormats.Detect(null, candidate) is null)
            {
                continue;
            }

            try
            {
                var patch = PatchFormats.Parse(candidate, sourcePath, new ParseOptions { Limits = limits });
                if (patch.Files.Count > 0)
                {
                    return patch;
                }
            }
            catch (PatchException ex)
            {
                firstFailure ??= ex;
            }
        }

        if (firstFailure is not null)
        {
            throw firstFailure;
        }

        throw new PatchException(new PatchError(AiErrorCodes.NoPatch, "The answer holds no patch: no dialect PatchBuild reads (ap, Codex, Aider, unified diff, patch.json) was found in it.")
        {
            Hint = "The model answered in prose. Ask again, or name the change more precisely; the prompt already carries the ap format guide.",
        });
    }

    private static IEnumerable<string> Candidates(string answer)
    {
        yield return answer.Trim() + "\n";
        foreach (string block in FencedBlocks(answer))
        {
            yield return block;
        }
    }

    // Fenced blocks, read line by line (linear, whatever the answer holds): a line of three or more backticks or
    // tildes opens one, a line of at least as many of the same character closes it.
    private static IEnumerable<string> FencedBlocks(string answer)
    {
        string[] lines = answer.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (FenceOf(lines[i].TrimStart(' ')) is not { } open)
            {
                continue;
            }

            var body = new System.Text.StringBuilder();
            int j = i + 1;
            for (; j < lines.Length; j++)
            {
                string trimmed = lines[j].Trim();
                if (trimmed.Length >= open.Length && trimmed.All(c => c == open[0]))
                {
                    break;
                }

                body.Append(lines[j]).Append('\n');
            }

            yield return body.ToString();
            i = j;
        }
    }

    private static string? FenceOf(string line)
    {
        if (line.Length < 3 || (line[0] != '`' && line[0] != '~'))
        {
            return null;
        }

        int n = 0;
        while (n < line.Length && line[n] == line[0])
        {
            n++;
        }

        return n >= 3 ? line[..n] : null;
    }
}
