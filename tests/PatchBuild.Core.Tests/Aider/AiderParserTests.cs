using PatchBuild.Core.Formats.Aider;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Aider;

/// <summary>
/// Reading answers: the shapes Aider's own tests and prompts show (re-expressed here), and the file-name forms
/// models write. Each test checks the parsed files, blocks and their SEARCH and REPLACE lines.
/// </summary>
public sealed class AiderParserTests
{
    private static (string File, string Search, string Replace)[] Blocks(PatchSet patch) =>
        patch.Files.SelectMany(f => f.Modifications.Cast<SearchReplaceModification>()
                .Select(m => (f.Path, string.Join("\n", m.Search), string.Join("\n", m.Replace))))
            .ToArray();

    [Fact]
    public void File_name_inside_the_fence_before_the_marker()
    {
        var patch = AiderTestKit.Parse("\nHere's the change:\n\n```text\nfoo.txt\n<<<<<<< SEARCH\nTwo\n=======\nTooooo\n>>>>>>> REPLACE\n```\n\nHope you like it!\n");

        Assert.Equal(PatchFormat.Aider, patch.Format);
        Assert.Equal([("foo.txt", "Two", "Tooooo")], Blocks(patch));
    }

    [Fact]
    public void File_name_on_the_line_before_the_fence()
    {
        var patch = AiderTestKit.Parse("\nHere's the change:\n\nfoo.txt\n```text\n<<<<<<< SEARCH\nTwo\n=======\nTooooo\n>>>>>>> REPLACE\n```\n");

        Assert.Equal([("foo.txt", "Two", "Tooooo")], Blocks(patch));
    }

    [Fact]
    public void File_name_in_a_fence_of_its_own_before_the_block_fence()
    {
        // A model that fences the name separately (Aider's DeepSeek Coder case).
        var patch = AiderTestKit.Parse("\nHere's the change:\n\n ```python\nfoo.txt\n```\n```python\n<<<<<<< SEARCH\none\n=======\ntwo\n>>>>>>> REPLACE\n```\n");

        Assert.Equal([("foo.txt", "one", "two")], Blocks(patch));
    }

    [Theory]
    [InlineData("**src/App/Program.cs**")]
    [InlineData("`src/App/Program.cs`")]
    [InlineData("**`src/App/Program.cs`**:")]
    [InlineData("### src/App/Program.cs")]
    [InlineData("src/App/Program.cs:")]
    public void Decorated_file_names_are_read_without_their_decoration(string nameLine)
    {
        var patch = AiderTestKit.Parse($"{nameLine}\n```csharp\n<<<<<<< SEARCH\nConsole.WriteLine(\"Hello World!\");\n=======\nConsole.WriteLine(\"Hello, C# World!\");\n>>>>>>> REPLACE\n```\n");

        Assert.Equal([("src/App/Program.cs", "Console.WriteLine(\"Hello World!\");", "Console.WriteLine(\"Hello, C# World!\");")], Blocks(patch));
    }

    [Theory]
    [InlineData("```src/App/Program.cs")]
    [InlineData("```csharp src/App/Program.cs")]
    [InlineData("```csharp:src/App/Program.cs")]
    [InlineData("````csharp src/App/Program.cs")]
    public void File_name_in_the_fence_info_string(string fence)
    {
        var patch = AiderTestKit.Parse($"Change it like this:\n\n{fence}\n<<<<<<< SEARCH\nint a;\n=======\nint b;\n>>>>>>> REPLACE\n```\n");

        Assert.Equal([("src/App/Program.cs", "int a;", "int b;")], Blocks(patch));
    }

    [Fact]
    public void Four_backtick_fences_hold_blocks_whose_text_has_three_backtick_fences()
    {
        var patch = AiderTestKit.Parse("README.md\n````markdown\n<<<<<<< SEARCH\nUsage:\n```\nold\n```\n=======\nUsage:\n```\nnew\n```\n>>>>>>> REPLACE\n````\n");

        Assert.Equal([("README.md", "Usage:\n```\nold\n```", "Usage:\n```\nnew\n```")], Blocks(patch));
    }

    [Fact]
    public void Text_fenced_again_inside_the_block_is_unwrapped()
    {
        var patch = AiderTestKit.Parse("notes.txt\n<<<<<<< SEARCH\n```\nold\n```\n=======\n```\nnew\n```\n>>>>>>> REPLACE\n");

        Assert.Equal([("notes.txt", "old", "new")], Blocks(patch));
    }

