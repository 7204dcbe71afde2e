using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.Ap.ParserTestKit;

namespace PatchBuild.Core.Tests.Ap;

public class ParserDirectiveTests
{
    [Fact]
    public void File_path_may_be_written_on_the_next_line_or_inline()
    {
        var nextLine = Parse(Patch("{id} AP 3.2", "{id} FILE", "", "  src/a.cs  ", "{id} DELETE"), strict: true);
        var inline = Parse(Patch("{id} AP 3.2", "{id} FILE src/a.cs", "{id} DELETE"), strict: true);

        Assert.Equal("src/a.cs", Assert.Single(nextLine.Files).Path);
        Assert.Equal("src/a.cs", Assert.Single(inline.Files).Path);
    }

    [Theory]
    [InlineData("{id} FILE LF", NewlineMode.Lf)]
    [InlineData("{id} FILE CRLF", NewlineMode.CrLf)]
    [InlineData("{id} FILE CR", NewlineMode.Cr)]
    public void File_newline_mode_is_carried_to_the_file_change(string fileLine, NewlineMode expected)
    {
        var patch = Parse(Patch("{id} AP 3.2", fileLine, "docs/x.txt", "{id} DELETE"), strict: true);

        var file = Assert.Single(patch.Files);
        Assert.Equal(expected, file.Newline);
        Assert.Equal("docs/x.txt", file.Path);
    }

    [Theory]
    [InlineData("{id} FILE CRLF src/My File.cs")]
    [InlineData("{id} FILE src/My File.cs CRLF")]
    public void Inline_path_and_newline_mode_can_share_the_file_line_in_either_order(string fileLine)
    {
        var file = Assert.Single(Parse(Patch("{id} AP 3.2", fileLine, "{id} DELETE"), strict: true).Files);

        Assert.Equal("src/My File.cs", file.Path);
        Assert.Equal(NewlineMode.CrLf, file.Newline);
    }

    [Fact]
    public void Paths_are_passed_through_as_written_for_the_path_guard_to_judge()
    {
        var file = Assert.Single(Parse(Patch("{id} AP 3.2", "{id} FILE", "../outside\\x.cs", "{id} DELETE")).Files);

        Assert.Equal("../outside\\x.cs", file.Path);
    }

