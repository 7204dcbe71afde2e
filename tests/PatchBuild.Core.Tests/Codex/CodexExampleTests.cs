using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;
using PatchBuild.Core.Tests.UnifiedDiff;

namespace PatchBuild.Core.Tests.Codex;

/// <summary>
/// The examples Codex documents (its tool instructions and its apply-patch scenario suite), rebuilt on our own files:
/// what Codex does, we do, except where docs/formats/codex.md says we are deliberately safer.
/// </summary>
public sealed class CodexExampleTests : IDisposable
{
    private readonly TempTree _tree = new("codex-examples");

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task The_tool_instructions_example_adds_moves_updates_and_deletes()
    {
        _tree.Write("src/app.py", "import sys\n\ndef greet():\nprint(\"Hi\")\n\ngreet()\n");
        _tree.Write("obsolete.txt", "old\n");
        var result = await CodexKit.ApplyAsync(_tree, """
            *** Begin Patch
            *** Add File: hello.txt
            +Hello world
            *** Update File: src/app.py
            *** Move to: src/main.py
            @@ def greet():
            -print("Hi")
            +print("Hello, world!")
            *** Delete File: obsolete.txt
            *** End Patch
            """);

        CodexKit.Succeeded(result);
        Assert.Equal("Hello world\n", _tree.Read("hello.txt"));
        Assert.Equal("import sys\n\ndef greet():\nprint(\"Hello, world!\")\n\ngreet()\n", _tree.Read("src/main.py"));
        Assert.False(_tree.Exists("src/app.py"));
        Assert.False(_tree.Exists("obsolete.txt"));
    }