    [Fact]
    public void An_empty_search_marks_the_file_as_created_when_missing()
    {
        var patch = AiderTestKit.Parse("\nHere's the change:\n\nfoo.txt\n```text\n<<<<<<< SEARCH\n=======\nTooooo\n>>>>>>> REPLACE\n```\n");

        var file = Assert.Single(patch.Files);
        Assert.True(file.CreateWhenMissing);
        var block = Assert.IsType<SearchReplaceModification>(Assert.Single(file.Modifications));
        Assert.Empty(block.Search);
        Assert.True(block.AppendsToFile);
    }

    [Fact]
    public void A_block_without_a_name_belongs_to_the_previous_blocks_file()
    {
        // Aider's test: two blocks in one fence, an elision line ("...") between them in the prose.
        var patch = AiderTestKit.Parse("\nHere's the change:\n\n```text\nfoo.txt\n<<<<<<< SEARCH\none\n=======\ntwo\n>>>>>>> REPLACE\n\n...\n\n<<<<<<< SEARCH\nthree\n=======\nfour\n>>>>>>> REPLACE\n```\n\nHope you like it!\n");

        Assert.Equal([("foo.txt", "one", "two"), ("foo.txt", "three", "four")], Blocks(patch));
        Assert.Equal([1, 2], patch.Files.Single().Modifications.Select(m => m.Number));
    }

    [Fact]
    public void Blocks_keep_their_order_per_file_and_files_the_order_they_first_appear()
    {
        string answer =
            AiderTestKit.Block("b.txt", "1\n", "one\n") +
            AiderTestKit.Block("a.txt", "2\n", "two\n") +
            AiderTestKit.Block("b.txt", "3\n", "three\n");

        var patch = AiderTestKit.Parse(answer);

        Assert.Equal(["b.txt", "a.txt"], patch.Files.Select(f => f.Path));
        Assert.Equal([("b.txt", "1", "one"), ("b.txt", "3", "three"), ("a.txt", "2", "two")], Blocks(patch));
    }

    [Fact]
    public void New_file_and_edit_in_one_answer()
    {
        var patch = AiderTestKit.Parse("\nHere's the change:\n\npath/to/a/file2.txt\n```python\n<<<<<<< SEARCH\n=======\nthree\n>>>>>>> REPLACE\n```\n\nanother change\n\npath/to/a/file1.txt\n```python\n<<<<<<< SEARCH\none\n=======\ntwo\n>>>>>>> REPLACE\n```\n\nHope you like it!\n");

        Assert.Equal([("path/to/a/file2.txt", "", "three"), ("path/to/a/file1.txt", "one", "two")], Blocks(patch));
        Assert.True(patch.Files[0].CreateWhenMissing);
        Assert.False(patch.Files[1].CreateWhenMissing);
    }

    [Fact]
    public void Blocks_without_fences_and_a_last_marker_without_a_newline()
    {
        string answer = "\naider/coder.py\n<<<<<<< SEARCH\n            self.console.print(\"[red]^C again to quit\")\n=======\n            self.io.tool_error(\"^C again to quit\")\n>>>>>>> REPLACE\n\naider/coder.py\n<<<<<<< SEARCH\n            self.console.print(\"[red]Skipped commit.\")\n=======\n            self.io.tool_error(\"Skipped commit.\")\n>>>>>>> REPLACE";

        var patch = AiderTestKit.Parse(answer);

        Assert.Equal(2, patch.Files.Single().Modifications.Count);
    }

    [Fact]
    public void Marker_variants_models_write_are_accepted()
    {
        var patch = AiderTestKit.Parse("a.txt\n<<<<<<<<< SEARCH>  \nx\n  =====\ny\n>>>>>>> REPLACE   \n");

        Assert.Equal([("a.txt", "x", "y")], Blocks(patch));
    }

    [Fact]
    public void Crlf_answers_give_the_same_lines()
    {
        var patch = AiderTestKit.Parse("a.txt\r\n```\r\n<<<<<<< SEARCH\r\nx\r\n=======\r\ny\r\n>>>>>>> REPLACE\r\n```\r\n");

        Assert.Equal([("a.txt", "x", "y")], Blocks(patch));
    }

    [Fact]
    public void A_shell_fence_in_a_block_with_a_search_marker_is_a_script_being_edited()
    {
        // Aider's issue 3785: "```sh" around an edit of a shell script.
        var patch = AiderTestKit.Parse("\nHere's a shell script:\n\n```sh\ntest_hello.sh\n<<<<<<< SEARCH\n=======\n#!/bin/bash\necho \"$1\"\nexit 0\n>>>>>>> REPLACE\n```\n");

        Assert.Equal([("test_hello.sh", "", "#!/bin/bash\necho \"$1\"\nexit 0")], Blocks(patch));
        Assert.Empty(patch.Warnings);
    }

