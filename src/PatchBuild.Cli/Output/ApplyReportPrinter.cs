using PatchBuild.Core;
using PatchBuild.Core.Formats.JsonPatch;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;

namespace PatchBuild.Cli.Output;

/// <summary>Short, scannable human output: one line a file, then what to fix.</summary>
public sealed class ApplyReportPrinter(TextWriter writer, bool colour)
{
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";
    private const string Red = "\u001b[31m";
    private const string Cyan = "\u001b[36m";
    private const string Reset = "\u001b[0m";

    public void Print(ApplyResult result, IReadOnlyList<string> patchFiles)
    {
        if (result.DryRun)
        {
            PrintPreview(result, patchFiles);
            return;
        }

        foreach (var file in result.Files)
        {
            PrintFile(file);
        }

        PrintUnattachedErrors(result);
        PrintWarnings(result);

        foreach (string report in result.FailureReports)
        {
            writer.WriteLine($"  Failed modifications written to {S(report)}");
        }

        int changed = result.Changes.Count;
        writer.WriteLine(result.Status switch
        {
            ApplyStatus.Success when changed == 0 => "Nothing to change: every modification is already applied.",
            ApplyStatus.Success => $"Patch applied to {changed} file(s)",
            ApplyStatus.Partial => $"Partially applied: {changed} file(s) changed, {result.Errors.Count} modification(s) failed",
            _ => "No files modified: the patch failed",
        });
    }

    private void PrintPreview(ApplyResult result, IReadOnlyList<string> patchFiles)
    {
        foreach (string patch in patchFiles)
        {
            writer.WriteLine($"Previewing patch: {S(Path.GetFileName(patch))}");
        }

        if (result.Changes.Count > 0)
        {
            writer.WriteLine("Files to modify:");
            foreach (var change in result.Changes)
            {
                writer.WriteLine($"  {S(change.Path.Relative)} ({change.Action.Word().Replace('_', ' ')})");
            }

            WriteDiff(result.Diff);
        }

        foreach (var file in result.Files.Where(f => f.Status is FileStatus.Skipped or FileStatus.Failed))
        {
            PrintFile(file);
        }

        PrintUnattachedErrors(result);
        PrintWarnings(result);
        writer.WriteLine(result.Status == ApplyStatus.Failed ? "The patch would fail; no files modified (dry-run mode)" : "No files modified (dry-run mode)");
    }

    private void PrintFile(FileResult file)
    {
        if (IsPatchJson(file.PatchFile))
        {
            PrintPatchJsonFile(file);
            return;
        }

        string detail = file.Path;
        switch (file.Status)
        {
            case FileStatus.Applied:
                writer.WriteLine($"{Paint(Green, "✓")} {S(detail)}  {Describe(file)}");
                break;
            case FileStatus.Skipped:
                writer.WriteLine($"{Paint(Yellow, "~")} {S(detail)}  skipped: {S(file.Reason ?? "already applied")}");
                break;
            case FileStatus.NotWritten:
                writer.WriteLine($"- {S(detail)}  {S(file.Reason)}");
                break;
            default:
                var error = file.Error;
                writer.WriteLine($"{Paint(Red, "✗")} {S(detail)}  {(error is null ? file.Status.Word() : $"{error.Code} {S(error.Message)}")}{Where(error)}");
                if (error?.Hint is { } hint)
                {
                    writer.WriteLine($"  Fix: {S(hint)}");
                }

                break;
        }
    }

