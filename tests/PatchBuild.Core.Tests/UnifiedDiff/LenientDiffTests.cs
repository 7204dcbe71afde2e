using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.UnifiedDiff;

/// <summary>
/// Diffs as models write them (issue 12 §3): wrong @@ counts, "@@ @@" without numbers, no diff --git line, blank
/// context lines without their space. Each applies with a warning; --strict keeps the exact reading and refuses.
/// </summary>
public sealed class LenientDiffTests
{
    private const string Program = "using System;\n\nclass Program\n{\n    static void Main()\n    {\n        Console.WriteLine(\"hi\");\n    }\n}\n";
    private const string Expected = "using System;\n\nclass Program\n{\n    static void Main()\n    {\n        Console.WriteLine(\"hello\");\n        Console.WriteLine(\"bye\");\n    }\n}\n";

    [Theory]
    [InlineData("@@ -5,3 +5,3 @@")]   // counts too small
    [InlineData("@@ -5,9 +5,12 @@")]  // counts too large
    [InlineData("@@ -5 +5 @@")]
    public async Task Wrong_counts_are_recounted_from_the_body_with_a_warning(string header)
    {
        using var tree = new TempTree();
        tree.Write("Program.cs", Program);
        string diff = $"--- a/Program.cs\n+++ b/Program.cs\n{header}\n     static void Main()\n     {{\n-        Console.WriteLine(\"hi\");\n+        Console.WriteLine(\"hello\");\n+        Console.WriteLine(\"bye\");\n     }}\n }}\n";

        var result = await Engine.ApplyAsync(tree, diff);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Expected, tree.Read("Program.cs"));
        var warning = Assert.Single(result.Warnings, w => w.Code == "DIFF_HUNK_RECOUNTED");
        Assert.Contains("holds 5 and 6", warning.Message, StringComparison.Ordinal);
        Assert.Equal(3, warning.Line);
    }

    [Fact]
    public void Many_recounted_hunks_in_one_file_give_one_warning_that_lists_them()
    {
        var diff = new System.Text.StringBuilder("--- a/f.txt\n+++ b/f.txt\n");
        for (int i = 0; i < 12; i++)
        {
            diff.Append($"@@ -{(i * 10) + 1},9 +{(i * 10) + 1},9 @@\n x{i}\n-y{i}\n+z{i}\n");
        }

        var patch = Engine.Parse(diff.ToString());

        var warning = Assert.Single(patch.Warnings);
        Assert.Equal("DIFF_HUNK_RECOUNTED", warning.Code);
        Assert.Contains("12 hunks of 'f.txt'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("3, 7, 11", warning.Message, StringComparison.Ordinal);
        Assert.Contains("and 2 more", warning.Message, StringComparison.Ordinal);
        Assert.Equal(12, ((HunkModification)patch.Files[0].Modifications[0]).Hunks.Count);
    }

    [Fact]
    public async Task Strict_refuses_wrong_counts_as_before_and_writes_nothing()
    {
        using var tree = new TempTree();
        tree.Write("Program.cs", Program);
        string diff = "--- a/Program.cs\n+++ b/Program.cs\n@@ -5,3 +5,3 @@\n     static void Main()\n     {\n-        Console.WriteLine(\"hi\");\n+        Console.WriteLine(\"hello\");\n     }\n }\n";

        var result = await Engine.ApplyFileAsync(tree, "change.patch", diff, new ApplyOptions { Strict = true });

        Assert.False(result.Success);
        Assert.Equal(ErrorCodes.InvalidPatchFile, result.Error!.Code);
        Assert.Contains("more lines than its header counts", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(Program, tree.Read("Program.cs"));
    }

    [Theory]
    [InlineData("@@ @@")]
    [InlineData("@@")]
    [InlineData("@@ @@ static void Main()")]
    public async Task A_hunk_without_numbers_is_placed_by_its_context(string header)
    {
        using var tree = new TempTree();
        tree.Write("Program.cs", Program);
        string diff = $"--- a/Program.cs\n+++ b/Program.cs\n{header}\n     {{\n-        Console.WriteLine(\"hi\");\n+        Console.WriteLine(\"hello\");\n+        Console.WriteLine(\"bye\");\n     }}\n";

        var result = await Engine.ApplyAsync(tree, diff);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Expected, tree.Read("Program.cs"));
        Assert.Contains(result.Warnings, w => w.Code == "DIFF_HUNK_WITHOUT_NUMBERS");
        Assert.Throws<PatchException>(() => Engine.Create().Parse(diff, "change.patch", strict: true));
    }

    [Fact]
    public async Task Numberless_hunks_are_looked_for_after_the_hunk_before()
    {
        using var tree = new TempTree();
        tree.Write("a.txt", "one\nx\nsame\ny\ntwo\nx\nsame\ny\n");
        // The second hunk's lines occur twice in the file, but only once after the first hunk: that is its place.
        string diff = "--- a/a.txt\n+++ b/a.txt\n@@ @@\n one\n x\n-same\n+first\n@@ @@\n x\n-same\n+second\n y\n";

        var result = await Engine.ApplyAsync(tree, diff);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("one\nx\nfirst\ny\ntwo\nx\nsecond\ny\n", tree.Read("a.txt"));
    }

    [Fact]
    public async Task A_numberless_hunk_whose_context_occurs_twice_is_refused_and_nothing_changes()
    {
        using var tree = new TempTree();
        tree.Write("a.txt", "x\nsame\ny\nx\nsame\ny\n");
        string diff = "--- a/a.txt\n+++ b/a.txt\n@@ @@\n x\n-same\n+changed\n y\n";

        var result = await Engine.ApplyAsync(tree, diff);

        Assert.False(result.Success);
        Assert.Equal(ErrorCodes.AmbiguousMatch, result.Error!.Code);
        Assert.Contains("line 1 and again at line 4", result.Error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(result.Error.Hint));
        Assert.Equal("x\nsame\ny\nx\nsame\ny\n", tree.Read("a.txt"));
    }

    [Fact]
    public void A_numberless_hunk_with_only_added_lines_is_refused_it_has_no_place()
    {
        var error = Engine.ParseError("--- a/a.txt\n+++ b/a.txt\n@@ @@\n+new line\n");
        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
        Assert.Contains("neither line numbers nor context", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_diff_without_diff_git_lines_and_with_several_files_applies()
    {
        using var tree = new TempTree();
        tree.Write("src/A.cs", "class A\n{\n}\n");
        tree.Write("src/B.cs", "class B\n{\n}\n");
        string diff = "Here is the change:\n\n--- a/src/A.cs\n+++ b/src/A.cs\n@@ -1,3 +1,4 @@\n class A\n {\n+    int a;\n }\n--- a/src/B.cs\n+++ b/src/B.cs\n@@ -1,3 +1,4 @@\n class B\n {\n+    int b;\n }\n\nThat's all.\n";

        var result = await Engine.ApplyAsync(tree, diff);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("class A\n{\n    int a;\n}\n", tree.Read("src/A.cs"));
        Assert.Equal("class B\n{\n    int b;\n}\n", tree.Read("src/B.cs"));
    }

    [Fact]
    public async Task A_blank_context_line_without_its_space_reads_as_empty_context_with_a_warning()
    {
        using var tree = new TempTree();
        tree.Write("Program.cs", Program);
        // Line 2 of the file is empty; the model wrote it as an empty line instead of " ".
        string diff = "--- a/Program.cs\n+++ b/Program.cs\n@@ -1,3 +1,4 @@\n using System;\n\n+// entry point\n class Program\n";

        var result = await Engine.ApplyAsync(tree, diff);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Program.Replace("\n\nclass", "\n\n// entry point\nclass", StringComparison.Ordinal), tree.Read("Program.cs"));
        Assert.Contains(result.Warnings, w => w.Code == "DIFF_BLANK_CONTEXT");
    }

    [Fact]
    public async Task Wrong_counts_and_a_trimmed_blank_line_and_a_trailing_gap_together()
    {
        using var tree = new TempTree();
        tree.Write("Program.cs", Program);
        string diff = "--- Program.cs\n+++ Program.cs\n@@ -1,2 +1,2 @@\n using System;\n\n+// entry point\n class Program\n\n\n";

        var result = await Engine.ApplyAsync(tree, diff);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Program.Replace("\n\nclass", "\n\n// entry point\nclass", StringComparison.Ordinal), tree.Read("Program.cs"));
        Assert.Contains(result.Warnings, w => w.Code == "DIFF_HUNK_RECOUNTED");
    }

    [Fact]
    public async Task Reverse_undoes_an_applied_diff_and_refuses_other_dialects()
    {
        using var tree = new TempTree();
        tree.Write("Program.cs", Expected);
        string diff = "--- a/Program.cs\n+++ b/Program.cs\n@@ -6,3 +6,4 @@\n     {\n-        Console.WriteLine(\"hi\");\n+        Console.WriteLine(\"hello\");\n+        Console.WriteLine(\"bye\");\n     }\n";

        var result = await Engine.ApplyFileAsync(tree, "change.patch", diff, new ApplyOptions { Reverse = true });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(Program, tree.Read("Program.cs"));

        var ap = await Engine.ApplyFileAsync(tree, "afix.ap", "3f9c0a7e AP 3.2\n\n3f9c0a7e FILE\nProgram.cs\n\n3f9c0a7e DELETE\n3f9c0a7e snippet\nusing System;\n", new ApplyOptions { Reverse = true });
        Assert.Equal(ErrorCodes.Unsupported, ap.Error!.Code);
        Assert.Equal(Program, tree.Read("Program.cs"));
    }
}
