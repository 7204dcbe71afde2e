using System.CommandLine;
using System.Globalization;
using PatchBuild.Core;
using PatchBuild.Core.History;
using PatchBuild.Core.Model;

namespace PatchBuild.Cli.Commands;

/// <summary>`patchbuild history`: the workspace's journal as a table (newest first), or JSON.</summary>
public static class HistoryCommand
{
    public static Command Create(CliConsole console)
    {
        var root = new Option<string?>("--root") { Description = "A folder inside the workspace (default: the current folder)." };
        var json = new Option<bool>("--json") { Description = "Print the history as JSON." };
        var backupDir = new Option<string?>("--backup-dir") { Description = "Where backups were written, if not the default." };
        var command = new Command("history", "List applied and rolled-back patches, newest first.") { root, json, backupDir };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string folder = Path.GetFullPath(parse.GetValue(root) ?? Directory.GetCurrentDirectory());
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"--root '{folder}' is not a folder.");
            }

            string? backups = parse.GetValue(backupDir) is { } dir ? Path.GetFullPath(dir) : null;
            PatchHistory history;
            try
            {
                history = await new PatchEngine().GetHistoryAsync(folder, backups, cancellationToken).ConfigureAwait(false);
            }
            catch (PatchException ex)
            {
                return ReportError(console, ex.Error);
            }

            foreach (var warning in history.Warnings)
            {
                console.Error.WriteLine($"warning: {warning.Message}");
            }

            if (parse.GetValue(json))
            {
                console.Out.WriteLine(HistoryJsonWriter.Write(history));
                return CliApp.ExitSuccess;
            }

            PrintTable(console.Out, history);
            return CliApp.ExitSuccess;
        });

        return command;
    }

    /// <summary>A state folder PatchBuild refuses to use (a link, say): the error and its fix, exit code 1.</summary>
    internal static int ReportError(CliConsole console, PatchError error)
    {
        // The code too: a broken patchbuild.json (INVALID_CONFIG) and an unusable state folder read differently.
        console.Error.WriteLine($"error {error.Code}: {error.Message}");
        if (error.Hint is { Length: > 0 } hint)
        {
            console.Error.WriteLine($"Fix: {hint}");
        }

        return CliApp.ExitFailure;
    }

    private static void PrintTable(TextWriter writer, PatchHistory history)
    {
        if (history.Entries.Count == 0)
        {
            writer.WriteLine($"No history yet in {history.Paths.WorkspaceRoot}.");
            return;
        }

        var rows = history.Entries.Reverse().Select(e => new[]
        {
            e.Id,
            e.Started.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            e.Kind,
            HistoryJsonWriter.StatusName(e.Status) + (e.BackupsAvailable || e.Status != HistoryStatus.Applied ? "" : " (no backups)")
                + (e.WrittenHere ? "" : " (not written here)"),
            e.Files.Count.ToString(CultureInfo.InvariantCulture),
            Describe(e),
        }).ToList();
        string[] header = ["ID", "WHEN", "KIND", "STATUS", "FILES", "SUMMARY"];
        int[] widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        widths[^1] = 0;
        writer.WriteLine(Row(header, widths));
        foreach (var row in rows)
        {
            writer.WriteLine(Row(row, widths));
        }
    }

    private static string Describe(HistoryEntry entry)
    {
        string what = entry.Summary
            ?? string.Join(", ", entry.Patches.Select(p => p.Path is null ? null : Path.GetFileName(p.Path)).OfType<string>()).NullIfEmpty()
            ?? string.Join(", ", entry.Files.Take(3).Select(f => f.Path)) + (entry.Files.Count > 3 ? ", …" : "");
        return entry.RolledBackBy is { } by ? $"{what} (rolled back by {by})" : what;
    }

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => widths[i] == 0 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string? NullIfEmpty(this string text) => text.Length == 0 ? null : text;
}
