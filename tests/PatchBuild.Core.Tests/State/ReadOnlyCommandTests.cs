using PatchBuild.Core.History;
using PatchBuild.Core.Tests.History;
using static PatchBuild.Core.Tests.History.TempWorkspace;
using static PatchBuild.Core.Tests.State.StateFixtures;

namespace PatchBuild.Core.Tests.State;

/// <summary>history, dry runs and previews read the state and write nothing, not even with an interrupted entry waiting.</summary>
public sealed class ReadOnlyCommandTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task History_dry_run_and_rollback_preview_write_nothing()
    {
        using var ws = new TempWorkspace();
        ws.Write("b.txt", "b\n");
        Assert.True((await _engine.ApplyAsync([Patch(Recreate("b.txt", "b2\n"))], ws.Options)).Success);
        File.Delete(Path.Combine(ws.State, "lock"));
        Interrupted(ws.Root, new Dictionary<string, string> { ["a.txt"] = "old\n" }, new Dictionary<string, string> { ["a.txt"] = "new\n" });
        var before = Snapshot(ws.Root);

        var history = await _engine.GetHistoryAsync(ws.Root);
        var dryRun = await _engine.DryRunAsync([Patch(Recreate("a.txt", "newer\n"))], ws.Options);
        var preview = await _engine.RollbackAsync(new() { Root = ws.Root, DryRun = true });

        Assert.Equal(HistoryStatus.Unfinished, history.Entries[^1].Status);
        Assert.True(dryRun.Success, dryRun.Error?.Message);
        Assert.True(preview.Success, preview.Error?.Message);
        Assert.Equal(before, Snapshot(ws.Root));
        Assert.False(File.Exists(Path.Combine(ws.State, "lock")));
    }
}
