using System.Text;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Reporting;

/// <summary>
/// afailed.md: for each failure its code, message and hint, the patch text that failed, what this run already
/// changed in the file, and the file as it is now — everything a person or an AI needs to write the fix.
/// </summary>
internal static class FailureReport
{
    private const int MaxContentLines = 2000;

    public static string Render(
        PatchWorkspace workspace,
        IReadOnlyList<PlannedChange> changes,
        IReadOnlyList<(PatchSet Patch, FileChange File, Modification? Modification, PatchError Error)> failures,
        string? retryPatch)
    {
        var sb = new StringBuilder();
        sb.Append("# Patch failures\n\n");
        sb.Append($"{failures.Count} modification{(failures.Count == 1 ? "" : "s")} could not be applied; everything else was applied.");
        if (retryPatch is not null)
        {
            sb.Append($" `{retryPatch}` holds just the failed part: fix it and apply it.");
        }

        sb.Append("\n\n");
        int n = 0;
        foreach (var fileGroup in failures.GroupBy(f => f.Error.File ?? f.File.Path))
        {
            var path = TryResolve(workspace, fileGroup.First().File.Path);
            foreach (var (patch, file, modification, error) in fileGroup)
            {
                n++;
                sb.Append($"## {n}. `{error.Code}` in `{fileGroup.Key}`");
                if (error.Modification is { } number)
                {
                    sb.Append($", modification {number}");
                }

                if (error.Line is { } line)
                {
                    sb.Append($" (patch line {line})");
                }

                sb.Append("\n\n");
                sb.Append("- Patch: `").Append(patch.SourcePath is null ? "(text)" : Path.GetFileName(patch.SourcePath)).Append("`\n");
                sb.Append("- Error: ").Append(error.Message).Append('\n');
                if (error.Hint is not null)
                {
                    sb.Append("- Hint: ").Append(error.Hint).Append('\n');
                }

                AppendContext(sb, error);
                sb.Append("\n### The patch that failed\n\n");
                string raw = modification?.RawText is { Length: > 0 } text
                    ? text
                    : file.Kind == FileChangeKind.Modify ? string.Concat(file.Modifications.Select(m => m.RawText + "\n")) : $"({file.Kind} {file.Path})";
                AppendFenced(sb, raw, "");
            }

            sb.Append($"\n### What was already changed in `{fileGroup.Key}`\n\n");
            var change = path is null ? null : changes.FirstOrDefault(c => c.Path.Relative == path.Relative);
            if (change is null || change.BeforeIsDirectory || change.AfterIsDirectory)
            {
                sb.Append("Nothing: this run left the file as it was.\n");
            }
            else
            {
                AppendFenced(sb, UnifiedDiffWriter.Render(change.Path.Relative, change.BeforeText, change.AfterText), "diff");
            }

            sb.Append($"\n### Current content of `{fileGroup.Key}`\n\n");
            string? current = path is null ? null : workspace.GetText(path);
            if (current is null)
            {
                sb.Append("The file does not exist.\n\n");
            }
            else
            {
                var lines = current.ReplaceLineEndings("\n").Split('\n');
                string shown = lines.Length > MaxContentLines ? string.Join("\n", lines.Take(MaxContentLines)) + $"\n… ({lines.Length - MaxContentLines} more lines)" : current;
                AppendFenced(sb, shown, LanguageOf(fileGroup.Key));
            }
        }

        return sb.ToString();
    }

    private static void AppendContext(StringBuilder sb, PatchError error)
    {
        if (error.Context.TryGetValue("nearMatches", out var value) && value is IEnumerable<Matching.NearMatch> near && near.Any())
        {
            sb.Append("- Closest text in the file:\n");
            foreach (var match in near)
            {
                sb.Append($"  - line {match.Line} (similarity {match.Similarity:0.00}): `{match.Text.Split('\n')[0]}`\n");
            }
        }

        if (error.Context.TryGetValue("candidates", out var candidates) && candidates is IEnumerable<int> lines)
        {
            sb.Append("- Matches at lines: ").Append(string.Join(", ", lines)).Append('\n');
        }
    }

    private static void AppendFenced(StringBuilder sb, string text, string language)
    {
        // A fence longer than any backtick run inside, so code containing ``` cannot end the block early.
        int longest = 0, run = 0;
        foreach (char c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        string fence = new('`', Math.Max(3, longest + 1));
        sb.Append(fence).Append(language).Append('\n').Append(text);
        if (!text.EndsWith('\n'))
        {
            sb.Append('\n');
        }

        sb.Append(fence).Append("\n\n");
    }

    private static WorkspacePath? TryResolve(PatchWorkspace workspace, string path)
    {
        try
        {
            return workspace.Resolve(path);
        }
        catch (PatchException)
        {
            return null;
        }
    }

    private static string LanguageOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".cs" => "csharp",
        ".py" => "python",
        ".js" => "javascript",
        ".ts" => "typescript",
        ".json" => "json",
        ".xml" or ".csproj" or ".props" or ".targets" => "xml",
        ".yml" or ".yaml" => "yaml",
        ".md" => "markdown",
        _ => "",
    };
}
