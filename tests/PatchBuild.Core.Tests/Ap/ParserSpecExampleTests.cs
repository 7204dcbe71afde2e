using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.Ap.ParserTestKit;

namespace PatchBuild.Core.Tests.Ap;

public class ParserSpecExampleTests
{
    // The calculator example of the ap specification, with the header raised to 3.2.
    private static readonly string CalculatorPatch = Patch(
        "# Summary: Refactor the calculator module to enhance the `add` function",
        "# and remove deprecated code.",
        "#",
        "# Plan:",
        "#   1. Import the `List` type for type hinting.",
        "#   2. Update the `add` function to also handle summing a list of numbers.",
        "#   3. Remove the unused `get_pi` function.",
        "",
        "{id} AP 3.2",
        "",
        "{id} FILE",
        "src/calculator.py",
        "",
        "{id} INSERT_AFTER",
        "{id} snippet",
        "import math",
        "{id} content",
        "from typing import List",
        "",
        "{id} REPLACE",
        "{id} anchor",
        "def add(a, b):",
        "{id} snippet",
        "return a + b",
        "{id} content",
        "    # New implementation supports summing a list",
        "    if isinstance(a, List):",
        "        return sum(a)",
        "    return a + b",
        "",
        "{id} DELETE",
        "{id} snippet",
        "def get_pi():",
        "    return 3.14",
        "{id} include_leading_blank_lines 1");

    [Fact]
    public void The_calculator_example_parses_into_three_modifications_of_one_file()
    {
        var patch = Parse(CalculatorPatch, strict: true);

        Assert.Equal(PatchFormat.Ap, patch.Format);
        Assert.Empty(patch.Warnings);
        var file = Assert.Single(patch.Files);
        Assert.Equal("src/calculator.py", file.Path);
        Assert.Equal(FileChangeKind.Modify, file.Kind);
        Assert.Equal(11, file.PatchLine);
        Assert.Null(file.Newline);

        var mods = Modifications(patch);
        Assert.Equal(3, mods.Count);

        var insert = mods[0];
        Assert.Equal(LocatorAction.InsertAfter, insert.Action);
        Assert.Equal((1, 14, 15, 17), (insert.Number, insert.PatchLine, insert.SnippetLine, insert.ContentLine));
        Assert.Equal("import math", insert.Snippet);
        Assert.Equal("from typing import List", insert.Content);
        Assert.Null(insert.Anchor);

        var replace = mods[1];
        Assert.Equal(LocatorAction.Replace, replace.Action);
        Assert.Equal((2, 20, 21, 23, 25), (replace.Number, replace.PatchLine, replace.AnchorLine, replace.SnippetLine, replace.ContentLine));
        Assert.Equal("def add(a, b):", replace.Anchor);
        Assert.Equal("return a + b", replace.Snippet);
        Assert.Equal(
            "    # New implementation supports summing a list\n    if isinstance(a, List):\n        return sum(a)\n    return a + b",
            replace.Content);

        var delete = mods[2];
        Assert.Equal(LocatorAction.Delete, delete.Action);
        Assert.Equal((3, 31), (delete.Number, delete.PatchLine));
        Assert.Equal("def get_pi():\n    return 3.14", delete.Snippet);
        Assert.Null(delete.Content);
        Assert.Equal(1, delete.IncludeLeadingBlankLines);
        Assert.Equal(0, delete.IncludeTrailingBlankLines);
        Assert.False(delete.ScopeEnd);
    }

    [Fact]
    public void The_summary_comment_is_read_with_its_wrapped_line_and_stops_at_the_plan()
    {
        var patch = Parse(CalculatorPatch);

        Assert.Equal("Refactor the calculator module to enhance the `add` function and remove deprecated code.", patch.Summary);
    }

    [Fact]
    public void Each_modification_keeps_its_exact_text_for_a_retry_patch()
    {
        var mods = Modifications(Parse(CalculatorPatch));

        Assert.Equal(Patch("{id} INSERT_AFTER", "{id} snippet", "import math", "{id} content", "from typing import List"), mods[0].RawText);
        Assert.Equal(Patch(
            "{id} DELETE", "{id} snippet", "def get_pi():", "    return 3.14", "{id} include_leading_blank_lines 1"), mods[2].RawText);
    }

    [Fact]
    public void A_retry_patch_made_of_header_file_and_raw_text_parses_back_to_the_same_modification()
    {
        var original = Modifications(Parse(CalculatorPatch))[1];

        string retry = Patch("{id} AP 3.2", "{id} FILE", "src/calculator.py") + original.RawText;
        var reparsed = Single(Parse(retry, strict: true));

        Assert.Equal(original.Action, reparsed.Action);
        Assert.Equal(original.Anchor, reparsed.Anchor);
        Assert.Equal(original.Snippet, reparsed.Snippet);
        Assert.Equal(original.Content, reparsed.Content);
        Assert.Equal(original.RawText, reparsed.RawText);
    }

    [Fact]
    public void A_crlf_patch_file_parses_into_the_same_model_as_the_lf_one()
    {
        var lf = Parse(CalculatorPatch);
        var crlf = Parse(CalculatorPatch.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(lf.Summary, crlf.Summary);
        Assert.Equal(lf.Files.Count, crlf.Files.Count);
        Assert.Equal(lf.Files[0] with { Modifications = [] }, crlf.Files[0] with { Modifications = [] });
        Assert.Equal(Modifications(lf), Modifications(crlf));
    }

    [Fact]
    public void An_old_mac_cr_only_patch_file_parses_like_the_lf_one()
    {
        var lf = Parse(CalculatorPatch);
        var cr = Parse(CalculatorPatch.Replace("\n", "\r", StringComparison.Ordinal));

        Assert.Equal(Modifications(lf), Modifications(cr));
    }
}
