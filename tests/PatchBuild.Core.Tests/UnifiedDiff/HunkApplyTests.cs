using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.UnifiedDiff;

public class HunkApplyTests
{
    private static string Numbered(int from, int to, string prefix = "line ") =>
        string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"{prefix}{i}\n"));

    [Fact]
    public async Task Plain_diff_modifies_a_file()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", "a\nb\nc\n");
        var result = await Engine.ApplyAsync(tree, "--- f.txt\n+++ f.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("a\nB\nc\n", tree.Read("f.txt"));
        Assert.Empty(Assert.Single(result.Files).Notes);
    }

    [Fact]
    public async Task Git_multi_file_diff_with_several_hunks_applies_every_file()
    {
        using var tree = new TempTree();
        tree.Write("src/one.txt", Numbered(1, 20));
        tree.Write("src/two.txt", "x\ny\n");
        string diff = "diff --git a/src/one.txt b/src/one.txt\nindex 1..2 100644\n--- a/src/one.txt\n+++ b/src/one.txt\n" +
                      "@@ -2,3 +2,3 @@\n line 2\n-line 3\n+LINE 3\n line 4\n@@ -15,3 +15,4 @@\n line 15\n line 16\n+inserted\n line 17\n" +
                      "diff --git a/src/two.txt b/src/two.txt\nindex 1..2 100644\n--- a/src/two.txt\n+++ b/src/two.txt\n@@ -1,2 +1 @@\n-x\n y\n";
        var result = await Engine.ApplyFileAsync(tree, "change.diff", diff);
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Numbered(1, 20).Replace("line 3\n", "LINE 3\n").Replace("line 16\n", "line 16\ninserted\n"), tree.Read("src/one.txt"));
        Assert.Equal("y\n", tree.Read("src/two.txt"));
    }

    [Fact]
    public async Task New_file_is_created_and_reapplying_skips_it()
    {
        using var tree = new TempTree();
        const string diff = "diff --git a/dir/new.txt b/dir/new.txt\nnew file mode 100644\n--- /dev/null\n+++ b/dir/new.txt\n@@ -0,0 +1,2 @@\n+hello\n+world\n";
        Assert.True((await Engine.ApplyAsync(tree, diff)).Success);
        Assert.Equal("hello\nworld\n", tree.Read("dir/new.txt"));
        var again = await Engine.ApplyAsync(tree, diff);
        Assert.True(again.Success);
        Assert.Equal(FileStatus.Skipped, Assert.Single(again.Files).Status);
    }

    [Fact]
    public async Task Deleted_file_is_removed_when_it_matches()
    {
        using var tree = new TempTree();
        tree.Write("gone.txt", "one\ntwo\n");
        var result = await Engine.ApplyAsync(tree, "--- a/gone.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-one\n-two\n");
        Assert.True(result.Success, result.Error?.Message);
        Assert.False(tree.Exists("gone.txt"));
    }

    [Fact]
    public async Task Deleting_a_file_that_changed_is_a_conflict_and_keeps_it()
    {
        using var tree = new TempTree();
        tree.Write("gone.txt", "one\nchanged\n");
        var result = await Engine.ApplyAsync(tree, "--- a/gone.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-one\n-two\n");
        Assert.Equal(ErrorCodes.Conflict, result.Error?.Code);
        Assert.Equal("one\nchanged\n", tree.Read("gone.txt"));
    }

    [Fact]
    public async Task Rename_with_changes_moves_and_edits()
    {
        using var tree = new TempTree();
        tree.Write("a.txt", "keep\nold\nkeep\n");
        var result = await Engine.ApplyAsync(tree, "diff --git a/a.txt b/sub/b.txt\nsimilarity index 70%\nrename from a.txt\nrename to sub/b.txt\n--- a/a.txt\n+++ b/sub/b.txt\n@@ -1,3 +1,3 @@\n keep\n-old\n+new\n keep\n");
        Assert.True(result.Success, result.Error?.Message);
        Assert.False(tree.Exists("a.txt"));
        Assert.Equal("keep\nnew\nkeep\n", tree.Read("sub/b.txt"));
    }

    [Fact]
    public async Task No_newline_marker_removes_and_adds_the_final_newline()
    {
        using var tree = new TempTree();
        tree.Write("add.txt", "a\nb");
        tree.Write("drop.txt", "a\nb\n");
        string diff = "--- a/add.txt\n+++ b/add.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n" +
                      "--- a/drop.txt\n+++ b/drop.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n";
        Assert.True((await Engine.ApplyAsync(tree, diff)).Success);
        Assert.Equal("a\nb\n", tree.Read("add.txt"));
        Assert.Equal("a\nb", tree.Read("drop.txt"));
    }

    [Fact]
    public async Task Crlf_target_matches_an_lf_diff_and_keeps_crlf()
    {
        using var tree = new TempTree();
        tree.Write("w.txt", "a\r\nb\r\nc\r\n");
        Assert.True((await Engine.ApplyAsync(tree, "--- a/w.txt\n+++ b/w.txt\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n+B2\n c\n")).Success);
        Assert.Equal("a\r\nB\r\nB2\r\nc\r\n", tree.Read("w.txt"));
    }

    [Fact]
    public async Task Crlf_diff_applies_to_an_lf_target()
    {
        using var tree = new TempTree();
        tree.Write("u.txt", "a\nb\nc\n");
        Assert.True((await Engine.ApplyAsync(tree, "--- a/u.txt\r\n+++ b/u.txt\r\n@@ -1,3 +1,3 @@\r\n a\r\n-b\r\n+B\r\n c\r\n")).Success);
        Assert.Equal("a\nB\nc\n", tree.Read("u.txt"));
    }

    [Fact]
    public async Task Shifted_hunks_apply_at_an_offset_and_say_so()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", "new 1\nnew 2\nnew 3\n" + Numbered(1, 30));
        string diff = "--- a/f.txt\n+++ b/f.txt\n@@ -5,3 +5,3 @@\n line 5\n-line 6\n+LINE 6\n line 7\n@@ -20,3 +20,3 @@\n line 20\n-line 21\n+LINE 21\n line 22\n";
        var result = await Engine.ApplyAsync(tree, diff);
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("new 1\nnew 2\nnew 3\n" + Numbered(1, 30).Replace("line 6\n", "LINE 6\n").Replace("line 21\n", "LINE 21\n"), tree.Read("f.txt"));
        Assert.Equal(["hunk 1 applied at offset +3 (line 8)", "hunk 2 applied at offset +3 (line 23)"], Assert.Single(result.Files).Notes);
    }

    [Fact]
    public async Task Search_prefers_the_nearest_of_two_matches()
    {
        using var tree = new TempTree();
        string block = "{\nvalue\n}\n";
        tree.Write("f.txt", "x\n" + block + Numbered(1, 6) + block + Numbered(7, 40));
        // Stated at line 12, the second block (line 12) is nearer than the first (line 2).
        var result = await Engine.ApplyAsync(tree, "--- a/f.txt\n+++ b/f.txt\n@@ -13,3 +13,3 @@\n {\n-value\n+VALUE\n }\n");
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("x\n" + block + Numbered(1, 6) + block.Replace("value", "VALUE") + Numbered(7, 40), tree.Read("f.txt"));
        Assert.Equal(["hunk 1 applied at offset -2 (line 11)"], result.Files[0].Notes);
    }

    [Fact]
    public async Task Changed_edge_context_needs_fuzz_and_is_reported()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", Numbered(1, 10).Replace("line 2\n", "line two\n"));
        string diff = "--- a/f.txt\n+++ b/f.txt\n@@ -2,5 +2,5 @@\n line 2\n line 3\n-line 4\n+LINE 4\n line 5\n line 6\n";
        var strict = await Engine.ApplyAsync(tree, diff);
        Assert.Equal(ErrorCodes.Conflict, strict.Error?.Code);
        Assert.Contains("--fuzz", strict.Error!.Hint);

        var fuzzy = await Engine.ApplyAsync(tree, diff, new ApplyOptions { Fuzz = 1 });
        Assert.True(fuzzy.Success, fuzzy.Error?.Message);
        Assert.Equal(Numbered(1, 10).Replace("line 2\n", "line two\n").Replace("line 4\n", "LINE 4\n"), tree.Read("f.txt"));
        Assert.Equal(["hunk 1 needed fuzz 1"], fuzzy.Files[0].Notes);
    }

    [Fact]
    public async Task Fuzz_can_ignore_trailing_context_beyond_the_end_of_the_file()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", Numbered(1, 6));
        string diff = "--- a/f.txt\n+++ b/f.txt\n@@ -2,6 +2,6 @@\n line 2\n line 3\n-line 4\n+LINE 4\n line 5\n line 6\n line 7\n";
        Assert.Equal(ErrorCodes.Conflict, (await Engine.ApplyAsync(tree, diff)).Error?.Code);
        var result = await Engine.ApplyAsync(tree, diff, new ApplyOptions { Fuzz = 1 });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Numbered(1, 6).Replace("line 4\n", "LINE 4\n"), tree.Read("f.txt"));
    }

    [Fact]
    public async Task Fuzz_never_ignores_removed_lines()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", Numbered(1, 10).Replace("line 4\n", "line four\n"));
        var result = await Engine.ApplyAsync(tree, "--- a/f.txt\n+++ b/f.txt\n@@ -3,3 +3,3 @@\n line 3\n-line 4\n+LINE 4\n line 5\n", new ApplyOptions { Fuzz = 3 });
        Assert.Equal(ErrorCodes.Conflict, result.Error?.Code);
        Assert.Equal(Numbered(1, 10).Replace("line 4\n", "line four\n"), tree.Read("f.txt"));
    }

    [Fact]
    public async Task Unmatched_hunk_is_a_conflict_with_the_closest_match()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", Numbered(1, 40).Replace("line 21\n", "line twenty-one\n"));
        string diff = "--- a/f.txt\n+++ b/f.txt\n@@ -2,3 +2,3 @@\n line 2\n-line 3\n+LINE 3\n line 4\n@@ -19,5 +19,5 @@\n line 19\n line 20\n-line 21\n+LINE 21\n line 22\n line 23\n";
        var result = await Engine.ApplyAsync(tree, diff);
        var error = result.Error!;
        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.Equal("f.txt", error.File);
        Assert.Equal(8, error.Line);
        Assert.Contains("Hunk 2 (@@ -19,5 +19,5 @@)", error.Message);
        Assert.Contains("closest match is at line 19, where 4 of its 5 old line(s) (80%) are equal", error.Message);
        Assert.Contains("'line 21' but the file has 'line twenty-one'", error.Message);
        Assert.Equal(2, error.Context["hunk"]);
        Assert.Equal(19, error.Context["statedLine"]);
        Assert.Equal(19, error.Context["closestLine"]);
        Assert.Equal(0.8, error.Context["similarity"]);
        Assert.NotNull(error.Hint);
        Assert.Equal(Numbered(1, 40).Replace("line 21\n", "line twenty-one\n"), tree.Read("f.txt"));
    }

    [Fact]
    public async Task Already_applied_diff_is_skipped_and_bytes_stay()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", Numbered(1, 20));
        string diff = "--- a/f.txt\n+++ b/f.txt\n@@ -3,3 +3,4 @@\n line 3\n-line 4\n+LINE 4\n+extra\n line 5\n@@ -15,3 +16,2 @@\n line 15\n-line 16\n line 17\n";
        Assert.True((await Engine.ApplyAsync(tree, diff)).Success);
        byte[] applied = File.ReadAllBytes(tree.PathOf("f.txt"));
        var again = await Engine.ApplyAsync(tree, diff);
        Assert.True(again.Success, again.Error?.Message);
        var file = Assert.Single(again.Files);
        Assert.Equal((FileStatus.Skipped, 1), (file.Status, file.Skipped));
        Assert.Empty(again.Changes);
        Assert.Equal(applied, File.ReadAllBytes(tree.PathOf("f.txt")));
    }

    [Fact]
    public async Task Already_applied_wins_over_a_farther_copy_of_the_old_text()
    {
        using var tree = new TempTree();
        // The file already has the change at line 2; an untouched copy of the old block sits further down.
        tree.Write("f.txt", "a\nNEW\nc\n" + Numbered(1, 10) + "a\nold\nc\n");
        var result = await Engine.ApplyAsync(tree, "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,3 @@\n a\n-old\n+NEW\n c\n");
        Assert.True(result.Success);
        Assert.Equal(FileStatus.Skipped, result.Files[0].Status);
        Assert.Empty(result.Changes);
    }

    [Fact]
    public async Task Partly_applied_diff_is_a_conflict_that_says_so()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", Numbered(1, 20).Replace("line 4\n", "LINE 4\n").Replace("line 16\n", "line sixteen\n"));
        string diff = "--- a/f.txt\n+++ b/f.txt\n@@ -3,3 +3,3 @@\n line 3\n-line 4\n+LINE 4\n line 5\n@@ -15,3 +15,3 @@\n line 15\n-line 16\n+LINE 16\n line 17\n";
        var result = await Engine.ApplyAsync(tree, diff);
        Assert.Equal(ErrorCodes.Conflict, result.Error?.Code);
        Assert.Contains("Hunk 1", result.Error!.Message);
        Assert.Contains("already at line 3", result.Error.Hint);
    }

    [Fact]
    public async Task Conflict_in_a_later_file_leaves_every_file_untouched()
    {
        using var tree = new TempTree();
        tree.Write("a.txt", "a\nb\n");
        tree.Write("c.txt", "c\nd\n");
        string diff = "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n" +
                      "--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+new\n" +
                      "--- a/c.txt\n+++ b/c.txt\n@@ -1,2 +1,2 @@\n c\n-zzz\n+D\n";
        var before = tree.Snapshot();
        var result = await Engine.ApplyAsync(tree, diff);
        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.Conflict, result.Error?.Code);
        Assert.Equal("c.txt", result.Error!.File);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public async Task Failure_in_a_second_patch_file_undoes_the_first()
    {
        using var tree = new TempTree();
        tree.Write("a.txt", "a\nb\n");
        tree.Write("first.patch", "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n");
        tree.Write("second.patch", "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n a\n-nope\n+C\n");
        var before = tree.Snapshot();
        var result = await Engine.Create().ApplyFilesAsync([tree.PathOf("first.patch"), tree.PathOf("second.patch")], new ApplyOptions { Root = tree.Root });
        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.EndsWith("second.patch", result.Error!.PatchFile);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public async Task Second_patch_sees_the_first_patch_result()
    {
        using var tree = new TempTree();
        tree.Write("a.txt", "a\nb\n");
        tree.Write("1.patch", "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n");
        tree.Write("2.patch", "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,3 @@\n a\n B\n+C\n");
        var result = await Engine.Create().ApplyFilesAsync([tree.PathOf("1.patch"), tree.PathOf("2.patch")], new ApplyOptions { Root = tree.Root });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("a\nB\nC\n", tree.Read("a.txt"));
    }

    [Fact]
    public async Task Modifying_a_missing_file_is_file_not_found()
    {
        using var tree = new TempTree();
        var result = await Engine.ApplyAsync(tree, "--- a/nope.txt\n+++ b/nope.txt\n@@ -1 +1 @@\n-a\n+b\n");
        Assert.Equal(ErrorCodes.FileNotFound, result.Error?.Code);
    }

    [Fact]
    public async Task Path_escaping_the_root_is_refused()
    {
        using var tree = new TempTree();
        var result = await Engine.ApplyAsync(tree, "--- /dev/null\n+++ b/../escape.txt\n@@ -0,0 +1 @@\n+x\n");
        Assert.Equal(ErrorCodes.InvalidFilePath, result.Error?.Code);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(tree.Root)!, "escape.txt")));
    }

    [Fact]
    public async Task Insertion_into_an_empty_file_ends_with_a_newline()
    {
        using var tree = new TempTree();
        tree.Write("empty.txt", "");
        Assert.True((await Engine.ApplyAsync(tree, "--- a/empty.txt\n+++ b/empty.txt\n@@ -0,0 +1,2 @@\n+a\n+b\n")).Success);
        Assert.Equal("a\nb\n", tree.Read("empty.txt"));
    }

    [Fact]
    public async Task Pathological_repetitive_file_and_hunk_fail_fast_with_a_conflict()
    {
        using var tree = new TempTree();
        tree.Write("big.txt", string.Concat(Enumerable.Repeat("same\n", 200_000)));
        string hunk = string.Concat(Enumerable.Repeat(" same\n", 5_000)) + "-different\n+x\n";
        var result = await Engine.ApplyAsync(tree, $"--- a/big.txt\n+++ b/big.txt\n@@ -1,5001 +1,5001 @@\n{hunk}");
        Assert.Equal(ErrorCodes.Conflict, result.Error?.Code);
    }

    [Fact]
    public async Task Dry_run_writes_nothing_and_renders_the_diff()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", "a\nb\n");
        var result = await Engine.ApplyAsync(tree, "--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n", new ApplyOptions { DryRun = true });
        Assert.True(result.Success);
        Assert.Equal("a\nb\n", tree.Read("f.txt"));
        Assert.Contains("-b\n+B\n", result.Diff);
    }
}

