using PatchBuild.Core.Matching;
using static PatchBuild.Core.Tests.Matching.ApTestWorkspace;

namespace PatchBuild.Core.Tests.Matching;

public sealed class IndentationTests : IDisposable
{
    private readonly ApTestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task Flush_left_content_takes_the_indentation_of_the_replaced_line_keeping_relative_indentation()
    {
        _ws.Write("a.cs", "void M()\n{\n        old();\n}\n");
        var result = await _ws.ApplyAsync("a.cs", Replace("old();", "if (x)\n{\n    y();\n}"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("void M()\n{\n        if (x)\n        {\n            y();\n        }\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Explicitly_indented_content_is_kept_as_written()
    {
        _ws.Write("a.py", "def f():\n    old()\n");
        var result = await _ws.ApplyAsync("a.py", Replace("old()", "  two_spaces()\n      six()"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("def f():\n  two_spaces()\n      six()\n", _ws.Read("a.py"));
    }

    [Fact]
    public async Task Tab_indented_target_gives_tabs_verbatim()
    {
        _ws.Write("a.go", "func f() {\n\t\told()\n}\n");
        var result = await _ws.ApplyAsync("a.go", Replace("old()", "a()\n    b()"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("func f() {\n\t\ta()\n\t\t    b()\n}\n", _ws.Read("a.go"));
    }

    [Fact]
    public async Task Mixed_tab_and_space_indentation_is_copied_exactly()
    {
        _ws.Write("a.c", "{\n\t  old();\n}\n");
        var result = await _ws.ApplyAsync("a.c", InsertBefore("old();", "fresh();"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("{\n\t  fresh();\n\t  old();\n}\n", _ws.Read("a.c"));
    }

    [Fact]
    public async Task Insert_after_a_brace_header_goes_one_level_deeper_using_the_next_line()
    {
        _ws.Write("a.cs", "void F()\n{\n\tfirst();\n}\n");
        var result = await _ws.ApplyAsync("a.cs", InsertAfter("{", "zeroth();"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("void F()\n{\n\tzeroth();\n\tfirst();\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Insert_after_a_colon_header_goes_one_level_deeper()
    {
        _ws.Write("a.py", "if x:\n        y()\n");
        var result = await _ws.ApplyAsync("a.py", InsertAfter("if x:", "z()"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("if x:\n        z()\n        y()\n", _ws.Read("a.py"));
    }

    [Fact]
    public async Task Insert_after_an_empty_block_header_adds_one_unit_of_indentation()
    {
        _ws.Write("a.cs", "    void F() {\n    }\n");
        var result = await _ws.ApplyAsync("a.cs", InsertAfter("void F() {", "Run();"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("    void F() {\n        Run();\n    }\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Insert_after_a_plain_line_uses_its_indentation()
    {
        _ws.Write("a.cs", "{\n   a();\n}\n");
        var result = await _ws.ApplyAsync("a.cs", InsertAfter("a();", "b();"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("{\n   a();\n   b();\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Trailing_whitespace_is_stripped_from_inserted_lines_only()
    {
        _ws.Write("a.txt", "keep   \nx\n");
        var result = await _ws.ApplyAsync("a.txt", InsertAfter("x", "y   \t\n\n  z  "));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("keep   \nx\ny\n\n  z\n", _ws.Read("a.txt"));
    }

    [Fact]
    public void Adapt_keeps_blank_lines_empty_and_rebases_only_flush_content()
    {
        Assert.Equal(new[] { "\tif (a)", "", "\t    b;" }, Indentation.Adapt(["if (a)", "   ", "    b;"], "\t"));
        Assert.Equal(new[] { " x", "   y" }, Indentation.Adapt([" x", "   y"], "\t"));
    }
}
