using PatchBuild.Core.State;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.History;

public class LockTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task A_held_lock_makes_apply_fail_with_LOCKED_naming_the_holder()
    {
        using var ws = new TempWorkspace();
        var (paths, _) = HistorySession.Locate(ws.Root, null);
        using (WorkspaceLock.Acquire(paths.LockFile, TimeSpan.Zero))
        {
            var result = await _engine.ApplyAsync([Patch(Create("a.txt", "a\n"))], ws.Options with { LockTimeout = TimeSpan.FromMilliseconds(200) });
            Assert.False(result.Success);
            Assert.Equal("LOCKED", result.Error!.Code);
            Assert.Contains($"pid {Environment.ProcessId}", result.Error.Message);
            Assert.Contains(Environment.ProcessId.ToString(), result.Error.Hint);
            Assert.False(ws.Exists("a.txt"));
        }

        var after = await _engine.ApplyAsync([Patch(Create("a.txt", "a\n"))], ws.Options);
        Assert.True(after.Success, after.Error?.Message);
    }

    [Fact]
    public async Task A_stale_lock_of_a_dead_process_is_taken_over()
    {
        using var ws = new TempWorkspace();
        Directory.CreateDirectory(ws.State);
        File.WriteAllText(Path.Combine(ws.State, "lock"), "pid 2147483 started 2020-01-01T00:00:00Z on gone\n");

        var result = await _engine.ApplyAsync([Patch(Create("a.txt", "a\n"))], ws.Options with { LockTimeout = TimeSpan.FromSeconds(1) });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "STALE_LOCK" && w.Message.Contains("2147483"));
        Assert.Equal("", File.ReadAllText(Path.Combine(ws.State, "lock")));
    }

    [Fact]
    public async Task A_waiting_apply_proceeds_once_the_lock_is_released()
    {
        using var ws = new TempWorkspace();
        var (paths, _) = HistorySession.Locate(ws.Root, null);
        var held = WorkspaceLock.Acquire(paths.LockFile, TimeSpan.Zero);
        var apply = Task.Run(() => _engine.ApplyAsync([Patch(Create("a.txt", "a\n"))], ws.Options with { LockTimeout = TimeSpan.FromSeconds(30) }));
        await Task.Delay(300);
        Assert.False(ws.Exists("a.txt"));
        held.Dispose();
        var result = await apply;
        Assert.True(result.Success, result.Error?.Message);
        Assert.True(ws.Exists("a.txt"));
    }

    [Fact]
    public void Holder_process_id_is_read_from_the_description()
    {
        Assert.Equal(1234, WorkspaceLock.HolderProcessId("pid 1234 started 2026-01-01T00:00:00Z on host"));
        Assert.Null(WorkspaceLock.HolderProcessId("garbage"));
    }
}