    [Fact]
    public void Shell_blocks_are_reported_and_not_part_of_the_patch()
    {
        string answer = AiderTestKit.Block("a.txt", "x\n", "y\n") + "\nThen run:\n\n```bash\nrm -rf build\ndotnet test\n```\n\n```powershell\nRemove-Item -Recurse bin\n```\n";

        var patch = AiderTestKit.Parse(answer);

        Assert.Single(patch.Files);
        Assert.Equal(2, patch.Warnings.Count);
        Assert.All(patch.Warnings, w => Assert.Equal(AiderParser.ShellBlockIgnoredWarning, w.Code));
        Assert.Equal([12, 17], patch.Warnings.Select(w => w.Line));
        Assert.Contains("never runs commands", patch.Warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_that_names_no_file_is_refused_with_its_line()
    {
        var ex = Assert.Throws<PatchException>(() => AiderTestKit.Parse("\nHere's the change:\n\n```text\n<<<<<<< SEARCH\nTwo\n=======\nTooooo\n>>>>>>> REPLACE\n```\n"));

        Assert.Equal(ErrorCodes.InvalidPatchFile, ex.Error.Code);
        Assert.Equal(5, ex.Error.Line);
        Assert.Contains("alone on the line before", ex.Error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Prose_before_a_block_is_not_taken_for_a_file_name()
    {
        var ex = Assert.Throws<PatchException>(() => AiderTestKit.Parse("Here is the fix:\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n"));

        Assert.Equal(ErrorCodes.InvalidPatchFile, ex.Error.Code);
    }

    [Fact]
    public void A_new_file_after_prose_must_name_itself_rather_than_append_to_the_previous_file()
    {
        string answer = AiderTestKit.Block("src/a.cs", "int a;\n", "int b;\n") + "\nNow create the helper in src/b.cs:\n\n```csharp\n<<<<<<< SEARCH\n=======\nclass B {}\n>>>>>>> REPLACE\n```\n";

        var ex = Assert.Throws<PatchException>(() => AiderTestKit.Parse(answer));

        Assert.Equal(ErrorCodes.InvalidPatchFile, ex.Error.Code);
        Assert.Equal(13, ex.Error.Line);
    }

    [Fact]
    public void Prose_between_two_edits_of_the_same_file_keeps_the_file()
    {
        string answer = AiderTestKit.Block("src/a.cs", "int a;\n", "int b;\n") + "\nAnd also the constructor:\n\n```csharp\n<<<<<<< SEARCH\nA() {}\n=======\nA() { b = 1; }\n>>>>>>> REPLACE\n```\n";

        var patch = AiderTestKit.Parse(answer);

        Assert.Equal(2, patch.Files.Single(f => f.Path == "src/a.cs").Modifications.Count);
    }

    [Fact]
    public void An_unclosed_block_is_a_truncated_answer()
    {
        var ex = Assert.Throws<PatchException>(() => AiderTestKit.Parse("\nHere's the change:\n\n```text\nfoo.txt\n<<<<<<< SEARCH\nTwo\n=======\nTooooo\n\n\noops!\n"));

        Assert.Equal(ErrorCodes.PatchTruncated, ex.Error.Code);
        Assert.Equal(6, ex.Error.Line);
        Assert.Contains(">>>>>>> REPLACE", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_without_a_divider_before_the_next_block_is_refused()
    {
        var ex = Assert.Throws<PatchException>(() => AiderTestKit.Parse("a.txt\n<<<<<<< SEARCH\nx\n<<<<<<< SEARCH\ny\n=======\nz\n>>>>>>> REPLACE\n"));

        Assert.Equal(ErrorCodes.InvalidPatchFile, ex.Error.Code);
        Assert.Equal(2, ex.Error.Line);
    }

    [Theory]
    [InlineData("<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n", true)]
    [InlineData("a.txt\n```\n<<<<<<< SEARCH\n=======\ny\n>>>>>>> REPLACE\n```\n", true)]
    [InlineData("<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> main\n", false)]
    [InlineData("<<<<<<< SEARCH\nx\n", true)]
    [InlineData("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n", false)]
    [InlineData("diff --git a/d.md b/d.md\n--- a/d.md\n+++ b/d.md\n@@ -1,2 +1,2 @@\n <<<<<<< SEARCH\n-a\n+b\n", false)]
    public void Claims_text_with_a_search_marker(string text, bool claimed)
    {
        Assert.Equal(claimed, new AiderFormat().Claims("answer.md", text));
    }
}
