using PatchBuild.Core.Formats.Aider;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Aider;

/// <summary>
/// Applying answers through the real engine on real files: the matching ladder (Aider's own cases, re-expressed),
/// order, first occurrence, creation and appending, already applied, and what a block that finds nothing reports.
/// </summary>
public sealed class AiderApplyTests : IDisposable
{
    private readonly AiderTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    private async Task<string> ApplyOneAsync(string whole, string search, string replace, ApplyOptions? options = null)
    {
        _kit.Folder.Write("f.txt", whole);
        var result = await _kit.ApplyAsync(AiderTestKit.Block("f.txt", search, replace), options);
        Assert.True(result.Success, result.Error?.Message + " " + result.Error?.Hint);
        return _kit.Folder.Read("f.txt");
    }

    [Fact]
    public async Task The_prompt_example_moves_a_function_to_its_own_file_and_imports_it()
    {
        // Aider's prompt shows this shape: a new file from an empty SEARCH, then an edit that removes the function.
        _kit.Folder.Write("main.py", "def hello():\n    \"print a greeting\"\n\n    print(\"hello\")\n\ndef main():\n    hello()\n");
        string answer = """
            Do this:
            1. Make a new hello.py file with hello() in it.
            2. Remove hello() from main.py and replace it with an import.

            hello.py
            ```python
            <<<<<<< SEARCH
            =======
            def hello():
                "print a greeting"

                print("hello")
            >>>>>>> REPLACE
            ```

            main.py
            ```python
            <<<<<<< SEARCH
            def hello():
                "print a greeting"

                print("hello")
            =======
            from hello import hello
            >>>>>>> REPLACE
            ```
            """;

        var result = await _kit.ApplyAsync(answer);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("def hello():\n    \"print a greeting\"\n\n    print(\"hello\")\n", _kit.Folder.Read("hello.py"));
        Assert.Equal("from hello import hello\n\ndef main():\n    hello()\n", _kit.Folder.Read("main.py"));
        Assert.Equal(FileAction.Create, result.Files.Single(f => f.Path == "hello.py").Action);
    }

    [Fact]
    public async Task Full_edit_replaces_the_quoted_line()
    {
        Assert.Equal("one\nnew\nthree\n", await ApplyOneAsync("one\ntwo\nthree\n", "two\n", "new\n"));
    }

    [Fact]
    public async Task Creating_a_new_file_leaves_the_other_files_alone()
    {
        _kit.Folder.Write("file.txt", "one\ntwo\nthree\n");

        var result = await _kit.ApplyAsync("\nDo this:\n\nnewfile.txt\n<<<<<<< SEARCH\n=======\ncreating a new file\n>>>>>>> REPLACE\n\n");

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("one\ntwo\nthree\n", _kit.Folder.Read("file.txt"));
        Assert.Equal("creating a new file\n", _kit.Folder.Read("newfile.txt"));
    }