    [Fact]
    public void Replace_with_snippet_tail_and_trailing_blank_lines_and_scope_end()
    {
        var mod = Single(Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs",
            "{id} REPLACE",
            "{id} snippet", "void Start()",
            "{id} snippet_tail", "// end of Start",
            "{id} content", "void Begin() { }",
            "{id} include_trailing_blank_lines 2",
            "{id} scope_end"), strict: true));

        Assert.Equal(LocatorAction.Replace, mod.Action);
        Assert.Equal("void Start()", mod.Snippet);
        Assert.Equal("// end of Start", mod.SnippetTail);
        Assert.Equal(7, mod.SnippetTailLine);
        Assert.Equal(2, mod.IncludeTrailingBlankLines);
        Assert.True(mod.ScopeEnd);
    }

    [Fact]
    public void Insert_before_reads_its_snippet_and_content()
    {
        var mod = Single(Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "a.py",
            "{id} INSERT_BEFORE", "{id} snippet", "def main():", "{id} content", "@cli", "{id} scope_end"), strict: true));

        Assert.Equal(LocatorAction.InsertBefore, mod.Action);
        Assert.Equal(("def main():", "@cli"), (mod.Snippet, mod.Content));
        Assert.True(mod.ScopeEnd);
    }

    [Theory]
    [InlineData("^")]
    [InlineData("$")]
    public void Boundary_snippets_are_passed_through_unchanged(string boundary)
    {
        var mod = Single(Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "a.py", "{id} INSERT_AFTER", "{id} snippet", boundary, "{id} content", "# header"), strict: true));

        Assert.Equal(boundary, mod.Snippet);
        Assert.Equal("# header", mod.Content);
    }

    [Fact]
    public void Values_keep_indentation_inner_blank_lines_and_hash_lines_but_lose_outer_blank_lines()
    {
        var mod = Single(Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "a.py",
            "{id} REPLACE",
            "{id} snippet", "   ", "\tx = 1   ", "",
            "{id} content", "", "", "    if x:", "", "        # still content", "        y = 2  ", "  \t", "",
            "{id} END"), strict: true));

        Assert.Equal("\tx = 1   ", mod.Snippet);
        Assert.Equal("    if x:\n\n        # still content\n        y = 2  ", mod.Content);
    }

    [Fact]
    public void A_line_that_starts_with_the_id_but_no_blank_after_it_is_content()
    {
        var mod = Single(Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "a.txt", "{id} INSERT_AFTER", "{id} snippet", "x",
            "{id} content", "{id}REPLACE", " {id} REPLACE", "deadbeef is a hex word"), strict: true));

        Assert.Equal($"{Id}REPLACE\n {Id} REPLACE\ndeadbeef is a hex word", mod.Content);
    }

    [Fact]
    public void Create_with_content_is_a_file_and_without_content_a_folder()
    {
        var patch = Parse(Patch(
            "{id} AP 3.2",
            "{id} FILE", "src/New.cs", "{id} CREATE", "{id} content", "namespace N;", "", "class C { }", "",
            "{id} FILE", "src/Empty", "{id} CREATE"), strict: true);

        Assert.Equal(2, patch.Files.Count);
        Assert.Equal(FileChangeKind.Create, patch.Files[0].Kind);
        Assert.Equal("namespace N;\n\nclass C { }\n", patch.Files[0].Content);
        Assert.Equal(FileChangeKind.CreateDirectory, patch.Files[1].Kind);
        Assert.Null(patch.Files[1].Content);
        Assert.Equal((2, 10), (patch.Files[0].PatchLine, patch.Files[1].PatchLine));
        Assert.Empty(patch.Files[0].Modifications);
    }

    [Fact]
    public void Recreate_replaces_the_whole_file_content()
    {
        var file = Assert.Single(Parse(Patch(
            "{id} AP 3.2", "{id} FILE CRLF", "README.md", "{id} RECREATE", "{id} content", "# Title", "", "Text."), strict: true).Files);

        Assert.Equal(FileChangeKind.Recreate, file.Kind);
        Assert.Equal("# Title\n\nText.\n", file.Content);
        Assert.Equal(NewlineMode.CrLf, file.Newline);
    }

    [Theory]
    [InlineData("{id} RENAME", "src/New.cs")]
    [InlineData("{id} RENAME src/New.cs", "")]
    public void Rename_takes_the_new_path_below_or_inline(string renameLine, string below)
    {
        var file = Assert.Single(Parse(Patch("{id} AP 3.2", "{id} FILE", "src/Old.cs", renameLine, below), strict: true).Files);

        Assert.Equal(FileChangeKind.Rename, file.Kind);
        Assert.Equal("src/Old.cs", file.Path);
        Assert.Equal("src/New.cs", file.NewPath);
    }

    [Fact]
    public void Delete_alone_in_its_file_block_deletes_the_whole_file()
    {
        var file = Assert.Single(Parse(Patch("{id} AP 3.2", "{id} FILE", "path/to/obsolete/file.txt", "", "{id} DELETE"), strict: true).Files);

        Assert.Equal(FileChangeKind.Delete, file.Kind);
        Assert.Empty(file.Modifications);
    }

    [Fact]
    public void End_stops_reading_and_whatever_follows_is_ignored()
    {
        var patch = Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE", "{id} snippet", "Old();", "{id} END",
            "Sure! Let me know if you need anything else.",
            "{id} FILE", "b.cs", "{id} REPLACE"), strict: true);

        var file = Assert.Single(patch.Files);
        Assert.Equal("a.cs", file.Path);
        Assert.Equal("Old();", Single(patch).Snippet);
    }

    [Fact]
    public void Modifications_are_numbered_across_files_and_file_changes_remember_their_lines()
    {
        var patch = Parse(Patch(
            "{id} AP 3.2",
            "{id} FILE", "a.cs", "{id} DELETE", "{id} snippet", "A();", "{id} DELETE", "{id} snippet", "B();",
            "{id} FILE", "gone.txt", "{id} DELETE",
            "{id} FILE", "c.cs", "{id} REPLACE", "{id} snippet", "C();", "{id} content", "D();"), strict: true);

        Assert.Equal([2, 10, 13], patch.Files.Select(f => f.PatchLine));
        Assert.Equal([(1, 4), (2, 7), (3, 15)], Modifications(patch).Select(m => (m.Number, m.PatchLine)));
        Assert.Equal(FileChangeKind.Delete, patch.Files[1].Kind);
    }

    [Fact]
    public void Comments_before_the_header_are_allowed_even_in_strict_mode()
    {
        var patch = Parse(Patch("# just a note", "#", "{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE"), strict: true);

        Assert.Empty(patch.Warnings);
        Assert.Null(patch.Summary);
    }

    [Theory]
    [InlineData("3.1")]
    [InlineData("3.2")]
    public void Known_versions_are_accepted_silently(string version)
    {
        var patch = Parse(Patch("{id} AP " + version, "{id} FILE", "a.cs", "{id} DELETE"), strict: true);

        Assert.Empty(patch.Warnings);
    }

    [Fact]
    public void Patching_an_ap_file_keeps_lines_with_foreign_ids_as_content()
    {
        // The spec's promise that ap patches can patch ap patches: another patch's directives are plain content here.
        var mod = Single(Parse(Patch(
            "{id} AP 3.2", "{id} FILE", "patches/old.ap", "{id} REPLACE",
            "{id} snippet", "0badc0de snippet", "x()",
            "{id} content", "0badc0de snippet", "y()"), strict: true));

        Assert.Equal("0badc0de snippet\nx()", mod.Snippet);
        Assert.Equal("0badc0de snippet\ny()", mod.Content);
    }

    [Fact]
    public void A_utf8_byte_order_mark_before_the_header_is_ignored()
    {
        var patch = Parse("\uFEFF" + Patch("{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE"), strict: true);

        Assert.Equal("a.cs", Assert.Single(patch.Files).Path);
    }

    [Fact]
    public void Parse_keeps_the_source_path_and_text()
    {
        string text = Patch("{id} AP 3.2", "{id} FILE", "a.cs", "{id} DELETE");

        var patch = Parse(text);

        Assert.Equal("afix.ap", patch.SourcePath);
        Assert.Equal(text, patch.Text);
    }
}
