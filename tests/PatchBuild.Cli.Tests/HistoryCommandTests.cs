using PatchBuild.Core.Tests.Support;
using System.Text.Json;
using PatchBuild.Cli.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>`patchbuild history` and `patchbuild rollback` in-process: output, JSON and exit codes.</summary>
public sealed class HistoryCommandTests
{
    [Fact]
    public async Task History_table_lists_entries_newest_first()
    {
        using var kit = new HistoryProcessKit(files: 2);
        Assert.Equal(0, (await CliRunner.InProcessAsync("apply", kit.PatchFile, "--root", kit.Root)).ExitCode);
        Assert.Equal(0, (await CliRunner.InProcessAsync("rollback", "--root", kit.Root)).ExitCode);

        var run = await CliRunner.InProcessAsync("history", "--root", kit.Root);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", lines[0]);
        Assert.Contains("rollback", lines[1]);
        Assert.Contains("rolled back", lines[2]);
        Assert.Contains("rewrite 2 files", lines[2]);
    }

    [Fact]
    public async Task History_json_carries_ids_hashes_and_patch_files()
    {
        using var kit = new HistoryProcessKit(files: 2);
        var apply = await CliRunner.InProcessAsync("apply", kit.PatchFile, "--root", kit.Root, "--json");
        using var report = JsonDocument.Parse(apply.Out);
        string id = report.RootElement.GetProperty("historyId").GetString()!;

        var run = await CliRunner.InProcessAsync("history", "--root", kit.Root, "--json");

        using var json = JsonDocument.Parse(run.Out);
        var entry = json.RootElement.GetProperty("entries")[0];
        Assert.Equal(id, entry.GetProperty("id").GetString());
        Assert.Equal("applied", entry.GetProperty("status").GetString());
        Assert.Equal(kit.PatchFile, entry.GetProperty("patches")[0].GetProperty("path").GetString());
        Assert.Equal(64, entry.GetProperty("patches")[0].GetProperty("hash").GetString()!.Length);
        Assert.Equal(64, entry.GetProperty("files")[0].GetProperty("beforeHash").GetString()!.Length);
        Assert.True(entry.GetProperty("backupsAvailable").GetBoolean());
        Assert.True(entry.GetProperty("writtenHere").GetBoolean());
    }

