using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Ap;

/// <summary>
/// Behaviour ap 3.2 (shared/spec/ap-3.2.md) asks for, on real files through the engine `patchbuild apply` uses:
/// patch text in, bytes on disk out.
/// </summary>
public sealed class ApplySpec32Tests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<ApplyResult> Apply(string patch, bool strict = false, bool partial = false, bool history = false)
    {
        string file = _folder.Write("afix.ap", patch.Replace("@ ", "e4a2f1b8 ", StringComparison.Ordinal));
        return await new PatchEngine().ApplyFilesAsync([file], new ApplyOptions
        {
            Root = _folder.Path,
            Strict = strict,
            Partial = partial,
            RecordHistory = history,
            Force = true,
        });
    }

    [Theory]
    [InlineData("t3st0038")]
    [InlineData("fix_bug")]
    public async Task A_patch_without_header_takes_its_id_from_the_first_directive_whatever_its_spelling(string id)
    {
        _folder.Write("a.txt", "one\ntwo\n");
        var result = await Apply($"{id} FILE\na.txt\n{id} REPLACE\n{id} snippet\ntwo\n{id} content\nTWO\n");

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("one\nTWO\n", _folder.Read("a.txt"));
        Assert.Contains(result.Warnings, w => w.Code == "AP_SEMANTIC_ID");
    }

    [Fact]
    public async Task Strict_mode_refuses_a_semantic_id()
    {
        _folder.Write("a.txt", "one\n");
        var result = await Apply("fix_bug AP 3.2\nfix_bug FILE\na.txt\nfix_bug DELETE\nfix_bug snippet\none\n", strict: true);

        Assert.Equal(ErrorCodes.InvalidPatchFile, result.Error!.Code);
        Assert.Equal("one\n", _folder.Read("a.txt"));
    }

    [Fact]
    public async Task Scope_end_takes_an_optional_argument()
    {
        _folder.Write("m.go", "func one() int {\n\treturn 1\n}\n\nfunc two() int {\n\treturn 2\n}\n");
        var result = await Apply("@ AP 3.2\n@ FILE\nm.go\n@ DELETE\n@ snippet\nfunc one() int {\n@ scope_end 1\n@ include_trailing_blank_lines 1\n@ END\n");

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("func two() int {\n\treturn 2\n}\n", _folder.Read("m.go"));
    }

    [Fact]
    public async Task Strict_mode_refuses_a_locator_above_the_previous_change_and_default_mode_warns()
    {
        const string patch = "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nd\n@ content\nD\n@ REPLACE\n@ snippet\nb\n@ content\nB\n";
        _folder.Write("a.txt", "a\nb\nc\nd\n");

        var strict = await Apply(patch, strict: true);
        Assert.Equal(ErrorCodes.SnippetNotFound, strict.Error!.Code);
        Assert.Contains("line 2", strict.Error.Message);
        Assert.Equal("a\nb\nc\nd\n", _folder.Read("a.txt"));

        var tolerant = await Apply(patch);
        Assert.True(tolerant.Success, tolerant.Error?.Message);
        Assert.Contains(tolerant.Warnings, w => w.Code == "OUT_OF_ORDER");
        Assert.Equal("a\nB\nc\nD\n", _folder.Read("a.txt"));
    }

    [Fact]
    public async Task A_snippet_that_occurs_above_and_once_below_the_previous_change_is_not_ambiguous()
    {
        _folder.Write("a.txt", "x = 1\nhead\nx = 1\n");
        var result = await Apply("@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nhead\n@ content\nHEAD\n@ REPLACE\n@ snippet\nx = 1\n@ content\nx = 2\n", strict: true);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("x = 1\nHEAD\nx = 2\n", _folder.Read("a.txt"));
    }

    [Fact]
    public async Task Replace_from_start_to_end_marker_replaces_the_whole_file()
    {
        _folder.Write("a.txt", "old\ntext\n");
        var result = await Apply("@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\n^\n@ snippet_tail\n$\n@ content\nnew\n");

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("new\n", _folder.Read("a.txt"));
    }

    [Fact]
    public async Task Actions_after_create_edit_the_created_text_and_a_second_run_changes_nothing()
    {
        const string patch = "@ AP 3.2\n@ FILE\nsrc/new.txt\n@ CREATE\n@ content\none\ntwo\n@ REPLACE\n@ snippet\ntwo\n@ content\nTWO\n";
        var first = await Apply(patch);
        Assert.True(first.Success, first.Error?.Message);
        Assert.Equal("one\nTWO\n", _folder.Read("src/new.txt"));

        var second = await Apply(patch);
        Assert.True(second.Success, second.Error?.Message);
        Assert.Equal(FileStatus.Skipped, Assert.Single(second.Files).Status);
        Assert.Equal("one\nTWO\n", _folder.Read("src/new.txt"));
    }

    [Fact]
    public async Task An_ap_example_inside_content_is_content_even_with_partial()
    {
        _folder.Write("README.md", "old\n");
        const string example = "Example:\n\n```\n0badf00d AP 3.2\n0badf00d FILE\nb.txt\n0badf00d DELETE\n```\n\nand without a fence:\n0badf00d FILE\nc.txt\n";
        var result = await Apply($"@ AP 3.2\n@ FILE\nREADME.md\n@ RECREATE\n@ content\n{example}@ END\n", partial: true);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(example, _folder.Read("README.md"));
        Assert.DoesNotContain(result.Warnings, w => w.Code == "AP_ID_DRIFT");
    }

    [Fact]
    public async Task Empty_replace_closed_by_a_directive_is_a_delete()
    {
        _folder.Write("a.txt", "a\nb\nc\n");
        var result = await Apply("@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nb\n@ content\n\n@ END\n");

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("a\nc\n", _folder.Read("a.txt"));
        Assert.Contains(result.Warnings, w => w.Code == "AP_EMPTY_REPLACE");
    }

    [Fact]
    public async Task Duplicate_snippet_uses_the_last_one_with_a_warning()
    {
        _folder.Write("a.txt", "a\nb\nc\n");
        var result = await Apply("@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\na\n@ snippet\nc\n");

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("a\nb\n", _folder.Read("a.txt"));
        Assert.Contains(result.Warnings, w => w.Code == "AP_DUPLICATE_VALUE");
    }

    [Fact]
    public async Task Delete_of_code_that_was_never_there_warns_with_the_closest_lines_and_strict_refuses()
    {
        const string patch = "@ AP 3.2\n@ FILE\na.cs\n@ DELETE\n@ snippet\nstatic void InsecureHelper() { }\n";
        _folder.Write("a.cs", "class A\n{\n    static void SecureHelper() { }\n}\n");

        var tolerant = await Apply(patch);
        Assert.True(tolerant.Success, tolerant.Error?.Message);
        var warning = Assert.Single(tolerant.Warnings, w => w.Code == ErrorCodes.NothingToDelete);
        Assert.Contains("SecureHelper", warning.Message);

        var strict = await Apply(patch, strict: true);
        Assert.Equal(ErrorCodes.NothingToDelete, strict.Error!.Code);
        Assert.Equal("class A\n{\n    static void SecureHelper() { }\n}\n", _folder.Read("a.cs"));
    }

    [Fact]
    public async Task Delete_recorded_in_history_as_applied_is_skipped_silently_the_second_time()
    {
        const string patch = "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\ngone\n";
        _folder.Write("a.txt", "keep\ngone\n");

        var first = await Apply(patch, history: true);
        Assert.True(first.Success, first.Error?.Message);
        Assert.Equal("keep\n", _folder.Read("a.txt"));

        var second = await Apply(patch, strict: true, history: true);
        Assert.True(second.Success, second.Error?.Message);
        Assert.DoesNotContain(second.Warnings, w => w.Code == ErrorCodes.NothingToDelete);
    }

    [Fact]
    public async Task A_top_level_declaration_after_a_block_header_moves_past_the_block_with_a_blank_line()
    {
        _folder.Write("m.go", "func one() int {\n\treturn 1\n}\n\nfunc two() int {\n\treturn 2\n}\n");
        var result = await Apply("@ AP 3.2\n@ FILE\nm.go\n@ INSERT_AFTER\n@ snippet\nfunc one() int {\n@ content\nfunc three() int {\n\treturn 3\n}\n");

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("func one() int {\n\treturn 1\n}\n\nfunc three() int {\n\treturn 3\n}\n\nfunc two() int {\n\treturn 2\n}\n", _folder.Read("m.go"));

        var strict = await Apply("@ AP 3.2\n@ FILE\nm.go\n@ INSERT_AFTER\n@ snippet\nfunc two() int {\n@ content\nfunc four() int {\n\treturn 4\n}\n", strict: true);
        Assert.Equal(ErrorCodes.NestingMismatch, strict.Error!.Code);
    }
}