    // patch.json users know this tool family's wording: keep it ("✓ path - Applied successfully").
    private void PrintPatchJsonFile(FileResult file)
    {
        switch (file.Status)
        {
            case FileStatus.Applied:
                writer.WriteLine(Paint(Green, PatchJsonMessages.FileApplied(S(file.Path))));
                break;
            case FileStatus.Skipped:
                writer.WriteLine($"{Paint(Yellow, "~")} {S(file.Path)} - Skipped: {S(file.Reason ?? "already applied")}");
                break;
            case FileStatus.NotWritten:
                writer.WriteLine($"- {S(file.Path)} - Not written: another file failed");
                break;
            default:
                string reason = file.Error?.Code == ErrorCodes.FileNotFound ? "File not found" : file.Error?.Message ?? file.Status.Word();
                writer.WriteLine(Paint(Red, PatchJsonMessages.FileFailed(S(file.Path), S(reason))) + Where(file.Error));
                if (file.Error?.Hint is { } hint)
                {
                    writer.WriteLine("  " + PatchJsonMessages.Fix(S(hint)));
                }

                break;
        }
    }

    private static bool IsPatchJson(string? patchFile) => patchFile?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true;

    private static string Describe(FileResult file)
    {
        string what = file.Action switch
        {
            FileAction.Modify => $"{file.Applied} modification{(file.Applied == 1 ? "" : "s")}",
            FileAction.Create => "created",
            FileAction.CreateDirectory => "folder created",
            FileAction.Recreate => "recreated",
            FileAction.Delete => "deleted",
            FileAction.Rename => S(string.Join(", ", file.Notes.DefaultIfEmpty("renamed"))),
            _ => file.Action.Word(),
        };
        if (file.Skipped > 0 && file.Action == FileAction.Modify)
        {
            what += $", {file.Skipped} already applied";
        }

        if (file.Failed > 0)
        {
            what += $", {file.Failed} failed";
        }

        var notes = file.Action == FileAction.Rename ? [] : file.Notes;
        return notes.Count > 0 ? $"{what} ({S(string.Join("; ", notes))})" : what;
    }

    private void PrintUnattachedErrors(ApplyResult result)
    {
        var shown = result.Files.Select(f => f.Error).OfType<PatchError>().ToHashSet();
        foreach (var error in result.Errors.Where(e => !shown.Contains(e)))
        {
            string target = error.File ?? (error.PatchFile is null ? "patch" : Path.GetFileName(error.PatchFile));
            writer.WriteLine($"{Paint(Red, "✗")} {S(target)}  {error.Code} {S(error.Message)}{Where(error)}");
            if (error.Hint is { } hint)
            {
                writer.WriteLine($"  Fix: {S(hint)}");
            }
        }
    }

    private void PrintWarnings(ApplyResult result)
    {
        foreach (var warning in result.Warnings)
        {
            string where = warning.File is null ? "" : $"{warning.File}: ";
            // Safety findings name their patch line in the message already; say it once.
            string line = warning.Line is null || warning.Message.Contains($"(patch line {warning.Line})", StringComparison.Ordinal) ? "" : $" (patch line {warning.Line})";
            writer.WriteLine($"{Paint(Yellow, "!")} {S(where)}{S(warning.Message)}{line}");
        }
    }

    private static string Where(PatchError? error)
    {
        if (error?.Line is null)
        {
            return "";
        }

        string patch = error.PatchFile is null ? "patch" : S(Path.GetFileName(error.PatchFile));
        return error.Modification is null ? $" ({patch} line {error.Line})" : $" ({patch} line {error.Line}, modification {error.Modification})";
    }

    /// <summary>A unified diff, coloured as --dry-run shows it (colour only when this printer was given it).</summary>
    public void WriteDiff(string diff)
    {
        foreach (string line in TerminalText.SafeLines(diff).Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string? paint = line switch
            {
                _ when line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) => null,
                _ when line.StartsWith('+') => Green,
                _ when line.StartsWith('-') => Red,
                _ when line.StartsWith("@@", StringComparison.Ordinal) => Cyan,
                _ => null,
            };
            writer.WriteLine(paint is null ? line : Paint(paint, line));
        }
    }

    private string Paint(string code, string text) => colour ? code + text + Reset : text;

    // Names, messages and diff lines come from patches and the tree: escaped before they reach a terminal.
    private static string S(string? text) => TerminalText.SafeLine(text ?? "");
}
