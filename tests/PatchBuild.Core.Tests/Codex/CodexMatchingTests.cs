using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.UnifiedDiff;

namespace PatchBuild.Core.Tests.Codex;

/// <summary>The matching ladder: a whole-file pass per level, @@ narrowing, forward order, End of File anchoring.</summary>
public sealed class CodexMatchingTests : IDisposable
{
    private readonly TempTree _tree = new("codex-match");

    public void Dispose() => _tree.Dispose();

    private async Task<string> Apply(string file, string body, ApplyOptions? options = null)
    {
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap(body), options);
        CodexKit.Succeeded(result);
        return _tree.Read(file);
    }

    [Fact]
    public async Task An_exact_match_further_down_beats_a_loose_one_above()
    {
        _tree.Write("f.txt", "  value = 1;\nmiddle\nvalue = 1;\n");
        Assert.Equal("  value = 1;\nmiddle\nvalue = 2;\n", await Apply("f.txt", "*** Update File: f.txt\n@@\n-value = 1;\n+value = 2;\n"));
    }

    [Fact]
    public async Task Trailing_whitespace_is_ignored_when_nothing_matches_exactly_and_context_keeps_the_file_text()
    {
        _tree.Write("f.txt", "keep   \nold\t\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: f.txt\n@@\n keep\n-old\n+new\n"));
        CodexKit.Succeeded(result);
        // Codex would write its own "keep"; the context line keeps the file's trailing spaces.
        Assert.Equal("keep   \nnew\n", _tree.Read("f.txt"));
        Assert.Contains(result.Files.Single().Notes, n => n.Contains("trailing whitespace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leading_whitespace_is_ignored_at_the_third_level()
    {
        _tree.Write("f.txt", "\t\tif (x)\n\t\t\treturn;\n");
        Assert.Equal("\t\tif (x)\n    return 1;\n", await Apply("f.txt", "*** Update File: f.txt\n@@\n  if (x)\n-    return;\n+    return 1;\n"));
    }

    [Fact]
    public async Task Typographic_punctuation_matches_its_ascii_form_last()
    {
        _tree.Write("f.txt", "say(\u201Chello\u201D); // a \u2014 b\u00A0c\nnext\n");
        Assert.Equal("say(\u201Chello\u201D); // a \u2014 b\u00A0c\nchanged\n",
            await Apply("f.txt", "*** Update File: f.txt\n@@\n say(\"hello\"); // a - b c\n-next\n+changed\n"));
    }

    [Fact]
    public async Task Strict_compares_lines_exactly()
    {
        _tree.Write("f.txt", "keep   \nold\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: f.txt\n@@\n keep\n-old\n+new\n"), new ApplyOptions { Strict = true });
        var error = CodexKit.Failed(result, ErrorCodes.Conflict);
        Assert.Contains("--strict", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_lines_narrow_the_search_to_below_them()
    {
        _tree.Write("f.py", "class A:\n    def run(self):\n        return 1\nclass B:\n    def run(self):\n        return 1\n");
        Assert.Equal("class A:\n    def run(self):\n        return 1\nclass B:\n    def run(self):\n        return 2\n",
            await Apply("f.py", "*** Update File: f.py\n@@ class B:\n-        return 1\n+        return 2\n"));
    }

    [Fact]
    public async Task Several_header_lines_narrow_one_after_another()
    {
        _tree.Write("f.py", "class A:\n    def run(self):\n        pass\n    def stop(self):\n        pass\nclass B:\n    def run(self):\n        pass\n    def stop(self):\n        pass\n");
        string after = await Apply("f.py", "*** Update File: f.py\n@@ class B:\n@@     def stop(self):\n-        pass\n+        return\n");
        Assert.Equal("class A:\n    def run(self):\n        pass\n    def stop(self):\n        pass\nclass B:\n    def run(self):\n        pass\n    def stop(self):\n        return\n", after);
    }

    [Fact]
    public async Task A_header_that_is_not_found_is_reported_with_its_text()
    {
        _tree.Write("f.py", "def a():\n    pass\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: f.py\n@@ def missing():\n-    pass\n+    return\n"));
        var error = CodexKit.Failed(result, ErrorCodes.AnchorNotFound);
        Assert.Contains("def missing():", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
        Assert.Equal("f.py", error.File);
    }

    [Fact]
    public async Task Chunks_are_found_in_forward_order_only()
    {
        _tree.Write("f.txt", "a\nb\nc\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: f.txt\n@@\n-c\n+C\n@@\n-a\n+A\n"));
        CodexKit.Failed(result, ErrorCodes.Conflict);
        Assert.Equal("a\nb\nc\n", _tree.Read("f.txt"));
    }

    [Fact]
    public async Task A_repeated_block_is_taken_after_the_previous_chunk()
    {
        _tree.Write("f.txt", "x = 0\nstep\nx = 0\nstep\n");
        Assert.Equal("x = 1\nstep\nx = 2\nstep\n", await Apply("f.txt", "*** Update File: f.txt\n@@\n-x = 0\n+x = 1\n@@\n-x = 0\n+x = 2\n"));
    }

    [Fact]
    public async Task End_of_file_chunks_match_only_the_last_lines()
    {
        _tree.Write("f.txt", "end\nmiddle\nend\n");
        Assert.Equal("end\nmiddle\nEND\n", await Apply("f.txt", "*** Update File: f.txt\n@@\n-end\n+END\n*** End of File\n"));
    }

    [Fact]
    public async Task A_pure_addition_after_a_header_goes_right_below_it()
    {
        // Codex appends such a chunk at the end of the file; the header says where the model meant.
        _tree.Write("f.py", "def a():\n    pass\ndef b():\n    pass\n");
        Assert.Equal("def a():\n    # note\n    pass\ndef b():\n    pass\n", await Apply("f.py", "*** Update File: f.py\n@@ def a():\n+    # note\n"));
    }

    [Fact]
    public async Task An_empty_line_in_a_chunk_is_empty_context()
    {
        _tree.Write("f.txt", "a\n\nb\n");
        Assert.Equal("a\n\nB\n", await Apply("f.txt", "*** Update File: f.txt\n@@\n a\n\n-b\n+B\n"));
    }

    [Fact]
    public async Task A_trailing_blank_line_before_the_next_marker_does_not_stop_the_match()
    {
        _tree.Write("f.txt", "a\nb\n");
        Assert.Equal("a\nB\n", await Apply("f.txt", "*** Update File: f.txt\n@@\n a\n-b\n+B\n\n"));
    }

    [Fact]
    public async Task Applying_the_same_patch_twice_skips_the_second_time()
    {
        _tree.Write("f.txt", "one\ntwo\nthree\n");
        string patch = CodexKit.Wrap("*** Update File: f.txt\n@@\n one\n-two\n+TWO\n three\n");
        CodexKit.Succeeded(await CodexKit.ApplyAsync(_tree, patch));
        var bytes = _tree.Snapshot();
        var again = await CodexKit.ApplyAsync(_tree, patch);
        CodexKit.Succeeded(again);
        Assert.Equal(FileStatus.Skipped, Assert.Single(again.Files).Status);
        Assert.Equal(bytes, _tree.Snapshot());
    }
}
