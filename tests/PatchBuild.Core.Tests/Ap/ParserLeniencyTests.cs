using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.Ap.ParserTestKit;

namespace PatchBuild.Core.Tests.Ap;

/// <summary>Each deviation is forgiven with a warning by default and refused by --strict.</summary>
public class ParserLeniencyTests
{
    [Fact]
    public void Comment_between_directives_is_ignored()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "# Summary: drop the old call", "{id} FILE", "a.cs", "{id} DELETE", "# the call", "# is unused", "{id} snippet", "Old();"),
            "AP_COMMENT_OUTSIDE_VALUE", line: 2);

        Assert.Contains(patch.Warnings, w => w.Code == "AP_COMMENT_OUTSIDE_VALUE" && w.Line == 6 && w.File == "a.cs");
        Assert.Equal("drop the old call", patch.Summary);
        Assert.Equal("Old();", Single(patch).Snippet);
    }

    [Fact]
    public void Prose_before_the_header_is_ignored()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "Here is the patch you asked for:", "", "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE"),
            "AP_STRAY_TEXT", line: 1);

        Assert.Equal(FileChangeKind.Delete, Assert.Single(patch.Files).Kind);
    }

    [Fact]
    public void Missing_header_takes_the_id_from_the_first_directive()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "# Summary: no header", "", "{id} FILE", "a.cs", "{id} INSERT_AFTER", "{id} snippet", "using A;", "{id} content", "using B;"),
            "AP_MISSING_HEADER", line: 3);

        var mod = Single(patch);
        Assert.Equal(("using A;", "using B;"), (mod.Snippet, mod.Content));
        Assert.Equal("no header", patch.Summary);
    }

    [Theory]
    [InlineData("{id} AP 4.0")]
    [InlineData("{id} AP")]
    [InlineData("{id} AP 3.2 beta")]
    public void Unknown_version_is_read_as_3_2(string header)
    {
        var patch = ForgivenOnlyWhenLenient(Patch(header, "{id} FILE", "a.cs", "{id} DELETE"), "AP_UNKNOWN_VERSION", line: 1);

        Assert.Equal(FileChangeKind.Delete, Assert.Single(patch.Files).Kind);
    }

    [Fact]
    public void Capital_letters_in_the_id_are_forgiven_and_the_id_matches_regardless_of_case()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "E4A2F1B8 AP 3.2", "{id} FILE", "a.cs", "E4A2F1B8 DELETE"), "AP_ID_CASE", line: 1);

        Assert.Equal(FileChangeKind.Delete, Assert.Single(patch.Files).Kind);
        Assert.DoesNotContain(patch.Warnings, w => w.Code == "AP_ID_DRIFT");
        Assert.Equal([1, 4], patch.Warnings.Where(w => w.Code == "AP_ID_CASE").Select(w => w.Line!.Value));
    }

    [Theory]
    [InlineData("```ap")]
    [InlineData("```")]
    [InlineData("~~~")]
    public void Markdown_fence_and_the_chat_around_it_are_dropped(string fence)
    {
        string closing = fence.StartsWith('~') ? "~~~" : "```";
        var patch = ForgivenOnlyWhenLenient(Patch(
            "Sure! Here it is:", fence, "# Summary: fenced", "{id} AP 3.2", "{id} FILE", "README.md", "{id} REPLACE",
            "{id} snippet", "old", "{id} content", "new", closing, "Anything else?"),
            "AP_MARKDOWN_FENCE", line: 2);

        var mod = Single(patch);
        Assert.Equal("new", mod.Content);
        Assert.Equal("fenced", patch.Summary);
        Assert.Single(patch.Warnings);
    }

    [Fact]
    public void A_fence_inside_a_value_of_an_unfenced_patch_is_content()
    {
        var mod = Single(Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "README.md", "{id} INSERT_AFTER", "{id} snippet", "## Usage",
            "{id} content", "```sh", "patchbuild apply", "```"), strict: true));

        Assert.Equal("```sh\npatchbuild apply\n```", mod.Content);
    }

    [Theory]
    [InlineData("{id} replace", "{id} snippet", 4)]
    [InlineData("{id} REPLACE", "{id} Snippet", 5)]
    public void Directive_case_is_forgiven(string action, string snippet, int line)
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", action, snippet, "A();", "{id} content", "B();"), "AP_DIRECTIVE_CASE", line);

        Assert.Equal(LocatorAction.Replace, Single(patch).Action);
        Assert.Equal("A();", Single(patch).Snippet);
    }

    [Fact]
    public void Newline_mode_case_is_forgiven()
    {
        var patch = ForgivenOnlyWhenLenient(Patch("{id} AP 3.2", "{id} FILE crlf", "a.cs", "{id} DELETE"), "AP_DIRECTIVE_CASE", line: 2);

        Assert.Equal(NewlineMode.CrLf, Assert.Single(patch.Files).Newline);
        Assert.Equal("a.cs", patch.Files[0].Path);
    }

    [Theory]
    [InlineData("{id} REPLACE:", "{id} snippet", 4)]
    [InlineData("{id} REPLACE", "{id} snippet:", 5)]
    [InlineData("{id} REPLACE :", "{id} snippet", 4)]
    public void Trailing_colon_is_forgiven(string action, string snippet, int line)
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", action, snippet, "A();", "{id} content", "B();"), "AP_TRAILING_COLON", line);

        Assert.Equal(("A();", "B();"), (Single(patch).Snippet, Single(patch).Content));
    }

    [Fact]
    public void Id_drift_is_read_as_a_directive()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet", "A();", "e4a2f1b9 content", "B();"),
            "AP_ID_DRIFT", line: 7);

        Assert.Equal(("A();", "B();"), (Single(patch).Snippet, Single(patch).Content));
    }

    [Fact]
    public void Unknown_directive_is_an_invalid_patch_in_both_modes()
    {
        // ap 3.2 and its reference: skipping an unknown directive could silently drop the change it meant.
        string text = Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} explanation", "why this change", "{id} snippet", "A();", "{id} content", "B();");
        foreach (bool strict in new[] { false, true })
        {
            var error = Fails(text, strict);
            Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
            Assert.Equal(5, error.Line);
            Assert.Contains("explanation", error.Message);
        }
    }

    [Fact]
    public void A_second_header_is_ignored()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} AP 3.2", "{id} DELETE"), "AP_UNKNOWN_DIRECTIVE", line: 4);

        Assert.Equal(FileChangeKind.Delete, Assert.Single(patch.Files).Kind);
    }

    [Fact]
    public void Value_on_its_directive_line_becomes_the_first_line_of_the_value()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet A();", "{id} content", "B();"), "AP_INLINE_VALUE", line: 5);

        Assert.Equal("A();", Single(patch).Snippet);
    }

    [Fact]
    public void Text_right_under_create_is_the_file_content()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "hello.py", "{id} CREATE", "# greet", "print('hi')"), "AP_CONTENT_WITHOUT_DIRECTIVE", line: 4);

        var file = Assert.Single(patch.Files);
        Assert.Equal(FileChangeKind.Create, file.Kind);
        Assert.Equal("# greet\nprint('hi')\n", file.Content);
    }

    [Fact]
    public void Anchor_without_snippet_becomes_the_snippet()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} anchor", "Old();"), "AP_ANCHOR_WITHOUT_SNIPPET", line: 5);

        var mod = Single(patch);
        Assert.Equal("Old();", mod.Snippet);
        Assert.Equal(5, mod.SnippetLine);
        Assert.Null(mod.Anchor);
        Assert.Null(mod.AnchorLine);
    }

    [Fact]
    public void A_new_snippet_after_a_complete_modification_repeats_its_action()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs",
            "{id} REPLACE", "{id} snippet", "A();", "{id} content", "B();",
            "{id} snippet", "C();", "{id} content", "D();"), "AP_MISSING_ACTION", line: 9);

        var mods = Modifications(patch);
        Assert.Equal(2, mods.Count);
        Assert.All(mods, m => Assert.Equal(LocatorAction.Replace, m.Action));
        Assert.Equal((2, 9, "C();", "D();"), (mods[1].Number, mods[1].PatchLine, mods[1].Snippet, mods[1].Content));
        Assert.Equal(Patch("{id} REPLACE", "{id} snippet", "C();", "{id} content", "D();"), mods[1].RawText);
        Assert.Equal(Patch("{id} REPLACE", "{id} snippet", "A();", "{id} content", "B();"), mods[0].RawText);
    }

    [Fact]
    public void An_anchor_after_a_complete_replace_opens_the_next_modification_rather_than_joining_the_previous()
    {
        var mods = Modifications(Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs",
            "{id} REPLACE", "{id} snippet", "A();", "{id} content", "B();",
            "{id} anchor", "void M()", "{id} snippet", "C();", "{id} content", "D();")));

        Assert.Equal(2, mods.Count);
        Assert.Null(mods[0].Anchor);
        Assert.Equal(("void M()", "C();"), (mods[1].Anchor, mods[1].Snippet));
    }

    [Fact]
    public void A_file_block_with_only_content_is_a_create()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "new.txt", "{id} content", "hello"), "AP_IMPLICIT_CREATE", line: 4);

        var file = Assert.Single(patch.Files);
        Assert.Equal((FileChangeKind.Create, "hello\n"), (file.Kind, file.Content));
    }

    [Fact]
    public void Snippet_tail_that_repeats_the_end_of_the_snippet_is_dropped()
    {
        var patch = ForgivenOnlyWhenLenient(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE",
            "{id} snippet", "if (x)", "{", "    Run();", "}",
            "{id} snippet_tail", "    Run();", "  }"), "AP_TAIL_INSIDE_SNIPPET", line: 10);

        var mod = Single(patch);
        Assert.Null(mod.SnippetTail);
        Assert.Null(mod.SnippetTailLine);
        Assert.Equal("if (x)\n{\n    Run();\n}", mod.Snippet);
    }

    [Fact]
    public void Snippet_tail_that_is_not_the_end_of_the_snippet_is_kept_silently()
    {
        var mod = Single(Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} snippet", "if (x)", "{", "{id} snippet_tail", "}"), strict: true));

        Assert.Equal("}", mod.SnippetTail);
    }

    [Fact]
    public void Snippets_under_create_are_ignored_with_a_warning_in_both_modes()
    {
        string text = Patch("{id} AP 3.2", "{id} FILE", "new.txt", "{id} CREATE", "{id} snippet", "x", "{id} content", "hello");

        foreach (bool strict in new[] { false, true })
        {
            var patch = Parse(text, strict);
            Assert.Equal("hello\n", Assert.Single(patch.Files).Content);
            Assert.Contains(patch.Warnings, w => w.Code == "AP_LOCATOR_IGNORED" && w.Line == 5);
        }
    }

    [Fact]
    public void Several_deviations_each_leave_their_own_warning()
    {
        var patch = Parse(Patch(
            "```ap", "{id} AP 3.2", "{id} FILE", "a.cs", "{id} replace:", "{id} anchor", "A();", "e4a2f1b9 content", "B();", "```"));

        Assert.Equal(
            ["AP_MARKDOWN_FENCE", "AP_DIRECTIVE_CASE", "AP_TRAILING_COLON", "AP_ID_DRIFT", "AP_ANCHOR_WITHOUT_SNIPPET"],
            patch.Warnings.Select(w => w.Code));
        Assert.All(patch.Warnings, w => Assert.Equal("afix.ap", w.PatchFile));
    }
}