public class HunkIdempotencyTests
{
    [Fact]
    public async Task Appending_at_the_end_twice_appends_once()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", "a\nb\nc\n");
        const string diff = "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n";
        Assert.True((await Engine.ApplyAsync(tree, diff)).Success);
        var again = await Engine.ApplyAsync(tree, diff);
        Assert.True(again.Success);
        Assert.Equal(FileStatus.Skipped, again.Files[0].Status);
        Assert.Equal("a\nb\nc\nd\n", tree.Read("f.txt"));
    }

    [Fact]
    public async Task Prepending_at_the_start_twice_prepends_once()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", "a\nb\nc\nd\n");
        const string diff = "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,4 @@\n+top\n a\n b\n c\n";
        Assert.True((await Engine.ApplyAsync(tree, diff)).Success);
        Assert.Equal(FileStatus.Skipped, (await Engine.ApplyAsync(tree, diff)).Files[0].Status);
        Assert.Equal("top\na\nb\nc\nd\n", tree.Read("f.txt"));
    }

    [Fact]
    public async Task Final_newline_only_change_reapplied_is_skipped()
    {
        using var tree = new TempTree();
        tree.Write("f.txt", "a\nb");
        const string diff = "--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n";
        Assert.Equal(FileStatus.Applied, (await Engine.ApplyAsync(tree, diff)).Files[0].Status);
        Assert.Equal("a\nb\n", tree.Read("f.txt"));
        Assert.Equal(FileStatus.Skipped, (await Engine.ApplyAsync(tree, diff)).Files[0].Status);
    }

    [Fact]
    public async Task Renamed_and_edited_file_reapplied_is_skipped()
    {
        using var tree = new TempTree();
        tree.Write("a.txt", "keep\nold\nkeep\n");
        const string diff = "diff --git a/a.txt b/b.txt\nsimilarity index 70%\nrename from a.txt\nrename to b.txt\n--- a/a.txt\n+++ b/b.txt\n@@ -1,3 +1,3 @@\n keep\n-old\n+new\n keep\n";
        Assert.True((await Engine.ApplyAsync(tree, diff)).Success);
        var again = await Engine.ApplyAsync(tree, diff);
        Assert.True(again.Success, again.Error?.Message);
        Assert.All(again.Files, f => Assert.Equal(FileStatus.Skipped, f.Status));
        Assert.Empty(again.Changes);
    }
}
