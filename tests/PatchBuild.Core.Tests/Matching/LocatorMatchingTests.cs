using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.Matching.ApTestWorkspace;

namespace PatchBuild.Core.Tests.Matching;

public sealed class LocatorMatchingTests : IDisposable
{
    private readonly ApTestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private const string TwoMethods = "class C\n{\n    void A()\n    {\n        Log();\n    }\n\n    void B()\n    {\n        Log();\n    }\n}\n";

    [Fact]
    public async Task Snippet_without_anchor_must_be_unique()
    {
        _ws.Write("c.cs", TwoMethods);
        var result = await _ws.ApplyAsync("c.cs", Replace("Log();", "Trace();"));
        Assert.Equal(ErrorCodes.AmbiguousMatch, result.Error!.Code);
        Assert.Equal(new[] { 5, 10 }, Assert.IsAssignableFrom<IEnumerable<int>>(result.Error.Context["candidates"]));
        Assert.Contains("anchor", result.Error.Hint);
        Assert.Equal(TwoMethods, _ws.Read("c.cs"));
    }

    [Fact]
    public async Task Anchor_picks_the_first_snippet_after_it()
    {
        _ws.Write("c.cs", TwoMethods);
        var result = await _ws.ApplyAsync("c.cs", Replace("Log();", "Trace();") with { Anchor = "void B()" });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(TwoMethods.Replace("    void B()\n    {\n        Log();", "    void B()\n    {\n        Trace();"), _ws.Read("c.cs"));
    }

    [Fact]
    public async Task Anchor_and_snippet_may_overlap()
    {
        _ws.Write("c.cs", TwoMethods);
        var result = await _ws.ApplyAsync("c.cs", Replace("void A()", "void Renamed()") with { Anchor = "void A()\n{" });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains("    void Renamed()\n", _ws.Read("c.cs"));
    }

    [Fact]
    public async Task Ambiguous_anchor_is_settled_when_the_snippet_follows_only_one_occurrence()
    {
        _ws.Write("c.cs", "{\n    a();\n}\n{\n    b();\n}\n");
        var result = await _ws.ApplyAsync("c.cs", Replace("b();", "c();") with { Anchor = "{" });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("{\n    a();\n}\n{\n    c();\n}\n", _ws.Read("c.cs"));
    }

    [Fact]
    public async Task Ambiguous_anchor_fails_when_the_snippet_follows_several_occurrences()
    {
        _ws.Write("c.cs", TwoMethods);
        var result = await _ws.ApplyAsync("c.cs", Replace("Log();", "Trace();") with { Anchor = "{" });
        Assert.Equal(ErrorCodes.AmbiguousAnchor, result.Error!.Code);
        Assert.Equal("anchor", result.Error.Context["locator"]);
        Assert.Equal(new[] { 2, 4, 9 }, Assert.IsAssignableFrom<IEnumerable<int>>(result.Error.Context["candidates"]));
    }

    [Fact]
    public async Task Anchor_not_found_is_reported_with_the_anchor_line()
    {
        _ws.Write("c.cs", TwoMethods);
        var patch = _ws.Patch("c.cs", Replace("Log();", "Trace();") with { Anchor = "void Z()", AnchorLine = 42 });
        var result = await _ws.ApplyAsync(patch);
        Assert.Equal(ErrorCodes.AnchorNotFound, result.Error!.Code);
        Assert.Equal(42, result.Error.Line);
        Assert.Equal("c.cs", result.Error.File);
        Assert.Equal(1, result.Error.Modification);
        Assert.NotNull(result.Error.Hint);
    }

    [Fact]
    public async Task Snippet_missing_after_its_anchor_is_not_found_even_if_it_occurs_before()
    {
        _ws.Write("a.txt", "target\nanchor\nother\n");
        var result = await _ws.ApplyAsync("a.txt", Replace("target", "x") with { Anchor = "anchor" });
        Assert.Equal(ErrorCodes.SnippetNotFound, result.Error!.Code);
        Assert.Contains("after its anchor (line 2)", result.Error.Message);
    }

