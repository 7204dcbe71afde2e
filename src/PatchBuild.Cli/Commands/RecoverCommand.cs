using System.CommandLine;
using PatchBuild.Core;
using PatchBuild.Core.Model;

namespace PatchBuild.Cli.Commands;

/// <summary>
/// `patchbuild recover`: undoes commits a crash interrupted, now rather than at the next apply or rollback.
/// `history` only shows them: read-only commands never write.
/// </summary>
public static class RecoverCommand
{
    public static Command Create(CliConsole console)
    {
        var root = new Option<string?>("--root") { Description = "A folder inside the workspace (default: the current folder)." };
        var backupDir = new Option<string?>("--backup-dir") { Description = "Where backups were written, if not the default." };
        var lockTimeout = new Option<double?>("--lock-timeout") { Description = "Seconds to wait for another PatchBuild process (default 30)." };
        var command = new Command("recover", "Undo commits that a crash interrupted (apply and rollback do this first anyway).") { root, backupDir, lockTimeout };

        command.SetAction(async (parse, cancellationToken) =>
        {
            string folder = Path.GetFullPath(parse.GetValue(root) ?? Directory.GetCurrentDirectory());
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"--root '{folder}' is not a folder.");
            }

            var options = new ApplyOptions
            {
                BackupDir = parse.GetValue(backupDir) is { } dir ? Path.GetFullPath(dir) : null,
                LockTimeout = parse.GetValue(lockTimeout) is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : TimeSpan.FromSeconds(30),
            };
            try
            {
                var undone = await new PatchEngine().RecoverAsync(folder, options, cancellationToken).ConfigureAwait(false);
                console.Out.WriteLine(undone.Count == 0 ? "Nothing to recover." : $"Undid {undone.Count} interrupted commit(s): {string.Join(", ", undone)}.");
                return CliApp.ExitSuccess;
            }
            catch (PatchException ex)
            {
                return HistoryCommand.ReportError(console, ex.Error);
            }
        });

        return command;
    }
}