    [Fact]
    public async Task Only_the_first_occurrence_is_replaced_and_a_warning_says_so()
    {
        _kit.Folder.Write("f.txt", "line1\nline2\nline1\nline3\n");

        var result = await _kit.ApplyAsync(AiderTestKit.Block("f.txt", "line1\n", "new_line\n"));

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("new_line\nline2\nline1\nline3\n", _kit.Folder.Read("f.txt"));
        var warning = Assert.Single(result.Warnings, w => w.Code == SearchReplaceApplier.SearchNotUniqueWarning);
        Assert.Contains("2 times", warning.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", warning.Message, StringComparison.Ordinal);
        Assert.Equal(4, warning.Line);
    }

    [Fact]
    public async Task Strict_refuses_a_search_text_that_occurs_more_than_once()
    {
        _kit.Folder.Write("f.txt", "line1\nline2\nline1\nline3\n");

        var result = await _kit.ApplyAsync(AiderTestKit.Block("f.txt", "line1\n", "new_line\n"), new ApplyOptions { Strict = true });

        Assert.False(result.Success);
        Assert.Equal(ErrorCodes.AmbiguousMatch, result.Error!.Code);
        Assert.Equal(2, result.Error.Context["occurrences"]);
        Assert.Equal("line1\nline2\nline1\nline3\n", _kit.Folder.Read("f.txt"));
    }

    [Fact]
    public async Task First_occurrence_with_missing_indentation()
    {
        Assert.Equal("    new_line\n    line2\n    line1\n    line3\n", await ApplyOneAsync("    line1\n    line2\n    line1\n    line3\n", "line1\n", "new_line\n"));
    }

    [Fact]
    public async Task Missing_leading_whitespace_is_added_back_to_the_replacement()
    {
        Assert.Equal("    new_line1\n    new_line2\n    line3\n", await ApplyOneAsync("    line1\n    line2\n    line3\n", "line1\nline2\n", "new_line1\nnew_line2\n"));
    }

    [Fact]
    public async Task Varied_indentation_inside_the_block_keeps_its_relative_shape()
    {
        Assert.Equal("\n    line1\n    new_line2\n        new_line3\n    line4\n",
            await ApplyOneAsync("\n    line1\n    line2\n        line3\n    line4\n", "line2\n    line3\n", "new_line2\n    new_line3\n"));
    }

    [Fact]
    public async Task Some_of_the_leading_whitespace_missing()
    {
        Assert.Equal("    new_line1\n        new_line2\n    line3\n",
            await ApplyOneAsync("    line1\n    line2\n    line3\n", " line1\n line2\n", " new_line1\n     new_line2\n"));
    }

    [Fact]
    public async Task A_deeper_indented_answer_still_matches()
    {
        Assert.Equal("  if (x)\n    y();\n", await ApplyOneAsync("  if (x)\n    z();\n", "        if (x)\n          z();\n", "        if (x)\n          y();\n"));
    }

    [Fact]
    public async Task A_spurious_blank_first_search_line_is_dropped()
    {
        // Aider's issue 25: a blank line with no whitespace at all before indented lines.
        Assert.Equal("    new_line1\n    new_line2\n    line3\n",
            await ApplyOneAsync("    line1\n    line2\n    line3\n", "\n  line1\n  line2\n", "  new_line1\n  new_line2\n"));
    }

    [Fact]
    public async Task Indentation_that_differs_line_by_line_does_not_match()
    {
        _kit.Folder.Write("f.txt", "    a\n  b\n");

        var result = await _kit.ApplyAsync(AiderTestKit.Block("f.txt", "a\nb\n", "c\nd\n"));

        Assert.Equal(ErrorCodes.SnippetNotFound, result.Error!.Code);
    }

    [Fact]
    public async Task Elision_lines_stand_for_unchanged_code_between_the_pieces()
    {
        string whole = "def a():\n    x = 1\n    y = 2\n    z = 3\n\ndef b():\n    return 1\n";

        string result = await ApplyOneAsync(whole, "def a():\n    x = 1\n...\ndef b():\n    return 1\n", "def a():\n    x = 10\n...\ndef b():\n    return 2\n");

        Assert.Equal("def a():\n    x = 10\n    y = 2\n    z = 3\n\ndef b():\n    return 2\n", result);
    }

    [Fact]
    public async Task Elision_lines_that_do_not_pair_up_are_reported()
    {
        _kit.Folder.Write("f.txt", "a\nb\nc\n");

        var result = await _kit.ApplyAsync(AiderTestKit.Block("f.txt", "a\n...\nc\n", "A\nC\n"));

        Assert.Equal(ErrorCodes.SnippetNotFound, result.Error!.Code);
        Assert.Contains("'...' lines", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal("a\nb\nc\n", _kit.Folder.Read("f.txt"));
    }

    [Fact]
    public async Task An_elided_piece_that_occurs_twice_is_not_guessed()
    {
        _kit.Folder.Write("f.txt", "a\nb\na\nc\n");

        var result = await _kit.ApplyAsync(AiderTestKit.Block("f.txt", "a\n...\nc\n", "A\n...\nC\n"));

        Assert.Equal(ErrorCodes.SnippetNotFound, result.Error!.Code);
        Assert.Equal("a\nb\na\nc\n", _kit.Folder.Read("f.txt"));
    }

    [Fact]
    public async Task Blocks_apply_in_order_each_to_the_previous_result()
    {
        _kit.Folder.Write("f.txt", "alpha\nbeta\n");
        string answer = AiderTestKit.Block("f.txt", "alpha\n", "gamma\n") + AiderTestKit.Block("f.txt", "gamma\nbeta\n", "delta\n");

        var result = await _kit.ApplyAsync(answer);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("delta\n", _kit.Folder.Read("f.txt"));
    }

    [Fact]
    public async Task An_empty_search_appends_to_an_existing_file()
    {
        Assert.Equal("one\ntwo\nthree\n", await ApplyOneAsync("one\n", "", "two\nthree\n"));
    }

    [Fact]
    public async Task Appending_to_a_file_without_a_final_newline_keeps_it_without_one()
    {
        Assert.Equal("one\ntwo", await ApplyOneAsync("one", "", "two\n"));
    }

    [Fact]
    public async Task A_created_file_can_be_edited_by_later_blocks()
    {
        string answer = AiderTestKit.Block("src/New.cs", "", "class New\n{\n}\n") + AiderTestKit.Block("src/New.cs", "{\n}\n", "{\n    int x;\n}\n");

        var result = await _kit.ApplyAsync(answer);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("class New\n{\n    int x;\n}\n", _kit.Folder.Read("src/New.cs"));
    }

    [Fact]
    public async Task A_search_on_a_missing_file_is_file_not_found()
    {
        var result = await _kit.ApplyAsync(AiderTestKit.Block("missing.txt", "x\n", "y\n"));

        Assert.Equal(ErrorCodes.FileNotFound, result.Error!.Code);
        Assert.False(_kit.Folder.Exists("missing.txt"));
    }

    [Fact]
    public async Task A_search_that_finds_nothing_names_the_block_and_the_closest_place()
    {
        _kit.Folder.Write("f.txt", "a\nb\nc\nd\n");

        var result = await _kit.ApplyAsync(AiderTestKit.Block("f.txt", "b\nc\nX\n", "y\n"));

        var error = result.Error!;
        Assert.Equal(ErrorCodes.SnippetNotFound, error.Code);
        Assert.Equal("f.txt", error.File);
        Assert.Equal(4, error.Line);
        Assert.Contains("Block 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Hint, StringComparison.Ordinal);
        Assert.Contains("'d' where SEARCH has 'X'", error.Hint, StringComparison.Ordinal);
        Assert.Equal("a\nb\nc\nd\n", _kit.Folder.Read("f.txt"));
    }

    [Fact]
    public async Task Applying_the_same_answer_again_changes_nothing()
    {
        _kit.Folder.Write("f.txt", "a\nb\nc\n");
        string answer =
            AiderTestKit.Block("f.txt", "b\n", "B\n") +
            AiderTestKit.Block("f.txt", "c\n", "c\ninserted\n") +
            AiderTestKit.Block("created.txt", "", "new\nfile\n") +
            AiderTestKit.Block("f.txt", "", "appended\nlines\n");
        var first = await _kit.ApplyAsync(answer);
        Assert.True(first.Success, first.Error?.Message);
        var snapshot = _kit.Folder.Snapshot();

        var second = await _kit.ApplyAsync(answer);

        Assert.True(second.Success, second.Error?.Message);
        Assert.All(second.Files, f => Assert.Equal(FileStatus.Skipped, f.Status));
        Assert.Equal(snapshot, _kit.Folder.Snapshot());
        Assert.Equal("a\nB\nc\ninserted\nappended\nlines\n", _kit.Folder.Read("f.txt"));
    }

    [Fact]
    public async Task Dry_run_shows_the_diff_and_writes_nothing()
    {
        _kit.Folder.Write("f.txt", "one\ntwo\nthree\n");

        var result = await new PatchEngine().DryRunFilesAsync([WriteAnswer(AiderTestKit.Block("f.txt", "two\n", "new\n"))], new ApplyOptions { Root = _kit.Folder.Path });

        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains("-two", result.Diff, StringComparison.Ordinal);
        Assert.Contains("+new", result.Diff, StringComparison.Ordinal);
        Assert.Equal("one\ntwo\nthree\n", _kit.Folder.Read("f.txt"));
    }

    private string WriteAnswer(string answer)
    {
        File.WriteAllText(_kit.AnswerPath, answer);
        return _kit.AnswerPath;
    }
}
