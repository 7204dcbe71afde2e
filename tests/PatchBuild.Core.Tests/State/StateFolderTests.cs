using PatchBuild.Core.Model;
using PatchBuild.Core.State;
using PatchBuild.Core.Tests.History;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.State;

/// <summary>The state folder is used only as a real, owner-only folder; nothing reaches it through a link.</summary>
public sealed class StateFolderTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task A_patch_cannot_write_the_journal_through_a_link_to_the_state_folder()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        Assert.True((await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options)).Success);
        Directory.CreateSymbolicLink(ws.PathOf("state"), ".patchbuild");
        string journal = File.ReadAllText(ws.Journal);

        var forged = await _engine.ApplyAsync([Patch(Recreate("state/history.jsonl", "{\"type\":\"begin\",\"id\":\"forged\"}\n"))], ws.Options);
        var planted = await _engine.ApplyAsync([Patch(Create("state/backups/x.pack", "x\n"))], ws.Options);

        Assert.Equal(ErrorCodes.InvalidFilePath, forged.Error!.Code);
        Assert.Contains("through a symbolic link", forged.Error.Message);
        Assert.Equal(ErrorCodes.InvalidFilePath, planted.Error!.Code);
        Assert.Equal(journal, File.ReadAllText(ws.Journal));
        Assert.False(File.Exists(Path.Combine(ws.State, "backups", "x.pack")));
    }

    [Fact]
    public async Task A_state_folder_that_links_out_of_the_tree_is_refused()
    {
        using var ws = new TempWorkspace();
        using var outside = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        Directory.CreateSymbolicLink(ws.State, outside.Root);
        var before = StateFixtures.Snapshot(outside.Root);

        var first = await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options);

        Assert.False(first.Success);
        Assert.Equal(ErrorCodes.HistoryError, first.Error!.Code);
        Assert.Contains("symbolic link", first.Error.Message);
        Assert.Equal("1\n", ws.Read("a.txt"));
        Assert.Equal(before, StateFixtures.Snapshot(outside.Root));

        // With a journal out there (say, planted), history and rollback refuse it too.
        File.WriteAllText(Path.Combine(outside.Root, "history.jsonl"), "");
        var history = await Assert.ThrowsAsync<PatchException>(() => _engine.GetHistoryAsync(ws.Root));
        Assert.Equal(ErrorCodes.HistoryError, history.Error.Code);
        var rollback = await _engine.RollbackAsync(new() { Root = ws.Root });
        Assert.Equal(ErrorCodes.HistoryError, rollback.Error!.Code);
    }

    [Fact]
    public async Task The_state_folder_is_created_owner_only_by_the_first_commit()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        Assert.True((await _engine.DryRunAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options)).Success);
        Assert.False(Directory.Exists(ws.State));

        Assert.True((await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options)).Success);

        Assert.True(Directory.Exists(ws.State));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(ws.State));
        }
    }

    [Fact]
    public async Task A_lock_file_that_is_a_link_is_never_followed()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        ws.Write("victim.txt", "precious\n");
        Assert.True((await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options)).Success);
        File.Delete(Path.Combine(ws.State, "lock"));
        File.CreateSymbolicLink(Path.Combine(ws.State, "lock"), ws.PathOf("victim.txt"));
        File.CreateSymbolicLink(Path.Combine(ws.State, "lock.owner"), ws.PathOf("victim.txt"));

        var result = await _engine.ApplyAsync([Patch(Recreate("a.txt", "3\n"))], ws.Options);

        Assert.Equal(ErrorCodes.HistoryError, result.Error!.Code);
        Assert.Contains("lock", result.Error.Message);
        Assert.Equal("precious\n", ws.Read("victim.txt"));
        Assert.Equal("2\n", ws.Read("a.txt"));
    }
}
