using PatchBuild.Core.History;
using PatchBuild.Core.Workspace;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.History;

/// <summary>In-process simulation of a crash mid-commit; the real-process crash tests are in PatchBuild.Cli.Tests.</summary>
public class RecoveryTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public async Task An_interrupted_commit_is_undone_before_the_next_apply()
    {
        using var ws = new TempWorkspace();
        for (int i = 0; i < 6; i++)
        {
            ws.Write($"f{i}.txt", $"old {i}\n");
        }

        // Plan a commit that modifies six files, creates one and deletes one, journal it, write half, then "crash".
        var workspace = new PatchWorkspace(ws.Root);
        for (int i = 0; i < 5; i++)
        {
            workspace.SetText(workspace.Resolve($"f{i}.txt"), $"new {i}\n");
        }

        workspace.SetText(workspace.Resolve("sub/created.txt"), "created\n");
        workspace.Delete(workspace.Resolve("f5.txt"));
        var changes = workspace.GetChanges();
        var (paths, _) = HistorySession.Locate(ws.Root, null);
        var recorder = new CommitRecorder(paths, JournalRecord.KindApply, ws.Root, [Patch()], keepBackups: true);
        recorder.Begin(changes);
        File.Delete(ws.PathOf("f5.txt"));
        await WorkspaceCommitter.WriteAtomicallyAsync(ws.PathOf("f0.txt"), "new 0\n"u8.ToArray());
        await WorkspaceCommitter.WriteAtomicallyAsync(ws.PathOf("sub/created.txt"), "created\n"u8.ToArray());
        File.WriteAllText(ws.PathOf(".f1.txt.999.deadbeef.pbtmp"), "half");

        var result = await _engine.ApplyAsync([Patch(Create("other.txt", "x\n"))], ws.Options);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "RECOVERED" && w.Message.Contains(recorder.Id));
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal($"old {i}\n", ws.Read($"f{i}.txt"));
        }

        Assert.False(ws.Exists("sub/created.txt"));
        Assert.False(ws.Exists(".f1.txt.999.deadbeef.pbtmp"));
        var entries = (await _engine.GetHistoryAsync(ws.Root)).Entries;
        Assert.Equal(HistoryStatus.Recovered, entries[0].Status);
        Assert.Equal(HistoryStatus.Applied, entries[1].Status);
    }

    [Fact]
    public async Task Recovery_is_idempotent_and_explicit_recover_reports_the_ids()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "old\n");
        var workspace = new PatchWorkspace(ws.Root);
        workspace.SetText(workspace.Resolve("a.txt"), "new\n");
        var (paths, _) = HistorySession.Locate(ws.Root, null);
        var recorder = new CommitRecorder(paths, JournalRecord.KindApply, ws.Root, [Patch()], keepBackups: true);
        recorder.Begin(workspace.GetChanges());
        File.WriteAllText(ws.PathOf("a.txt"), "new\n");

        Assert.Equal([recorder.Id], await _engine.RecoverAsync(ws.Root));
        Assert.Equal("old\n", ws.Read("a.txt"));
        Assert.Empty(await _engine.RecoverAsync(ws.Root));
        Assert.Equal("old\n", ws.Read("a.txt"));
    }

    [Fact]
    public async Task Recovery_leaves_a_file_edited_after_the_crash_as_it_is()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "old a\n");
        ws.Write("b.txt", "old b\n");
        var workspace = new PatchWorkspace(ws.Root);
        workspace.SetText(workspace.Resolve("a.txt"), "new a\n");
        workspace.SetText(workspace.Resolve("b.txt"), "new b\n");
        var (paths, _) = HistorySession.Locate(ws.Root, null);
        var recorder = new CommitRecorder(paths, JournalRecord.KindApply, ws.Root, [Patch()], keepBackups: true);
        recorder.Begin(workspace.GetChanges());
        File.WriteAllText(ws.PathOf("a.txt"), "new a\n");

        // After the crash and before the next run, a person edits b.txt.
        File.WriteAllText(ws.PathOf("b.txt"), "edited by hand\n");

        Assert.Equal([recorder.Id], await _engine.RecoverAsync(ws.Root));
        Assert.Equal("old a\n", ws.Read("a.txt"));
        Assert.Equal("edited by hand\n", ws.Read("b.txt"));
        Assert.Contains("b.txt", File.ReadAllText(paths.Journal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_write_puts_files_back_and_marks_the_entry_failed()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "old a\n");
        ws.Write("x", "a file where the patch expects a folder\n");

        // Planning sees no file at x/y.txt; writing it fails because x is a file, after a.txt was already replaced.
        var result = await _engine.ApplyAsync([Patch(Recreate("a.txt", "new a\n"), Create("x/y.txt", "y\n"))], ws.Options);

        Assert.False(result.Success);
        Assert.Equal("FILE_WRITE_ERROR", result.Error!.Code);
        Assert.Equal("old a\n", ws.Read("a.txt"));
        var entry = Assert.Single((await _engine.GetHistoryAsync(ws.Root)).Entries);
        Assert.Equal(HistoryStatus.Failed, entry.Status);
        Assert.NotNull(entry.Reason);
    }
}