    [Fact]
    public async Task Several_chunks_apply_in_order_in_one_file()
    {
        _tree.Write("multi.txt", "line1\nline2\nline3\nline4\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: multi.txt\n@@\n-line2\n+changed2\n@@\n-line4\n+changed4\n"));
        CodexKit.Succeeded(result);
        Assert.Equal("line1\nchanged2\nline3\nchanged4\n", _tree.Read("multi.txt"));
    }

    [Fact]
    public async Task Move_to_a_new_folder_keeps_the_siblings()
    {
        _tree.Write("old/name.txt", "from\n");
        _tree.Write("old/other.txt", "stay\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: old/name.txt\n*** Move to: renamed/dir/name.txt\n@@\n-from\n+new\n"));
        CodexKit.Succeeded(result);
        Assert.Equal("new\n", _tree.Read("renamed/dir/name.txt"));
        Assert.False(_tree.Exists("old/name.txt"));
        Assert.Equal("stay\n", _tree.Read("old/other.txt"));
    }

    [Fact]
    public async Task Move_onto_an_existing_file_replaces_it_with_a_warning()
    {
        _tree.Write("old/name.txt", "from\n");
        _tree.Write("renamed/dir/name.txt", "existing\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: old/name.txt\n*** Move to: renamed/dir/name.txt\n@@\n-from\n+new\n"));
        CodexKit.Succeeded(result);
        Assert.Equal("new\n", _tree.Read("renamed/dir/name.txt"));
        Assert.False(_tree.Exists("old/name.txt"));
        var warning = Assert.Single(result.Warnings, w => w.Code == PatchPlanner.FileReplacedWarning);
        Assert.Equal("renamed/dir/name.txt", warning.File);
    }

    [Fact]
    public async Task Add_file_over_an_existing_file_replaces_it_with_a_warning_and_rollback_restores_it()
    {
        _tree.Write("duplicate.txt", "old content\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Add File: duplicate.txt\n+new content\n"));
        CodexKit.Succeeded(result);
        Assert.Equal("new content\n", _tree.Read("duplicate.txt"));
        Assert.Contains(result.Warnings, w => w.Code == PatchPlanner.FileReplacedWarning && w.File == "duplicate.txt");

        var rollback = await Engine.Create().RollbackAsync(new PatchBuild.Core.History.Rollback.RollbackOptions { Root = _tree.Root });
        Assert.True(rollback.Success, rollback.Error?.Message);
        Assert.Equal("old content\n", _tree.Read("duplicate.txt"));
    }

    [Fact]
    public void An_empty_patch_is_a_valid_patch_with_nothing_to_do()
    {
        var patch = CodexKit.Parse("*** Begin Patch\n*** End Patch\n");
        Assert.Equal(PatchFormat.Codex, patch.Format);
        Assert.Empty(patch.Files);
    }

    [Fact]
    public async Task A_chunk_whose_lines_are_missing_fails_and_changes_nothing()
    {
        _tree.Write("modify.txt", "line1\nline2\n");
        var before = _tree.Snapshot();
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: modify.txt\n@@\n-missing\n+changed\n"));
        var error = CodexKit.Failed(result, ErrorCodes.Conflict);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task Deleting_a_missing_file_is_already_done()
    {
        // Codex fails here; we are idempotent: the file the patch deletes is gone, so a second run succeeds.
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Delete File: missing.txt\n"));
        CodexKit.Succeeded(result);
        Assert.Equal(FileStatus.Skipped, Assert.Single(result.Files).Status);
    }

    [Fact]
    public void An_update_without_chunks_is_refused()
    {
        var error = CodexKit.ParseError(CodexKit.Wrap("*** Update File: foo.txt\n"));
        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
        Assert.Contains("no chunks", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task Updating_a_missing_file_fails()
    {
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: missing.txt\n@@\n-old\n+new\n"));
        CodexKit.Failed(result, ErrorCodes.FileNotFound);
    }

    [Fact]
    public async Task Deleting_a_folder_is_refused()
    {
        _tree.Write("dir/foo.txt", "keep\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Delete File: dir\n"));
        CodexKit.Failed(result, ErrorCodes.FileExists);
        Assert.Equal("keep\n", _tree.Read("dir/foo.txt"));
    }

    [Fact]
    public async Task Adding_a_file_where_a_folder_is_fails_and_changes_nothing()
    {
        _tree.Write("dir/foo.txt", "keep\n");
        var before = _tree.Snapshot();
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Add File: dir\n+text\n"));
        Assert.False(result.Success);
        Assert.Equal(before, _tree.Snapshot());
        Assert.True(Directory.Exists(_tree.PathOf("dir")));
    }

    [Fact]
    public void An_unknown_section_header_is_refused_with_its_line()
    {
        var error = CodexKit.ParseError(CodexKit.Wrap("*** Frobnicate File: foo.txt\n"));
        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
        Assert.Equal(2, error.Line);
        Assert.Contains("Add File", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_a_final_newline_keeps_it_that_way()
    {
        // Codex adds the newline; we change only what the patch addresses.
        _tree.Write("no_newline.txt", "no newline at end");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: no_newline.txt\n@@\n-no newline at end\n+first line\n+second line\n"));
        CodexKit.Succeeded(result);
        Assert.Equal("first line\nsecond line", _tree.Read("no_newline.txt"));
    }

    [Fact]
    public async Task A_failure_in_a_later_section_leaves_the_earlier_ones_unapplied()
    {
        // Codex keeps created.txt; the whole patch is one transaction here.
        var before = _tree.Snapshot();
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Add File: created.txt\n+hello\n*** Update File: missing.txt\n@@\n-old\n+new\n"));
        CodexKit.Failed(result, ErrorCodes.FileNotFound);
        Assert.False(_tree.Exists("created.txt"));
        Assert.Equal(before, _tree.Snapshot());
        Assert.False(Directory.Exists(Path.Combine(_tree.Root, ".patchbuild")));
    }

    [Fact]
    public async Task A_pure_addition_without_header_appends_at_the_end()
    {
        _tree.Write("input.txt", "line1\nline2\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: input.txt\n@@\n+added line 1\n+added line 2\n"));
        CodexKit.Succeeded(result);
        Assert.Equal("line1\nline2\nadded line 1\nadded line 2\n", _tree.Read("input.txt"));
    }

    [Fact]
    public async Task Padded_markers_and_section_headers_are_read()
    {
        _tree.Write("file.txt", "one\n");
        var result = await CodexKit.ApplyAsync(_tree, " *** Begin Patch \n  *** Update File: file.txt\n@@\n-one\n+two\n *** End Patch \n");
        CodexKit.Succeeded(result);
        Assert.Equal("two\n", _tree.Read("file.txt"));
    }

    [Fact]
    public async Task Unicode_lines_match_and_are_replaced()
    {
        _tree.Write("foo.txt", "héllo\nwörld ✓\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: foo.txt\n@@\n-wörld ✓\n+мир ✓\n"));
        CodexKit.Succeeded(result);
        Assert.Equal("héllo\nмир ✓\n", _tree.Read("foo.txt"));
    }

    [Fact]
    public async Task A_deletion_only_chunk_removes_lines()
    {
        _tree.Write("lines.txt", "line1\nremove me\nline3\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: lines.txt\n@@\n line1\n-remove me\n line3\n"));
        CodexKit.Succeeded(result);
        Assert.Equal("line1\nline3\n", _tree.Read("lines.txt"));
    }

    [Fact]
    public async Task End_of_file_marker_anchors_the_chunk_at_the_end()
    {
        _tree.Write("tail.txt", "first\nsecond\nlast\n");
        var result = await CodexKit.ApplyAsync(_tree, CodexKit.Wrap("*** Update File: tail.txt\n@@\n-last\n+end\n*** End of File\n"));
        CodexKit.Succeeded(result);
        Assert.Equal("first\nsecond\nend\n", _tree.Read("tail.txt"));
    }
}
