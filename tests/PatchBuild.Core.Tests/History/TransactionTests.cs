using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.History;

public class TransactionTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task Patches_in_a_transaction_are_written_together_on_commit()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        await using (var tx = _engine.BeginTransaction(ws.Root))
        {
            await tx.ApplyAsync(Patch(Recreate("a.txt", "2\n")));
            var preview = await tx.ApplyAsync(Patch(Create("b.txt", "b\n")));
            Assert.Equal(2, preview.Changes.Count);
            Assert.Equal("1\n", ws.Read("a.txt"));
            Assert.False(ws.Exists("b.txt"));
            var result = await tx.CommitAsync();
            Assert.NotNull(result.HistoryId);
        }

        Assert.Equal("2\n", ws.Read("a.txt"));
        Assert.Equal("b\n", ws.Read("b.txt"));
        var entry = Assert.Single((await _engine.GetHistoryAsync(ws.Root)).Entries);
        Assert.Equal(2, entry.Patches.Count);
        Assert.True((await _engine.RollbackAsync(new() { Root = ws.Root })).Success);
        Assert.Equal("1\n", ws.Read("a.txt"));
        Assert.False(ws.Exists("b.txt"));
    }

    [Fact]
    public async Task A_later_patch_sees_the_earlier_ones()
    {
        using var ws = new TempWorkspace();
        await using var tx = _engine.BeginTransaction(ws.Root);
        await tx.ApplyAsync(Patch(Create("a.txt", "1\n")));
        await tx.ApplyAsync(Patch(Rename("a.txt", "b.txt")));
        await tx.CommitAsync();
        Assert.False(ws.Exists("a.txt"));
        Assert.Equal("1\n", ws.Read("b.txt"));
    }

    [Fact]
    public async Task An_exception_escaping_the_transaction_writes_nothing()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        var error = await Assert.ThrowsAsync<PatchException>(async () =>
        {
            await using var tx = _engine.BeginTransaction(ws.Root);
            await tx.ApplyAsync(Patch(Recreate("a.txt", "2\n")));
            await tx.ApplyAsync(Patch(Rename("missing.txt", "x.txt")));
            await tx.CommitAsync();
        });
        Assert.Equal("FILE_NOT_FOUND", error.Error.Code);
        Assert.Equal("1\n", ws.Read("a.txt"));
        Assert.False(File.Exists(ws.Journal));
    }

    [Fact]
    public async Task Disposing_without_commit_discards_and_the_transaction_cannot_be_reused()
    {
        using var ws = new TempWorkspace();
        var tx = _engine.BeginTransaction(ws.Root);
        await tx.ApplyAsync(Patch(Create("a.txt", "1\n")));
        await tx.DisposeAsync();
        Assert.False(ws.Exists("a.txt"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => tx.CommitAsync());
    }

    [Fact]
    public async Task A_batch_is_all_or_none()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        var failed = await _engine.ApplyBatchAsync([Patch(Recreate("a.txt", "2\n")), Patch(Delete("zzz")), Patch(Create("a.txt", "other\n"))], ws.Options with { Partial = true });
        Assert.False(failed.Success);
        Assert.Equal("1\n", ws.Read("a.txt"));

        var ok = await _engine.ApplyBatchAsync([Patch(Recreate("a.txt", "2\n")), Patch(Create("b.txt", "b\n"))], ws.Options);
        Assert.True(ok.Success);
        Assert.Equal("2\n", ws.Read("a.txt"));
        Assert.True(ws.Exists("b.txt"));
    }
}
