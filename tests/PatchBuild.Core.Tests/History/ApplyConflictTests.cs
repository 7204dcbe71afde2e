using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.History.TempWorkspace;

namespace PatchBuild.Core.Tests.History;

public class ApplyConflictTests
{
    private readonly PatchEngine _engine = new();

    [Fact]
    public void CreatePatch_records_the_base_hash_and_content()
    {
        var patch = PatchEngine.CreatePatch("a.txt", "old\n", "new\n", "why");
        var change = Assert.Single(patch.Files);
        Assert.Equal(ContentHash.OfText("old\n"), change.BaseHash);
        Assert.Equal("old\n", change.ExpectedContent);
        Assert.Equal("new\n", change.Content);
        Assert.Equal("why", patch.Summary);
    }

    [Fact]
    public async Task A_patch_made_against_the_current_file_applies_plainly()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", Numbered(5));
        var result = await _engine.ApplyAsync([PatchEngine.CreatePatch("a.txt", Numbered(5), Numbered(5, i => i == 2 ? "two" : $"line {i}"))], ws.Options);
        Assert.True(result.Success, result.Error?.Message);
        Assert.Empty(result.Conflicts);
        Assert.Equal(Numbered(5, i => i == 2 ? "two" : $"line {i}"), ws.Read("a.txt"));
    }

    [Fact]
    public async Task A_file_changed_elsewhere_since_the_patch_is_merged()
    {
        using var ws = new TempWorkspace();
        var patch = PatchEngine.CreatePatch("a.txt", Numbered(20), Numbered(20, i => i == 2 ? "patch 2" : $"line {i}"));
        ws.Write("a.txt", Numbered(20, i => i == 18 ? "edit 18" : $"line {i}"));

        var result = await _engine.ApplyAsync([patch], ws.Options);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Empty(result.Conflicts);
        Assert.Equal(Numbered(20, i => i == 2 ? "patch 2" : i == 18 ? "edit 18" : $"line {i}"), ws.Read("a.txt"));
        Assert.Contains(result.Files.Single().Notes, n => n.Contains("merged three ways"));
    }

    [Fact]
    public async Task Overlaps_fail_with_conflicts_listed_and_nothing_written()
    {
        using var ws = new TempWorkspace();
        var patch = PatchEngine.CreatePatch("a.txt", Numbered(10), Numbered(10, i => i is 3 or 8 ? $"patch {i}" : $"line {i}"));
        string mine = Numbered(10, i => i is 3 or 8 ? $"mine {i}" : $"line {i}");
        ws.Write("a.txt", mine);

        var result = await _engine.ApplyAsync([patch], ws.Options);

        Assert.False(result.Success);
        Assert.Equal("CONFLICT", result.Error!.Code);
        Assert.Equal([3, 8], result.Conflicts.Select(c => c.Line));
        Assert.Equal([0, 1], result.Conflicts.Select(c => c.Index));
        Assert.All(result.Conflicts, c => Assert.Null(c.Resolution));
        Assert.Contains("line 3", result.Error.Message);
        Assert.Equal(mine, ws.Read("a.txt"));
        Assert.False(File.Exists(ws.Journal));
    }

    [Theory]
    [InlineData(MergeStrategy.Ours, "mine 3", "mine 8")]
    [InlineData(MergeStrategy.Theirs, "patch 3", "patch 8")]
    [InlineData(MergeStrategy.Union, "mine 3\npatch 3", "mine 8\npatch 8")]
    [InlineData(MergeStrategy.Manual, "<<<<<<< ours\nmine 3\n=======\npatch 3\n>>>>>>> theirs", "<<<<<<< ours\nmine 8\n=======\npatch 8\n>>>>>>> theirs")]
    public async Task Strategies_settle_apply_conflicts(MergeStrategy strategy, string line3, string line8)
    {
        using var ws = new TempWorkspace();
        var patch = PatchEngine.CreatePatch("a.txt", Numbered(10), Numbered(10, i => i is 3 or 8 ? $"patch {i}" : $"line {i}"));
        ws.Write("a.txt", Numbered(10, i => i is 3 or 8 ? $"mine {i}" : $"line {i}"));

        var result = await _engine.ApplyAsync([patch], ws.Options with { MergeStrategy = strategy });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(2, result.Conflicts.Count);
        Assert.Equal(Numbered(10, i => i == 3 ? line3 : i == 8 ? line8 : $"line {i}"), ws.Read("a.txt"));
    }

    [Fact]
    public async Task Each_conflict_can_be_answered_through_the_api()
    {
        using var ws = new TempWorkspace();
        var patch = PatchEngine.CreatePatch("a.txt", Numbered(10), Numbered(10, i => i is 3 or 8 ? $"patch {i}" : $"line {i}"));
        ws.Write("a.txt", Numbered(10, i => i is 3 or 8 ? $"mine {i}" : $"line {i}"));
        var first = await _engine.ApplyAsync([patch], ws.Options);
        Assert.Equal(2, first.Conflicts.Count);

        var answers = new Dictionary<int, MergeStrategy> { [first.Conflicts[0].Index] = MergeStrategy.Ours, [first.Conflicts[1].Index] = MergeStrategy.Theirs };
        var result = await _engine.ApplyAsync([patch], ws.Options with { ConflictResolutions = answers });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Numbered(10, i => i == 3 ? "mine 3" : i == 8 ? "patch 8" : $"line {i}"), ws.Read("a.txt"));
    }

    [Fact]
    public async Task Applying_a_created_patch_twice_changes_nothing_the_second_time()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "a\nb\n");
        var patch = PatchEngine.CreatePatch("a.txt", "a\nb\n", "a\nB\n");
        Assert.True((await _engine.ApplyAsync([patch], ws.Options)).Success);
        var again = await _engine.ApplyAsync([patch], ws.Options);
        Assert.True(again.Success);
        Assert.Empty(again.Changes);
        Assert.Equal("a\nB\n", ws.Read("a.txt"));
    }

    [Fact]
    public async Task A_file_deleted_since_the_patch_is_a_conflict()
    {
        using var ws = new TempWorkspace();
        var patch = PatchEngine.CreatePatch("a.txt", "a\n", "b\n");
        var result = await _engine.ApplyAsync([patch], ws.Options);
        Assert.Equal("CONFLICT", result.Error?.Code);
        Assert.Contains("deleted", Assert.Single(result.Conflicts).Reason);

        var ours = await _engine.ApplyAsync([patch], ws.Options with { MergeStrategy = MergeStrategy.Ours });
        Assert.True(ours.Success);
        Assert.False(ws.Exists("a.txt"));
        var theirs = await _engine.ApplyAsync([patch], ws.Options with { MergeStrategy = MergeStrategy.Theirs });
        Assert.True(theirs.Success);
        Assert.Equal("b\n", ws.Read("a.txt"));
    }
}
