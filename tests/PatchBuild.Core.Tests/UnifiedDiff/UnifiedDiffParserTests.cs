using PatchBuild.Core.Formats;
using PatchBuild.Core.Formats.UnifiedDiff;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.UnifiedDiff;

public class UnifiedDiffParserTests
{
    private static HunkModification Hunks(FileChange change) => Assert.IsType<HunkModification>(Assert.Single(change.Modifications));

    [Fact]
    public void Plain_headers_strip_timestamps_and_read_counts()
    {
        var patch = Engine.Parse("--- src/app.c\t2024-01-01 10:00:00.000000000 +0100\n+++ src/app.c\t2024-01-02 11:00:00.000000000 +0100\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        var change = Assert.Single(patch.Files);
        Assert.Equal(("src/app.c", FileChangeKind.Modify), (change.Path, change.Kind));
        var hunk = Assert.Single(Hunks(change).Hunks);
        Assert.Equal((1, 3, 1, 3), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        Assert.Equal(["a", "b", "c"], hunk.OldSide);
        Assert.Equal(["a", "B", "c"], hunk.NewSide);
        Assert.Equal(3, hunk.PatchLine);
    }

    // The raw text is made only when read (failure reports, error locations); it must still be each file's own section.
    [Fact]
    public void Each_file_keeps_its_own_section_of_the_diff_as_raw_text()
    {
        string first = "diff --git a/a.txt b/a.txt\nindex 83db48f..bf269f4 100644\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n";
        string second = "diff --git a/b.txt b/b.txt\n--- a/b.txt\n+++ b/b.txt\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n@@ -9 +9 @@\n-p\n+q\n";
        string plain = "--- c.txt\r\n+++ c.txt\r\n@@ -1 +1 @@\r\n-c\r\n+C\r\n";
        var patch = Engine.Parse("preamble line\n" + first + second + plain);
        Assert.Equal(["a.txt", "b.txt", "c.txt"], patch.Files.Select(f => f.Path));
        Assert.Equal([first, second, plain.Replace("\r\n", "\n")], patch.Files.Select(f => Assert.Single(f.Modifications).RawText));
    }

    [Fact]
    public void Plain_a_b_prefixes_and_orig_backups_name_the_real_file()
    {
        Assert.Equal("x/y.cs", Engine.Parse("--- a/x/y.cs\n+++ b/x/y.cs\n@@ -1 +1 @@\n-a\n+b\n").Files[0].Path);
        Assert.Equal("y.cs", Engine.Parse("--- y.cs.orig\n+++ y.cs\n@@ -1 +1 @@\n-a\n+b\n").Files[0].Path);
        Assert.Equal("src/y.cs", Engine.Parse("--- old/src/y.cs\n+++ new/src/y.cs\n@@ -1 +1 @@\n-a\n+b\n").Files[0].Path);
    }

    [Fact]
    public void Git_header_with_index_line_and_section_heading()
    {
        var patch = Engine.Parse("diff --git a/lib/m.cs b/lib/m.cs\nindex 83db48f..bf269f4 100644\n--- a/lib/m.cs\n+++ b/lib/m.cs\n@@ -10,2 +10,3 @@ class M\n x\n+y\n z\n");
        var change = Assert.Single(patch.Files);
        Assert.Equal("lib/m.cs", change.Path);
        Assert.Equal("@@ -10,2 +10,3 @@ class M", Hunks(change).Hunks[0].Header);
        Assert.Equal(1, change.PatchLine);
    }

    [Fact]
    public void Git_new_file_becomes_create_with_content_from_the_hunk()
    {
        var patch = Engine.Parse("diff --git a/new.txt b/new.txt\nnew file mode 100644\nindex 0000000..3be9c81\n--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n");
        var change = Assert.Single(patch.Files);
        Assert.Equal((FileChangeKind.Create, "one\ntwo\n"), (change.Kind, change.Content));
    }

    [Fact]
    public void Created_file_without_final_newline_keeps_it_missing()
    {
        var patch = Engine.Parse("--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1 @@\n+only\n\\ No newline at end of file\n");
        Assert.Equal("only", patch.Files[0].Content);
    }

    [Fact]
    public void Empty_new_file_has_no_hunk_and_empty_content()
    {
        var patch = Engine.Parse("diff --git a/empty.txt b/empty.txt\nnew file mode 100644\nindex 0000000..e69de29\n");
        var change = Assert.Single(patch.Files);
        Assert.Equal((FileChangeKind.Create, "empty.txt", ""), (change.Kind, change.Path, change.Content));
    }

    [Fact]
    public void Deleted_file_becomes_delete_with_expected_content()
    {
        var patch = Engine.Parse("diff --git a/old.txt b/old.txt\ndeleted file mode 100644\nindex 3be9c81..0000000\n--- a/old.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-one\n-two\n");
        var change = Assert.Single(patch.Files);
        Assert.Equal((FileChangeKind.Delete, "old.txt", "one\ntwo\n"), (change.Kind, change.Path, change.ExpectedContent));
    }

    [Fact]
    public void Rename_with_hunks_is_rename_then_modify_of_the_new_path()
    {
        var patch = Engine.Parse("diff --git a/a.txt b/dir/b.txt\nsimilarity index 80%\nrename from a.txt\nrename to dir/b.txt\nindex 1..2 100644\n--- a/a.txt\n+++ b/dir/b.txt\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n");
        Assert.Collection(patch.Files,
            rename => Assert.Equal((FileChangeKind.Rename, "a.txt", "dir/b.txt"), (rename.Kind, rename.Path, rename.NewPath)),
            modify => Assert.Equal((FileChangeKind.Modify, "dir/b.txt"), (modify.Kind, modify.Path)));
    }

    [Fact]
    public void Pure_rename_without_hunks_is_only_a_rename()
    {
        var patch = Engine.Parse("diff --git a/a.txt b/b.txt\nsimilarity index 100%\nrename from a.txt\nrename to b.txt\n");
        var change = Assert.Single(patch.Files);
        Assert.Equal((FileChangeKind.Rename, "a.txt", "b.txt"), (change.Kind, change.Path, change.NewPath));
    }

    [Fact]
    public void Quoted_git_paths_with_spaces_and_octal_utf8_are_decoded()
    {
        var patch = Engine.Parse("diff --git \"a/with space/caf\\303\\251.txt\" \"b/with space/caf\\303\\251.txt\"\nindex 1..2 100644\n--- \"a/with space/caf\\303\\251.txt\"\n+++ \"b/with space/caf\\303\\251.txt\"\n@@ -1 +1 @@\n-a\n+b\n");
        Assert.Equal("with space/café.txt", Assert.Single(patch.Files).Path);
    }

    [Fact]
    public void Unquoted_git_header_with_spaces_is_split_where_the_names_agree()
    {
        var patch = Engine.Parse("diff --git a/my dir/f b.txt b/my dir/f b.txt\nnew file mode 100644\nindex 0000000..e69de29\n");
        Assert.Equal("my dir/f b.txt", Assert.Single(patch.Files).Path);
    }

    [Fact]
    public void Mode_change_only_gives_a_warning_and_no_file_change()
    {
        var patch = Engine.Parse("diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n");
        Assert.Empty(patch.Files);
        var warning = Assert.Single(patch.Warnings);
        Assert.Equal(UnifiedDiffParser.ModeIgnoredWarning, warning.Code);
        Assert.Contains("100755", warning.Message);
    }

    [Fact]
    public void No_newline_markers_are_recorded_per_side()
    {
        var patch = Engine.Parse("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
        var hunk = Hunks(patch.Files[0]).Hunks[0];
        Assert.True(hunk.OldMissingFinalNewline);
        Assert.False(hunk.NewMissingFinalNewline);
    }

    [Fact]
    public void Several_files_mail_preamble_crlf_and_signature_are_handled()
    {
        string mail = "From 1234 Mon Sep 17 00:00:00 2001\nFrom: Dev <dev@example.com>\nSubject: [PATCH] Fix things\n\nLonger message --- with dashes.\n---\n a.txt | 2 +-\n\n" +
                      "diff --git a/a.txt b/a.txt\nindex 1..2 100644\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-x\n+y\n" +
                      "diff --git a/b.txt b/b.txt\nindex 1..2 100644\n--- a/b.txt\n+++ b/b.txt\n@@ -1,2 +1,2 @@\n--- not a header\n+++ not a header either\n keep\n-- \n2.39.5\n\n";
        var patch = Engine.Parse(mail.Replace("\n", "\r\n"), "fix.diff");
        Assert.Equal(["a.txt", "b.txt"], patch.Files.Select(f => f.Path));
        var hunk = Hunks(patch.Files[1]).Hunks[0];
        // Headers are read without the CR; in hunk lines it is content, as git apply reads it.
        Assert.Equal(["-- not a header\r", "keep\r"], hunk.OldSide);
        Assert.Equal(["++ not a header either\r", "keep\r"], hunk.NewSide);
    }

    [Fact]
    public void Binary_git_patch_is_unsupported_and_names_the_file()
    {
        var error = Engine.ParseError("diff --git a/logo.png b/logo.png\nindex 1..2 100644\nGIT binary patch\nliteral 5\nMcmZ?wbhEHb\n\nliteral 0\nHcmV?d00001\n\n");
        Assert.Equal(ErrorCodes.Unsupported, error.Code);
        Assert.Equal("logo.png", error.File);
        Assert.Contains("git apply", error.Hint);
    }

    [Fact]
    public void Binary_files_differ_line_is_unsupported()
    {
        var error = Engine.ParseError("diff --git a/x.bin b/x.bin\nindex 1..2 100644\nBinary files a/x.bin and b/x.bin differ\n");
        Assert.Equal((ErrorCodes.Unsupported, "x.bin"), (error.Code, error.File));
    }

    [Fact]
    public void Git_copy_is_unsupported_with_a_hint()
    {
        var error = Engine.ParseError("diff --git a/a.txt b/c.txt\nsimilarity index 100%\ncopy from a.txt\ncopy to c.txt\n");
        Assert.Equal(ErrorCodes.Unsupported, error.Code);
        Assert.Contains("-C", error.Hint);
    }

    [Fact]
    public void Strict_hunk_with_fewer_lines_than_counted_is_invalid_with_the_line()
    {
        var error = Engine.ParseError("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\ngarbage here\n", strict: true);
        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
        Assert.Equal(7, error.Line);
        Assert.Contains("garbage here", error.Message);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void Strict_hunk_with_more_lines_than_counted_is_invalid()
    {
        var error = Engine.ParseError("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n+d\n d\n", strict: true);
        Assert.Equal((ErrorCodes.InvalidPatchFile, 7), (error.Code, error.Line));
        Assert.Contains("more lines", error.Message);
    }

    [Fact]
    public void Strict_truncated_hunk_is_invalid()
    {
        var error = Engine.ParseError("--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n a\n", strict: true);
        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
        Assert.Contains("ends inside hunk 1", error.Message);
    }

    [Theory]
    [InlineData("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\ngarbage here\n", 2, 2)]
    [InlineData("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n+d\n d\n", 3, 4)]
    [InlineData("--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n a\n", 1, 1)]
    public void Without_strict_a_hunk_whose_counts_do_not_fit_is_read_by_its_body(string diff, int oldCount, int newCount)
    {
        var patch = Engine.Parse(diff);
        var hunk = Assert.Single(Hunks(Assert.Single(patch.Files)).Hunks);
        Assert.Equal((oldCount, newCount), (hunk.OldCount, hunk.NewCount));
        Assert.Equal("DIFF_HUNK_RECOUNTED", Assert.Single(patch.Warnings).Code);
    }

    [Theory]
    [InlineData("@@ -x +1 @@")]
    [InlineData("@@ -1,2 +1,99999999999 @@")]
    [InlineData("@@ -1 +1")]
    public void Bad_hunk_header_is_invalid(string header)
    {
        var error = Engine.ParseError("--- a/f\n+++ b/f\n" + header + "\n a\n");
        Assert.Equal((ErrorCodes.InvalidPatchFile, 3), (error.Code, error.Line));
        Assert.Contains("@@ -12,7 +12,8 @@", error.Hint);
    }

    [Fact]
    public void Hunk_without_file_header_and_text_without_diff_are_invalid()
    {
        Assert.Equal(ErrorCodes.InvalidPatchFile, Engine.ParseError("@@ -1 +1 @@\n-a\n+b\n").Code);
        Assert.Equal(ErrorCodes.InvalidPatchFile, Engine.ParseError("just some notes\n").Code);
    }

    [Fact]
    public void Creation_hunk_with_context_is_invalid()
    {
        var error = Engine.ParseError("--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,2 @@\n a\n+b\n");
        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
    }

    [Theory]
    [InlineData("fix.patch", "anything", true)]
    [InlineData("FIX.DIFF", "anything", true)]
    [InlineData("notes.txt", "Subject: x\n\ndiff --git a/f b/f\n", true)]
    [InlineData(null, "intro\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n", true)]
    [InlineData("notes.txt", "--- just a rule\nnot a diff\n", false)]
    [InlineData(null, "intro\r\n--- a/f\r\n+++ b/f\r\n", true)]
    [InlineData(null, "--- a/f\n\n+++ b/f\n", false)]
    [InlineData(null, "+++ b/f\n--- a/f\n", false)]
    [InlineData(null, "notes\ndiff --git a/f b/f", true)]
    [InlineData(null, "notes\n--- a/f", false)]
    [InlineData(null, " diff --git a/f b/f\n", false)]
    [InlineData(null, "", false)]
    public void Claims_by_name_or_content(string? name, string text, bool expected) =>
        Assert.Equal(expected, new UnifiedDiffFormat().Claims(name, text));

    [Fact]
    public void Registry_picks_the_unified_diff_format_for_diff_text()
    {
        var patch = PatchFormats.Parse("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", "/tmp/x/input.txt", new ParseOptions());
        Assert.Equal(PatchFormat.UnifiedDiff, patch.Format);
    }

    [Fact]
    public void Bare_hunks_parse_for_a_named_file()
    {
        var modification = UnifiedDiffParser.ParseHunks("@@ -1,2 +1,2 @@\n a\n-b\n+c\n@@ -9 +9 @@\n-x\n+y\n", "config.yml");
        Assert.Equal([1, 2], modification.Hunks.Select(h => h.Number));
        Assert.Equal(1, modification.PatchLine);
    }
}