    [Fact]
    public async Task History_and_recover_refuse_a_state_folder_that_is_a_link()
    {
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        File.WriteAllText(Path.Combine(outside.Path, "history.jsonl"), "");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, ".patchbuild"), outside.Path);

        var history = await CliRunner.InProcessAsync("history", "--root", folder.Path);
        var recover = await CliRunner.InProcessAsync("recover", "--root", folder.Path);

        Assert.Equal(1, history.ExitCode);
        Assert.Contains("symbolic link", history.Error);
        Assert.Contains("Fix: Remove the link", history.Error);
        Assert.Equal(1, recover.ExitCode);
        Assert.Contains("symbolic link", recover.Error);
    }

    [Fact]
    public async Task Recover_with_nothing_interrupted_says_so()
    {
        using var kit = new HistoryProcessKit(files: 1);
        Assert.Equal(0, (await CliRunner.InProcessAsync("apply", kit.PatchFile, "--root", kit.Root)).ExitCode);

        var run = await CliRunner.InProcessAsync("recover", "--root", kit.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Nothing to recover.", run.Out);
    }

    [Fact]
    public async Task A_broken_patchbuild_json_is_reported_by_history_not_a_crash_or_a_silent_default()
    {
        using var kit = new HistoryProcessKit(files: 1);
        Assert.Equal(0, (await CliRunner.InProcessAsync("apply", kit.PatchFile, "--root", kit.Root)).ExitCode);
        kit.Write("patchbuild.json", "{ \"history\": { \"maxAgeDays\": \"forever\" } }");

        var run = await CliRunner.InProcessAsync("history", "--root", kit.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("INVALID_CONFIG", run.Error, StringComparison.Ordinal);
        Assert.Contains("history.maxAgeDays", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_history_says_so()
    {
        using var folder = new TempFolder();
        var run = await CliRunner.InProcessAsync("history", "--root", folder.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No history yet", run.Out);
    }

    [Fact]
    public async Task Rollback_conflict_fails_then_strategy_manual_writes_markers()
    {
        using var kit = new HistoryProcessKit(files: 1);
        Assert.Equal(0, (await CliRunner.InProcessAsync("apply", kit.PatchFile, "--root", kit.Root)).ExitCode);
        string file = HistoryProcessKit.FileName(0);
        kit.Write(file, "mine\nsecond line changed\n");

        var refused = await CliRunner.InProcessAsync("rollback", "--root", kit.Root, "--json");
        Assert.Equal(1, refused.ExitCode);
        using (var json = JsonDocument.Parse(refused.Out))
        {
            Assert.Equal("CONFLICT", json.RootElement.GetProperty("error").GetProperty("code").GetString());
            var conflict = json.RootElement.GetProperty("conflicts")[0];
            Assert.Equal(1, conflict.GetProperty("line").GetInt32());
            Assert.False(string.IsNullOrEmpty(conflict.GetProperty("reason").GetString()));
        }

        var manual = await CliRunner.InProcessAsync("rollback", "--root", kit.Root, "--strategy", "manual");
        Assert.Equal(0, manual.ExitCode);
        Assert.Contains("conflict #0", manual.Out);
        string text = File.ReadAllText(Path.Combine(kit.Root, file));
        Assert.StartsWith("<<<<<<< ours\nmine\nsecond line changed\n=======\nold content of file 0\nsecond line\n>>>>>>> theirs\n", text);
    }

    [Fact]
    public async Task Rollback_by_file_and_count_through_the_cli()
    {
        using var kit = new HistoryProcessKit(files: 2);
        Assert.Equal(0, (await CliRunner.InProcessAsync("apply", kit.PatchFile, "--root", kit.Root)).ExitCode);
        kit.Write("b.ap", $"{HistoryProcessKit.PatchId} AP 3.2\n{HistoryProcessKit.PatchId} FILE\nb.txt\n{HistoryProcessKit.PatchId} CREATE\n{HistoryProcessKit.PatchId} content\nb\n");
        Assert.Equal(0, (await CliRunner.InProcessAsync("apply", Path.Combine(kit.Root, "b.ap"), "--root", kit.Root)).ExitCode);

        var byFile = await CliRunner.InProcessAsync("rollback", "--root", kit.Root, "--file", Path.Combine(kit.Root, HistoryProcessKit.FileName(1)));
        Assert.Equal(0, byFile.ExitCode);
        Assert.Equal(HistoryProcessKit.TreeState.AllOld, kit.State());
        Assert.True(File.Exists(Path.Combine(kit.Root, "b.txt")));

        var tooMany = await CliRunner.InProcessAsync("rollback", "--root", kit.Root, "--count", "2");
        Assert.Equal(1, tooMany.ExitCode);
        Assert.Contains("NOTHING_TO_ROLL_BACK", tooMany.Out);
        Assert.Equal(0, (await CliRunner.InProcessAsync("rollback", "--root", kit.Root, "--count", "1")).ExitCode);
        Assert.False(File.Exists(Path.Combine(kit.Root, "b.txt")));
    }

    [Theory]
    [InlineData("--strategy", "mine")]
    [InlineData("--count", "0")]
    public async Task Bad_rollback_options_are_usage_errors(string option, string value)
    {
        using var folder = new TempFolder();
        var run = await CliRunner.InProcessAsync("rollback", "--root", folder.Path, option, value);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Apply_backup_dir_puts_the_pack_there()
    {
        using var kit = new HistoryProcessKit(files: 1);
        string backups = Path.Combine(kit.Root, "elsewhere");
        Assert.Equal(0, (await CliRunner.InProcessAsync("apply", kit.PatchFile, "--root", kit.Root, "--backup-dir", backups)).ExitCode);
        Assert.Single(Directory.GetFiles(backups, "*.pack"));
        Assert.Equal(0, (await CliRunner.InProcessAsync("rollback", "--root", kit.Root, "--backup-dir", backups)).ExitCode);
        Assert.Equal(HistoryProcessKit.TreeState.AllOld, kit.State());
    }
}
