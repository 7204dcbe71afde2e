using PatchBuild.Core.Checks;
using PatchBuild.Core.State;
using PatchBuild.Core.Tests.History;
using PatchBuild.Core.Workspace;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.Checks;

/// <summary>Every journal here is written by PatchBuild itself: real applies, rollbacks, failures and begun commits.</summary>
public sealed class JournalInspectorTests
{
    private readonly PatchEngine _engine = new();

    private static IReadOnlyList<CheckFinding> Inspect(TempWorkspace ws) => JournalInspector.Inspect(ws.Journal, JournalInspector.RelativePath);

    // A commit whose "begin" is on disk and whose process then died: what a crash mid-write leaves.
    private static string BeginWithoutEnd(TempWorkspace ws, string file, string text)
    {
        var workspace = new PatchWorkspace(ws.Root);
        workspace.SetText(workspace.Resolve(file), text);
        var (paths, _) = HistorySession.Locate(ws.Root, null);
        var recorder = new CommitRecorder(paths, JournalRecord.KindApply, ws.Root, [Patch()], keepBackups: true);
        recorder.Begin(workspace.GetChanges());
        return recorder.Id;
    }

    [Fact]
    public async Task A_begin_without_an_end_is_an_interrupted_apply_located_at_its_line()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        Assert.True((await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options)).Success);
        string id = BeginWithoutEnd(ws, "a.txt", "3\n");

        var finding = Assert.Single(Inspect(ws));

        Assert.Equal(CheckRules.InterruptedApply, finding.Rule);
        Assert.Equal(3, finding.Line);
        Assert.Equal(".patchbuild/history.jsonl", finding.File);
        Assert.Contains(id, finding.Message);
        Assert.NotNull(finding.Hint);
    }

    [Fact]
    public async Task Finished_and_rolled_back_applies_are_fine()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        Assert.True((await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options)).Success);
        Assert.True((await _engine.ApplyAsync([Patch(Create("b.txt", "b\n"))], ws.Options)).Success);
        Assert.True((await _engine.RollbackAsync(new() { Root = ws.Root })).Success);

        Assert.Contains("\"type\":\"rolledback\"", File.ReadAllText(ws.Journal), StringComparison.Ordinal);
        Assert.Empty(Inspect(ws));
    }

    [Fact]
    public async Task A_failed_last_apply_is_reported_and_a_later_success_settles_it()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "old a\n");
        ws.Write("x", "a file where the patch expects a folder\n");
        Assert.True((await _engine.ApplyAsync([Patch(Create("c.txt", "c\n"))], ws.Options)).Success);
        var failed = await _engine.ApplyAsync([Patch(Recreate("a.txt", "new a\n"), Create("x/y.txt", "y\n"))], ws.Options);
        Assert.Equal("FILE_WRITE_ERROR", failed.Error!.Code);

        var finding = Assert.Single(Inspect(ws));
        Assert.Equal(CheckRules.FailedApply, finding.Rule);
        Assert.Equal(4, finding.Line);

        Assert.True((await _engine.ApplyAsync([Patch(Recreate("a.txt", "newer a\n"))], ws.Options)).Success);
        Assert.Empty(Inspect(ws));
    }

    [Fact]
    public async Task A_torn_last_line_leaves_its_begin_open()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        BeginWithoutEnd(ws, "a.txt", "2\n");
        File.AppendAllText(ws.Journal, "{\"type\":\"do");

        Assert.Equal(CheckRules.InterruptedApply, Assert.Single(Inspect(ws)).Rule);
    }

    [Fact]
    public async Task A_malformed_line_is_skipped_and_later_lines_still_count()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        Assert.True((await _engine.ApplyAsync([Patch(Recreate("a.txt", "2\n"))], ws.Options)).Success);
        File.AppendAllText(ws.Journal, "{\"type\":\"begin\",\"id\":\"../escape\"}\n[1, 2]\n");
        string id = BeginWithoutEnd(ws, "a.txt", "3\n");

        var finding = Assert.Single(Inspect(ws));

        Assert.Equal(5, finding.Line);
        Assert.Contains(id, finding.Message);
    }

    [Fact]
    public void No_journal_means_nothing_to_report()
    {
        using var ws = new TempWorkspace();
        Assert.Empty(Inspect(ws));
    }
}
