using PatchBuild.Core.Configuration;
using PatchBuild.Core.History;
using PatchBuild.Core.Model;
using PatchBuild.Core.State;
using PatchBuild.Core.State.Backups;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.History;

public class RetentionAndSettingsTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task Each_successful_apply_prunes_backups_past_the_maximum_age()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        var first = await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        var second = await _engine.ApplyAsync([Patch(Recreate("a.txt", "3\n"))], ws.Options with { BackupMaxAge = TimeSpan.Zero });
        Assert.True(second.Success);

        var entries = (await _engine.GetHistoryAsync(ws.Root)).Entries;
        Assert.All(entries, e => Assert.False(e.BackupsAvailable));
        Assert.False(File.Exists(entries[0].BackupPath));
        Assert.Contains(File.ReadLines(ws.Journal), l => l.Contains("\"pruned\"") && l.Contains(first.HistoryId!));
        var pruned = await _engine.RollbackAsync(new() { Root = ws.Root });
        Assert.Equal("HISTORY_ERROR", pruned.Error?.Code);
        Assert.Contains("pruned", pruned.Error!.Message);
        Assert.Equal("3\n", ws.Read("a.txt"));
    }

    [Fact]
    public async Task Pruning_keeps_entries_younger_than_the_cutoff()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        await Task.Delay(50);
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "3\n"))], ws.Options);
        var history = await _engine.GetHistoryAsync(ws.Root);

        // "now" is 30 days after a moment between the two entries: only the first is past the default age.
        var now = history.Entries[1].Started.AddMilliseconds(-20).AddDays(30);
        Assert.Equal(1, BackupRetention.Prune(history.Paths, TimeSpan.FromDays(30), now));

        var entries = (await _engine.GetHistoryAsync(ws.Root)).Entries;
        Assert.False(entries[0].BackupsAvailable);
        Assert.True(entries[1].BackupsAvailable);
        Assert.True((await _engine.RollbackAsync(new() { Root = ws.Root })).Success);
        Assert.Equal("2\n", ws.Read("a.txt"));
    }

    [Fact]
    public async Task Young_packs_within_the_size_are_settled_without_reading_the_journal()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        var paths = (await _engine.GetHistoryAsync(ws.Root)).Paths;

        // The journal turned into a link, which every read of it refuses: only a pass that reads it fails.
        string aside = ws.Journal + ".aside";
        File.Move(ws.Journal, aside);
        File.CreateSymbolicLink(ws.Journal, aside);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(0, BackupRetention.Prune(paths, TimeSpan.FromDays(30), long.MaxValue, now));

        // Each reason to look closer reads it: a pack near the age, the size reached, a blob in the folder.
        string pack = Directory.GetFiles(paths.BackupFolder, "*.pack").Single();
        File.SetLastWriteTimeUtc(pack, now.AddDays(-29.5).UtcDateTime);
        Assert.ThrowsAny<Exception>(() => BackupRetention.Prune(paths, TimeSpan.FromDays(30), long.MaxValue, now));
        File.SetLastWriteTimeUtc(pack, now.UtcDateTime);
        Assert.ThrowsAny<Exception>(() => BackupRetention.Prune(paths, TimeSpan.FromDays(30), new FileInfo(pack).Length - 1, now));
        Assert.ThrowsAny<Exception>(() => BackupRetention.Prune(paths, TimeSpan.FromHours(12), long.MaxValue, now));
        string orphan = Path.Combine(paths.BackupFolder, "blobs", new string('a', 64));
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        File.WriteAllText(orphan, "left by nothing");
        Assert.ThrowsAny<Exception>(() => BackupRetention.Prune(paths, TimeSpan.FromDays(30), long.MaxValue, now));

        // With the journal back, the full pass removes the blob no entry names and keeps the young pack.
        File.Delete(ws.Journal);
        File.Move(aside, ws.Journal);
        Assert.Equal(0, BackupRetention.Prune(paths, TimeSpan.FromDays(30), long.MaxValue, now));
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(pack));
    }

    [Fact]
    public async Task Default_retention_keeps_recent_backups()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "3\n"))], ws.Options);
        Assert.All((await _engine.GetHistoryAsync(ws.Root)).Entries, e => Assert.True(e.BackupsAvailable));
    }

    [Fact]
    public void History_settings_come_from_the_history_section_of_the_one_loader()
    {
        using var ws = new TempWorkspace("""
            // comments, trailing commas and sections history does not read are fine
            { "limits": { "maxLineLength": 9000 }, "history": { "backupDir": "bk", "maxAgeDays": 7, "backups": false, "mergeStrategy": "Union", }, }
            """);
        var (_, settings) = HistorySession.Locate(ws.Root, null);
        Assert.Equal(new HistorySettings { BackupDir = "bk", MaxAgeDays = 7, Backups = false, MergeStrategy = MergeStrategy.Union }, settings);
    }

    [Fact]
    public void A_broken_patchbuild_json_is_an_error_for_history_too_not_a_silent_default()
    {
        using var ws = new TempWorkspace("not json");
        var ex = Assert.Throws<PatchException>(() => HistorySession.Locate(ws.Root, null));
        Assert.Equal(ErrorCodes.InvalidConfig, ex.Error.Code);
        Assert.Equal(Path.Combine(ws.Root, "patchbuild.json"), ex.Error.File);
    }

    [Fact]
    public async Task Backups_off_in_patchbuild_json_keeps_the_journal_but_no_backups()
    {
        using var ws = new TempWorkspace("""{ "history": { "backups": false, "backupDir": "bk" } }""");
        ws.Write("a.txt", "1\n");
        var result = await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        Assert.True(result.Success);
        var entry = Assert.Single((await _engine.GetHistoryAsync(ws.Root)).Entries);
        Assert.Equal(HistoryStatus.Applied, entry.Status);
        Assert.False(entry.BackupsAvailable);
        Assert.Empty(Directory.GetFiles(ws.PathOf("bk")));
        Assert.Equal("HISTORY_ERROR", (await _engine.RollbackAsync(new() { Root = ws.Root })).Error?.Code);
    }

    [Fact]
    public void The_workspace_root_is_the_folder_with_patchbuild_json_then_git_then_the_root()
    {
        using var ws = new TempWorkspace();
        Directory.CreateDirectory(ws.PathOf("a/b/c"));
        Assert.Equal(ws.Root, HistoryLocation.FindWorkspaceRoot(ws.PathOf("a/b/c")));

        Directory.CreateDirectory(ws.PathOf("a/.git"));
        Assert.Equal(ws.PathOf("a"), HistoryLocation.FindWorkspaceRoot(ws.PathOf("a/b/c")));

        File.WriteAllText(ws.PathOf("a/b/patchbuild.json"), "{}");
        Assert.Equal(ws.PathOf("a/b"), HistoryLocation.FindWorkspaceRoot(ws.PathOf("a/b/c")));
    }

    [Fact]
    public async Task Patches_applied_from_a_sub_folder_share_the_workspace_journal()
    {
        using var ws = new TempWorkspace();
        ws.Write("src/a.txt", "1\n");
        var result = await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], new ApplyOptions { Root = ws.PathOf("src") });
        Assert.True(result.Success);
        Assert.True(File.Exists(ws.Journal));
        var entry = Assert.Single((await _engine.GetHistoryAsync(ws.PathOf("src"))).Entries);
        Assert.Equal("src/a.txt", Assert.Single(entry.Files).Path);
        Assert.Equal("src", entry.Root);
        Assert.True((await _engine.RollbackAsync(new() { Root = ws.PathOf("src"), File = ws.PathOf("src/a.txt") })).Success);
        Assert.Equal("1\n", ws.Read("src/a.txt"));
    }
}