    [Fact]
    public async Task Tail_is_searched_after_the_snippet_only_in_strict_mode()
    {
        _ws.Write("a.txt", "end\nbegin\nmiddle\n");
        var patch = _ws.Patch("a.txt", Delete("begin") with { SnippetTail = "end", SnippetTailLine = 7 });
        var result = await _ws.ApplyAsync(patch, new ApplyOptions { Strict = true });
        Assert.Equal(ErrorCodes.SnippetTailNotFound, result.Error!.Code);
        Assert.Equal(7, result.Error.Line);
        Assert.Equal(2, result.Error.Context["snippetLine"]);
    }

    [Fact]
    public async Task A_tail_found_only_above_the_snippet_makes_a_reversed_range_by_default()
    {
        // ap 3.2, section 3.6 range auto-correction: the AI swapped start and end.
        _ws.Write("a.txt", "keep\nend\nbegin\nmiddle\n");
        var result = await _ws.ApplyAsync("a.txt", Delete("begin") with { SnippetTail = "end" });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "RANGE_REVERSED");
        Assert.Equal("keep\nmiddle\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Repeating_a_locator_addresses_identical_blocks_one_after_another()
    {
        _ws.Write("a.txt", "item\nx\nitem\ny\n");
        var result = await _ws.ApplyAsync("a.txt", InsertAfter("item", "first"), InsertAfter("item", "second"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("item\nfirst\nx\nitem\nsecond\ny\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Repeated_replace_of_identical_blocks_replaces_each_in_turn()
    {
        _ws.Write("a.txt", "dup\nmid\ndup\n");
        var result = await _ws.ApplyAsync("a.txt", Replace("dup", "one"), Replace("dup", "two"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("one\nmid\ntwo\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task A_later_locator_never_matches_text_the_patch_wrote()
    {
        _ws.Write("a.txt", "marker\nend\n");
        var result = await _ws.ApplyAsync("a.txt", InsertAfter("end", "marker"), Replace("marker", "changed"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("changed\nend\nmarker\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Locator_consumed_by_an_earlier_modification_names_it()
    {
        _ws.Write("a.txt", "a\nb\nc\n");
        var patch = _ws.Patch("a.txt", Replace("a\nb", "ab"), InsertAfter("b", "after b"));
        var result = await _ws.ApplyAsync(patch);
        Assert.Equal(ErrorCodes.LocatorConsumed, result.Error!.Code);
        Assert.Equal(2, result.Error.Modification);
        Assert.Equal(1, result.Error.Context["consumedBy"]);
        int firstPatchLine = patch.Files[0].Modifications[0].PatchLine;
        Assert.Contains($"modification 1 (patch line {firstPatchLine})", result.Error.Message);
        Assert.Equal("a\nb\nc\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Text_written_inside_a_snippet_breaks_it_and_counts_as_consumed()
    {
        _ws.Write("a.txt", "a\nb\nc\n");
        var result = await _ws.ApplyAsync("a.txt", InsertAfter("a", "inserted"), Delete("a\nb"));
        Assert.Equal(ErrorCodes.LocatorConsumed, result.Error!.Code);
        Assert.Equal(1, result.Error.Context["consumedBy"]);
    }

    [Fact]
    public async Task Scope_end_takes_the_whole_brace_block()
    {
        _ws.Write("c.cs", "class C\n{\n    void A()\n    {\n        if (x) { y(); }\n        var s = \"}\"; // }\n    }\n\n    void B() { }\n}\n");
        var result = await _ws.ApplyAsync("c.cs", Replace("void A()", "void A() => Z();") with { ScopeEnd = true });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("class C\n{\n    void A() => Z();\n\n    void B() { }\n}\n", _ws.Read("c.cs"));
    }

    [Fact]
    public async Task Scope_end_with_same_line_brace_and_parentheses()
    {
        _ws.Write("a.js", "function f(a,\n           b) {\n  return [\n    a, b\n  ];\n}\nf(1, 2);\n");
        var result = await _ws.ApplyAsync("a.js", Delete("function f(a,") with { ScopeEnd = true });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("f(1, 2);\n", _ws.Read("a.js"));
    }

    [Fact]
    public async Task Scope_end_by_indentation_for_python()
    {
        _ws.Write("m.py", "def a():\n    x = 1\n\n    return x\n\ndef b():\n    pass\n");
        var result = await _ws.ApplyAsync("m.py", Replace("def a():", "def a():\n    return 1") with { ScopeEnd = true });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("def a():\n    return 1\n\ndef b():\n    pass\n", _ws.Read("m.py"));
    }

    [Fact]
    public async Task Scope_end_by_indentation_for_yaml()
    {
        _ws.Write("c.yml", "jobs:\n  build:\n    runs-on: ubuntu\n    steps:\n      - run: make\n  test:\n    runs-on: ubuntu\n");
        var result = await _ws.ApplyAsync("c.yml", Delete("build:") with { ScopeEnd = true });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("jobs:\n  test:\n    runs-on: ubuntu\n", _ws.Read("c.yml"));
    }

    [Fact]
    public async Task Scope_end_on_an_unclosed_block_is_invalid()
    {
        _ws.Write("c.cs", "void F()\n{\n    x();\n");
        var result = await _ws.ApplyAsync("c.cs", Delete("void F()") with { ScopeEnd = true });
        Assert.Equal(ErrorCodes.InvalidModification, result.Error!.Code);
        Assert.Contains("never closes", result.Error.Message);
    }

    [Fact]
    public async Task Snippet_that_is_part_of_a_longer_multiline_run_still_matches()
    {
        _ws.Write("a.txt", "x\n  alpha\n\n  beta  \ny\n");
        var result = await _ws.ApplyAsync("a.txt", Replace("alpha\nbeta", "gamma"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("x\n  gamma\ny\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Insert_after_with_scope_end_goes_after_the_whole_block()
    {
        _ws.Write("c.cs", "class C\n{\n    void A()\n    {\n        x();\n    }\n}\n");
        var result = await _ws.ApplyAsync("c.cs", InsertAfter("void A()", "void B() { }") with { ScopeEnd = true });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("class C\n{\n    void A()\n    {\n        x();\n    }\n    void B() { }\n}\n", _ws.Read("c.cs"));
    }

    [Fact]
    public async Task Anchor_consumed_by_an_earlier_modification_is_reported()
    {
        _ws.Write("a.txt", "head\nbody\n");
        var result = await _ws.ApplyAsync("a.txt", Replace("head", "HEAD"), Replace("body", "BODY") with { Anchor = "head" });
        Assert.Equal(ErrorCodes.LocatorConsumed, result.Error!.Code);
        Assert.Equal("anchor", result.Error.Context["locator"]);
    }

    [Fact]
    public async Task Anchor_not_found_carries_near_matches()
    {
        _ws.Write("a.cs", "void Compute(int value)\n{\n    run();\n}\n");
        var result = await _ws.ApplyAsync("a.cs", Replace("run();", "walk();") with { Anchor = "void Compute(long value)" });
        Assert.Equal(ErrorCodes.AnchorNotFound, result.Error!.Code);
        var near = Assert.IsAssignableFrom<IReadOnlyList<PatchBuild.Core.Matching.NearMatch>>(result.Error.Context["nearMatches"]);
        Assert.Equal(1, near[0].Line);
    }

    [Fact]
    public async Task Strict_mode_still_applies_exact_matches()
    {
        _ws.Write("a.txt", "a\nb\n");
        var result = await _ws.ApplyAsync(_ws.Patch("a.txt", Replace("b", "c")), new ApplyOptions { Strict = true });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Empty(result.Warnings);
        Assert.Equal("a\nc\n", _ws.Read("a.txt"));
    }
}
