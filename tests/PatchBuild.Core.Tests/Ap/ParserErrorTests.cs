using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.Ap.ParserTestKit;

namespace PatchBuild.Core.Tests.Ap;

public class ParserErrorTests
{
    private static PatchError FailsWith(string code, int line, params string[] lines)
    {
        var error = Fails(Patch(lines));
        Assert.Equal(code, error.Code);
        Assert.Equal(line, error.Line);
        Assert.Equal("afix.ap", error.PatchFile);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
        return error;
    }

    [Fact]
    public void Empty_content_at_the_very_end_without_end_is_a_truncated_patch_not_a_delete()
    {
        var error = FailsWith(ErrorCodes.PatchTruncated, 7,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet", "A();", "{id} content", "", "");

        Assert.Contains("END", error.Hint);
    }

    [Fact]
    public void Patch_ending_before_the_content_of_its_last_replace_is_truncated()
    {
        FailsWith(ErrorCodes.PatchTruncated, 4, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet", "A();");
    }

    [Fact]
    public void Patch_ending_right_after_a_file_directive_is_truncated()
    {
        FailsWith(ErrorCodes.PatchTruncated, 2, "{id} AP 3.2", "{id} FILE");
        FailsWith(ErrorCodes.PatchTruncated, 2, "{id} AP 3.2", "{id} FILE", "a.cs");
    }

    [Fact]
    public void Create_with_an_empty_content_at_the_end_is_truncated_not_an_empty_file()
    {
        FailsWith(ErrorCodes.PatchTruncated, 5, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} CREATE", "{id} content");
    }

    [Fact]
    public void The_same_empty_replace_followed_by_end_is_a_delete_and_strict_refuses_it()
    {
        var text = Patch("{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet", "A();", "{id} content", "", "{id} END");
        var patch = Parse(text);
        Assert.Equal(LocatorAction.Delete, Single(patch).Action);
        Assert.Contains(patch.Warnings, w => w.Code == "AP_EMPTY_REPLACE" && w.Line == 7);

        var error = Fails(text, strict: true);
        Assert.Equal(ErrorCodes.EmptyReplace, error.Code);
        Assert.Contains("DELETE", error.Hint);
        Assert.Equal("a.cs", error.File);
        Assert.Equal(1, error.Modification);
    }

    [Fact]
    public void Replace_without_content_before_another_modification_is_missing_content()
    {
        FailsWith(ErrorCodes.MissingContent, 4,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet", "A();", "{id} DELETE", "{id} snippet", "B();");
    }

    [Theory]
    [InlineData("{id} INSERT_AFTER")]
    [InlineData("{id} INSERT_BEFORE")]
    public void Insert_without_content_is_missing_content(string action)
    {
        FailsWith(ErrorCodes.MissingContent, 4, "{id} AP 3.2", "{id} FILE", "a.cs", action, "{id} snippet", "A();", "{id} END");
    }

    [Fact]
    public void Delete_with_content_ignores_the_content_and_strict_refuses_it()
    {
        var text = Patch("{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} snippet", "A();", "{id} content", "B();");
        var delete = Single(Parse(text));
        Assert.Equal(LocatorAction.Delete, delete.Action);
        Assert.Null(delete.Content);
        Assert.Contains(Parse(text).Warnings, w => w.Code == "AP_DELETE_WITH_CONTENT" && w.Line == 7);
        var error = Fails(text, strict: true);
        Assert.Equal(ErrorCodes.InvalidModification, error.Code);
        Assert.Equal(7, error.Line);
    }

    [Fact]
    public void Delete_alone_with_content_is_not_read_as_a_file_delete()
    {
        // The content is ignored (tolerant), which leaves a DELETE that names no code: refused, never "delete the file".
        var error = FailsWith(ErrorCodes.InvalidModification, 4, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} content", "x");

        Assert.Contains("snippet", error.Message);
    }

    [Fact]
    public void Delete_with_only_an_option_is_not_a_file_delete()
    {
        FailsWith(ErrorCodes.InvalidModification, 4, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} scope_end");
    }

    [Fact]
    public void Snippet_tail_without_snippet_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidModification, 5, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} snippet_tail", "}");
    }

