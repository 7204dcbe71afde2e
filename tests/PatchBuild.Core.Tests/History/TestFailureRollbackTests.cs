using PatchBuild.Core.History;
using PatchBuild.Core.State;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.History;

/// <summary>
/// "The test command failed, so the patch is rolled back" is one operation wherever it happens: `apply --test` and
/// the build's test command (which runs `patchbuild rollback --id`) plan it with the rollback planner and write it
/// with the one journaled commit. Here the engine's path is compared with an explicit rollback of the same entry.
/// </summary>
public class TestFailureRollbackTests
{
    private const string Original = "first\nsecond\nthird\nfourth\nfifth\nsixth\n";
    private const string Patched = "first\nsecond\nthird\nfourth\nfifth\nsixth, patched\n";

    // What the test command does to the patched file before failing: an edit far from the patch's line.
    private const string TestEdit = "sed -i '1i // touched by the test' a.txt";
    private const string Expected = "// touched by the test\n" + Original;

    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task A_failed_test_command_is_undone_as_rollback_by_id_undoes_it()
    {
        using var viaTest = new TempWorkspace();
        viaTest.Write("a.txt", Original);
        var failed = await _engine.ApplyAsync([Patch(Recreate("a.txt", Patched))], viaTest.Options with { TestCommand = TestEdit + "; exit 1" });

        using var viaRollback = new TempWorkspace();
        viaRollback.Write("a.txt", Original);
        var applied = await _engine.ApplyAsync([Patch(Recreate("a.txt", Patched))], viaRollback.Options with { TestCommand = TestEdit });
        var rollback = await _engine.RollbackAsync(new() { Root = viaRollback.Root, Id = applied.HistoryId });

        Assert.Equal("TEST_FAILED", failed.Error?.Code);
        Assert.Equal(true, failed.Error!.Context["rolledBack"]);
        Assert.True(rollback.Success, rollback.Error?.Message);
        Assert.Equal(Expected, viaTest.Read("a.txt"));
        Assert.Equal(Expected, viaRollback.Read("a.txt"));
        foreach (var ws in new[] { viaTest, viaRollback })
        {
            var entries = (await _engine.GetHistoryAsync(ws.Root)).Entries;
            Assert.Equal([(JournalRecord.KindApply, HistoryStatus.RolledBack), (JournalRecord.KindRollback, HistoryStatus.Applied)], entries.Select(e => (e.Kind, e.Status)));
            Assert.Equal([entries[0].Id], entries[1].RollsBack);
            Assert.Equal(entries[1].Id, entries[0].RolledBackBy);
        }
    }

    [Fact]
    public async Task A_test_command_that_edits_the_patched_lines_leaves_them_and_says_so()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", Original);
        var failed = await _engine.ApplyAsync([Patch(Recreate("a.txt", Patched))], ws.Options with { TestCommand = "sed -i 's/sixth, patched/sixth, by the test/' a.txt; exit 1" });

        Assert.Equal("TEST_FAILED", failed.Error?.Code);
        Assert.Equal(false, failed.Error!.Context["rolledBack"]);
        Assert.Contains("changed since the patch", failed.Error.Message);
        Assert.Equal(Original.Replace("sixth", "sixth, by the test"), ws.Read("a.txt"));
        Assert.Equal(HistoryStatus.Applied, Assert.Single((await _engine.GetHistoryAsync(ws.Root)).Entries).Status);
    }

    [Fact]
    public async Task Without_history_the_failed_test_is_undone_the_same_way_and_leaves_no_state_folder()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", Original);
        var failed = await _engine.ApplyAsync([Patch(Recreate("a.txt", Patched), Create("new/b.txt", "b\n"))], ws.Options with { TestCommand = TestEdit + "; exit 1", RecordHistory = false });

        Assert.Equal(true, failed.Error?.Context["rolledBack"]);
        Assert.Equal(Expected, ws.Read("a.txt"));
        Assert.False(ws.Exists("new/b.txt"));
        Assert.False(Directory.Exists(ws.State));
    }
}
