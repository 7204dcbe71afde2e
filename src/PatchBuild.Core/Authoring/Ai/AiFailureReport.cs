using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>
/// The report sent back after an attempt failed where the engine writes no afailed.md (a patch that did not parse,
/// a refused file, a validation or test failure): the same shape, code, message, hint and place, and the current
/// content of the files.
/// </summary>
internal static class AiFailureReport
{
    public static string Render(IReadOnlyList<PatchError> errors, IReadOnlyList<AiTarget> targets)
    {
        var sb = new StringBuilder("# Patch failures\n\n");
        int n = 0;
        foreach (var error in errors)
        {
            sb.Append($"## {++n}. `{error.Code}`");
            if (error.File is { } file)
            {
                sb.Append($" in `{file}`");
            }

            if (error.Line is { } line)
            {
                sb.Append($" (patch line {line})");
            }

            sb.Append("\n\n- Error: ").Append(error.Message).Append('\n');
            if (error.Rule is { } rule)
            {
                sb.Append("- Rule: ").Append(rule).Append('\n');
            }

            if (error.Hint is { } hint)
            {
                sb.Append("- Hint: ").Append(hint).Append('\n');
            }

            sb.Append('\n');
        }

        foreach (var target in targets)
        {
            sb.Append($"### Current content of `{target.Relative}`\n\n");
            if (target.Content is null)
            {
                sb.Append("The file does not exist.\n\n");
            }
            else
            {
                AiPrompt.AppendFenced(sb, target.Content);
            }
        }

        return sb.ToString();
    }
}
