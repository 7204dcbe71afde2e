using System.CommandLine;
using System.Globalization;
using PatchBuild.Core;
using PatchBuild.Core.History;
using PatchBuild.Core.History.Rollback;
using PatchBuild.Core.Model;

namespace PatchBuild.Cli.Commands;

/// <summary>`patchbuild rollback`: undo the last patch (or --id, --file, --count), merging with edits made since.</summary>
public static class RollbackCommand
{
    public static Command Create(CliConsole console)
    {
        var root = new Option<string?>("--root") { Description = "A folder inside the workspace (default: the current folder)." };
        var id = new Option<string?>("--id") { Description = "Roll back this history entry (see 'patchbuild history')." };
        var file = new Option<string?>("--file") { Description = "Roll back the last patch that touched this file." };
        var count = new Option<int?>("--count") { Description = "Roll back the last N patches, newest first." };
        var strategy = new Option<string?>("--strategy") { Description = "Settle overlaps with edits made since: ours, theirs, union or manual (conflict markers)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the diff of the rollback; write nothing." };
        var json = new Option<bool>("--json") { Description = "Print the JSON report on stdout (human output goes to stderr)." };
        var backupDir = new Option<string?>("--backup-dir") { Description = "Where backups were written, if not the default." };
        var lockTimeout = new Option<double?>("--lock-timeout") { Description = "Seconds to wait for another PatchBuild process (default 30)." };
        var command = new Command("rollback", "Undo applied patches from their backups; later edits that do not overlap survive.")
        {
            root, id, file, count, strategy, dryRun, json, backupDir, lockTimeout,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string? strategyText = parse.GetValue(strategy);
            MergeStrategy? chosen = strategyText is null ? null
                : MergeStrategies.Parse(strategyText) ?? throw new UsageException($"--strategy takes ours, theirs, union or manual, not '{strategyText}'.");
            if (parse.GetValue(count) is < 1)
            {
                throw new UsageException("--count takes a number of patches, 1 or more.");
            }

            string folder = Path.GetFullPath(parse.GetValue(root) ?? Directory.GetCurrentDirectory());
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"--root '{folder}' is not a folder.");
            }

            var options = new RollbackOptions
            {
                Root = folder,
                Id = parse.GetValue(id),
                File = parse.GetValue(file) is { } path ? Path.GetFullPath(path) : null,
                Count = parse.GetValue(count),
                Strategy = chosen,
                DryRun = parse.GetValue(dryRun),
                BackupDir = parse.GetValue(backupDir) is { } dir ? Path.GetFullPath(dir) : null,
                LockTimeout = parse.GetValue(lockTimeout) is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : TimeSpan.FromSeconds(30),
            };

            var result = await new PatchEngine().RollbackAsync(options, cancellationToken).ConfigureAwait(false);
            bool asJson = parse.GetValue(json);
            if (asJson)
            {
                console.Out.WriteLine(HistoryJsonWriter.Write(result));
            }

            Print(asJson ? console.Error : console.Out, result);
            return result.Success ? CliApp.ExitSuccess : CliApp.ExitFailure;
        });

        return command;
    }

    private static void Print(TextWriter writer, RollbackResult result)
    {
        foreach (var warning in result.Warnings)
        {
            writer.WriteLine($"! {warning.Message}");
        }

        foreach (var file in result.Files)
        {
            writer.WriteLine($"  {file.Path}  {file.Action}{(file.Merged ? " (merged with edits made since)" : "")}");
        }

        foreach (var conflict in result.Conflicts)
        {
            string settled = conflict.Resolution is { } r ? $"settled: {r.Name()}" : "unresolved";
            writer.WriteLine($"  conflict #{conflict.Index.ToString(CultureInfo.InvariantCulture)} {conflict.File}:{conflict.Line.ToString(CultureInfo.InvariantCulture)}  {conflict.Reason} ({settled})");
        }

        if (result.DryRun && result.Diff.Length > 0)
        {
            writer.Write(result.Diff);
        }

        if (result.Error is { } error)
        {
            writer.WriteLine($"✗ {error.Code} {error.Message}");
            if (error.Hint is { } hint)
            {
                writer.WriteLine($"  Fix: {hint}");
            }

            return;
        }

        string ids = string.Join(", ", result.RolledBack);
        writer.WriteLine(result.DryRun ? $"Would roll back {ids}; no files modified (dry-run mode)" : $"Rolled back {ids} ({result.Files.Count} file(s))");
        foreach (var archived in result.ArchivedPatches)
        {
            // The archived file stays where it is: put back in the project, the next build would apply it again.
            writer.WriteLine($"  The patch file {Relative(archived.PatchFile)} is archived at {Relative(archived.ArchivedAt)}; move it back to apply it again.");
        }
    }

    private static string Relative(string path)
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
