using PatchBuild.Core.History.Rollback;
using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.History;

public class RollbackTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task Rollback_removes_created_restores_deleted_and_renamed_files()
    {
        using var ws = new TempWorkspace();
        ws.Write("mod.txt", "old\n");
        ws.Write("del.txt", "deleted\n");
        ws.Write("src/old.txt", "moved\n");
        var applied = await _engine.ApplyAsync([Patch(Recreate("mod.txt", "new\n"), Create("dir/new.txt", "n\n"), Delete("del.txt"), Rename("src/old.txt", "dst/new.txt"))], ws.Options);
        Assert.True(applied.Success, applied.Error?.Message);
        Assert.True(ws.Exists("dst/new.txt"));

        var result = await _engine.RollbackAsync(new() { Root = ws.Root });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal([applied.HistoryId!], result.RolledBack);
        Assert.Equal("old\n", ws.Read("mod.txt"));
        Assert.Equal("deleted\n", ws.Read("del.txt"));
        Assert.Equal("moved\n", ws.Read("src/old.txt"));
        Assert.False(ws.Exists("dir/new.txt"));
        Assert.False(ws.Exists("dst/new.txt"));
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public async Task Rollback_of_the_last_patch_leaves_earlier_ones()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "3\n"))], ws.Options);
        Assert.True((await _engine.RollbackAsync(new() { Root = ws.Root })).Success);
        Assert.Equal("2\n", ws.Read("a.txt"));
        Assert.True((await _engine.RollbackAsync(new() { Root = ws.Root })).Success);
        Assert.Equal("1\n", ws.Read("a.txt"));
        var none = await _engine.RollbackAsync(new() { Root = ws.Root });
        Assert.False(none.Success);
        Assert.Equal("NOTHING_TO_ROLL_BACK", none.Error!.Code);
    }

    [Fact]
    public async Task Rollback_by_id_by_file_and_count()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "a0\n");
        ws.Write("b.txt", "b0\n");
        ws.Write("c.txt", "c0\n");
        var pa = await _engine.ApplyAsync([Patch(Recreate("a.txt", "a1\n"))], ws.Options);
        var pb = await _engine.ApplyAsync([Patch(Recreate("b.txt", "b1\n"))], ws.Options);
        await _engine.ApplyAsync([Patch(Recreate("c.txt", "c1\n"))], ws.Options);

        var byId = await _engine.RollbackAsync(new() { Root = ws.Root, Id = pa.HistoryId });
        Assert.True(byId.Success, byId.Error?.Message);
        Assert.Equal("a0 b1 c1", Abc(ws));

        var again = await _engine.RollbackAsync(new() { Root = ws.Root, Id = pa.HistoryId });
        Assert.Equal("NOTHING_TO_ROLL_BACK", again.Error!.Code);
        Assert.Contains("already rolled back", again.Error.Message);

        var byFile = await _engine.RollbackAsync(new() { Root = ws.Root, File = ws.PathOf("b.txt") });
        Assert.True(byFile.Success, byFile.Error?.Message);
        Assert.Equal([pb.HistoryId!], byFile.RolledBack);
        Assert.Equal("a0 b0 c1", Abc(ws));

        await _engine.ApplyAsync([Patch(Recreate("a.txt", "a2\n"))], ws.Options);
        var tooMany = await _engine.RollbackAsync(new() { Root = ws.Root, Count = 3 });
        Assert.Equal("NOTHING_TO_ROLL_BACK", tooMany.Error!.Code);
        var two = await _engine.RollbackAsync(new() { Root = ws.Root, Count = 2 });
        Assert.True(two.Success, two.Error?.Message);
        Assert.Equal(2, two.RolledBack.Count);
        Assert.Equal("a0 b0 c0", Abc(ws));
    }

    [Fact]
    public async Task Count_rolls_back_successive_patches_of_one_file_in_order()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", Lines("x", "y", "z"));
        await _engine.ApplyAsync([Patch(Recreate("a.txt", Lines("X", "y", "z")))], ws.Options);
        await _engine.ApplyAsync([Patch(Recreate("a.txt", Lines("X", "y", "Z")))], ws.Options);
        var result = await _engine.RollbackAsync(new() { Root = ws.Root, Count = 2 });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Lines("x", "y", "z"), ws.Read("a.txt"));
    }

    [Fact]
    public async Task Later_edits_that_do_not_overlap_the_patch_survive()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", Numbered(20));
        await _engine.ApplyAsync([Patch(Recreate("a.txt", Numbered(20, i => i == 3 ? "patched 3" : $"line {i}")))], ws.Options);
        ws.Write("a.txt", Numbered(20, i => i == 3 ? "patched 3" : i == 15 ? "mine 15" : $"line {i}"));

        var result = await _engine.RollbackAsync(new() { Root = ws.Root });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Numbered(20, i => i == 15 ? "mine 15" : $"line {i}"), ws.Read("a.txt"));
        Assert.True(Assert.Single(result.Files).Merged);
    }

    [Fact]
    public async Task Overlapping_edits_fail_without_a_strategy_and_change_nothing()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", Numbered(10));
        await _engine.ApplyAsync([Patch(Recreate("a.txt", Numbered(10, i => i == 5 ? "patched" : $"line {i}")))], ws.Options);
        string mine = Numbered(10, i => i == 5 ? "mine" : $"line {i}");
        ws.Write("a.txt", mine);

        var result = await _engine.RollbackAsync(new() { Root = ws.Root });

        Assert.False(result.Success);
        Assert.Equal("CONFLICT", result.Error!.Code);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(5, conflict.Line);
        Assert.Equal("a.txt", conflict.File);
        Assert.Equal(mine, ws.Read("a.txt"));
        Assert.Equal(PatchBuild.Core.History.HistoryStatus.Applied, HistoryStatusOf(await _engine.GetHistoryAsync(ws.Root)));
    }

    [Theory]
    [InlineData(MergeStrategy.Ours, "mine")]
    [InlineData(MergeStrategy.Theirs, "line 5")]
    [InlineData(MergeStrategy.Union, "mine\nline 5")]
    [InlineData(MergeStrategy.Manual, "<<<<<<< ours\nmine\n=======\nline 5\n>>>>>>> theirs")]
    public async Task Strategies_settle_rollback_conflicts(MergeStrategy strategy, string expectedLine5)
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", Numbered(10));
        await _engine.ApplyAsync([Patch(Recreate("a.txt", Numbered(10, i => i == 5 ? "patched" : $"line {i}")))], ws.Options);
        ws.Write("a.txt", Numbered(10, i => i == 5 ? "mine" : $"line {i}"));

        var result = await _engine.RollbackAsync(new() { Root = ws.Root, Strategy = strategy });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(strategy, Assert.Single(result.Conflicts).Resolution);
        Assert.Equal(Numbered(10, i => i == 5 ? expectedLine5 : $"line {i}"), ws.Read("a.txt"));
    }

    [Fact]
    public async Task Strategy_can_come_from_patchbuild_json()
    {
        using var ws = new TempWorkspace("""{ "validation": { "x": 1 }, "history": { "mergeStrategy": "ours" } }""");
        ws.Write("a.txt", Numbered(4));
        await _engine.ApplyAsync([Patch(Recreate("a.txt", Numbered(4, i => i == 2 ? "patched" : $"line {i}")))], ws.Options);
        ws.Write("a.txt", Numbered(4, i => i == 2 ? "mine" : $"line {i}"));
        var result = await _engine.RollbackAsync(new() { Root = ws.Root });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Numbered(4, i => i == 2 ? "mine" : $"line {i}"), ws.Read("a.txt"));
    }

    [Fact]
    public async Task A_created_file_edited_since_is_kept_with_ours_and_removed_with_theirs()
    {
        foreach (var (strategy, expectExists) in new[] { (MergeStrategy.Ours, true), (MergeStrategy.Theirs, false) })
        {
            using var ws = new TempWorkspace();
            await _engine.ApplyAsync([Patch(Create("n.txt", Lines("one", "two")))], ws.Options);
            ws.Write("n.txt", Lines("one", "two", "mine"));
            Assert.Equal("CONFLICT", (await _engine.RollbackAsync(new() { Root = ws.Root })).Error?.Code);
            var result = await _engine.RollbackAsync(new() { Root = ws.Root, Strategy = strategy });
            Assert.True(result.Success, result.Error?.Message);
            Assert.Equal(expectExists, ws.Exists("n.txt"));
        }
    }

    [Fact]
    public async Task Dry_run_shows_the_diff_and_writes_nothing()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "old\n");
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "new\n"))], ws.Options);
        var result = await _engine.RollbackAsync(new() { Root = ws.Root, DryRun = true });
        Assert.True(result.Success);
        Assert.Contains("-new", result.Diff);
        Assert.Contains("+old", result.Diff);
        Assert.Equal("new\n", ws.Read("a.txt"));
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_and_nothing_changes()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "old\n");
        await _engine.ApplyAsync([Patch(Recreate("a.txt", "new\n"))], ws.Options);
        string pack = Assert.Single(Directory.GetFiles(Path.Combine(ws.State, "backups")));
        File.WriteAllBytes(pack, [1, 2, 3, 4]);

        var result = await _engine.RollbackAsync(new() { Root = ws.Root });

        Assert.Equal("HISTORY_ERROR", result.Error?.Code);
        Assert.Equal("new\n", ws.Read("a.txt"));
    }

    [Fact]
    public async Task No_history_is_a_clear_error()
    {
        using var ws = new TempWorkspace();
        var result = await _engine.RollbackAsync(new RollbackOptions { Root = ws.Root });
        Assert.Equal("NOTHING_TO_ROLL_BACK", result.Error!.Code);
        Assert.NotNull(result.Error.Hint);
    }

    private static string Abc(TempWorkspace ws) => string.Join(" ", new[] { "a.txt", "b.txt", "c.txt" }.Select(f => ws.Read(f)?.TrimEnd('\n') ?? "-"));

    private static PatchBuild.Core.History.HistoryStatus HistoryStatusOf(PatchBuild.Core.History.PatchHistory history) => Assert.Single(history.Entries).Status;
}