    [Fact]
    public void Snippet_tail_on_an_insert_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidModification, 7,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} INSERT_AFTER", "{id} snippet", "{", "{id} snippet_tail", "}", "{id} content", "x();");
    }

    [Fact]
    public void Empty_snippet_in_the_middle_of_a_patch_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidModification, 5,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet", "   ", "{id} content", "B();");
    }

    [Fact]
    public void Delete_without_snippet_next_to_other_actions_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidModification, 4,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} REPLACE", "{id} snippet", "A();", "{id} content", "B();");
    }

    [Fact]
    public void Unknown_directive_is_refused_in_strict_mode()
    {
        var error = Fails(Patch("{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} MOVE", "b.cs"), strict: true);

        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
        Assert.Equal(5, error.Line);
        Assert.Contains("MOVE", error.Message);
    }

    [Theory]
    [InlineData("{id} CREATE", "{id} scope_end", 5)]
    [InlineData("{id} RENAME b.cs", "{id} include_leading_blank_lines 1", 5)]
    public void Options_on_whole_file_actions_are_invalid(string action, string option, int line)
    {
        FailsWith(ErrorCodes.InvalidModification, line, "{id} AP 3.2", "{id} FILE", "a.cs", action, option);
    }

    [Theory]
    [InlineData("{id} include_leading_blank_lines 1")]
    [InlineData("{id} include_trailing_blank_lines 1")]
    public void Blank_line_options_on_inserts_are_invalid(string option)
    {
        FailsWith(ErrorCodes.InvalidModification, 8,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} INSERT_AFTER", "{id} snippet", "A();", "{id} content", option, "B();");
    }

    [Fact]
    public void Option_before_any_action_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidModification, 4, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} scope_end", "{id} DELETE");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("one")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    [InlineData("+2")]
    public void Blank_line_count_must_be_a_non_negative_whole_number(string count)
    {
        var error = FailsWith(ErrorCodes.InvalidModification, 6,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} snippet", "{id} include_leading_blank_lines " + count, "A();");

        Assert.Contains("include_leading_blank_lines", error.Message);
    }

    [Fact]
    public void Scope_end_takes_no_argument_and_options_are_not_given_twice()
    {
        FailsWith(ErrorCodes.InvalidModification, 6, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} snippet", "{id} scope_end yes", "A();");
        FailsWith(ErrorCodes.InvalidModification, 7,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} snippet", "{id} include_trailing_blank_lines 1",
            "{id} include_trailing_blank_lines 2", "A();");
    }

    [Fact]
    public void Rename_with_other_actions_in_the_same_file_block_is_invalid()
    {
        var error = FailsWith(ErrorCodes.InvalidModification, 5,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} RENAME b.cs", "{id} DELETE", "{id} snippet", "A();");

        Assert.Contains("RENAME", error.Message);
    }

    [Fact]
    public void Values_after_rename_are_invalid()
    {
        FailsWith(ErrorCodes.InvalidModification, 5, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} RENAME b.cs", "{id} content", "x");
    }

    [Fact]
    public void Create_with_other_actions_in_the_same_file_block_edits_the_created_text()
    {
        var file = Assert.Single(Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} CREATE", "{id} content", "x", "{id} INSERT_AFTER", "{id} snippet", "x", "{id} content", "y")).Files);
        Assert.Equal(FileChangeKind.Create, file.Kind);
        Assert.Equal("x\n", file.Content);
        var insert = Assert.IsType<LocatorModification>(Assert.Single(file.Modifications));
        Assert.Equal(LocatorAction.InsertAfter, insert.Action);
    }

    [Fact]
    public void Recreate_with_other_actions_in_the_same_file_block_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidModification, 7,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} RECREATE", "{id} content", "x", "{id} INSERT_AFTER", "{id} snippet", "x", "{id} content", "y");
    }

    [Fact]
    public void Recreate_without_content_is_missing_content()
    {
        FailsWith(ErrorCodes.MissingContent, 4, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} RECREATE", "{id} FILE", "b.cs", "{id} DELETE");
    }

    [Fact]
    public void A_second_snippet_before_the_content_replaces_the_first_with_a_warning_and_strict_refuses_it()
    {
        // ap 3.2 tolerant reading (and the reference patcher): the last snippet wins.
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet", "A();", "{id} snippet", "B();", "{id} content", "C();"), "AP_DUPLICATE_VALUE", 7);
        Assert.Equal("B();", Single(patch).Snippet);
    }

    [Fact]
    public void A_second_content_in_one_modification_is_an_invalid_patch()
    {
        FailsWith(ErrorCodes.InvalidPatchFile, 9,
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet", "A();", "{id} content", "B();", "{id} content", "C();");
    }

    [Fact]
    public void Values_before_any_action_are_invalid()
    {
        FailsWith(ErrorCodes.InvalidModification, 4, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} snippet", "A();", "{id} content", "B();");
    }

    [Fact]
    public void A_patch_without_any_file_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidPatchFile, 1, "{id} AP 3.2", "# nothing to do");
    }

    [Fact]
    public void Text_that_is_not_an_ap_patch_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidPatchFile, 1, "--- a/x.cs", "+++ b/x.cs", "@@ -1 +1 @@");
        Assert.Equal(ErrorCodes.InvalidPatchFile, Fails("").Code);
    }

    [Fact]
    public void A_blank_path_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidPatchFile, 2, "{id} AP 3.2", "{id} FILE", "   ", "{id} DELETE");
        FailsWith(ErrorCodes.InvalidPatchFile, 4, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} RENAME", "", "{id} END");
    }

    [Fact]
    public void An_action_before_any_file_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidPatchFile, 2, "{id} AP 3.2", "{id} REPLACE", "{id} FILE", "a.cs", "{id} DELETE");
    }

    [Fact]
    public void A_file_block_without_any_action_is_invalid()
    {
        FailsWith(ErrorCodes.InvalidPatchFile, 2, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} FILE", "b.cs", "{id} DELETE");
    }

    [Fact]
    public void Text_below_an_action_line_is_its_snippet_and_strict_refuses_it()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "A();", "{id} content", "B();"), "AP_SNIPPET_WITHOUT_DIRECTIVE", 4);
        Assert.Equal("A();", Single(patch).Snippet);
    }

    [Fact]
    public void A_path_both_inline_and_below_is_refused()
    {
        FailsWith(ErrorCodes.InvalidPatchFile, 3, "{id} AP 3.2", "{id} FILE a.cs", "b.cs", "{id} DELETE");
    }

    [Fact]
    public void Arguments_on_an_action_line_are_refused()
    {
        FailsWith(ErrorCodes.InvalidPatchFile, 4, "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE everything");
    }
}
