using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Matching;
using static PatchBuild.Core.Tests.Matching.ApTestWorkspace;

namespace PatchBuild.Core.Tests.Ap;

public sealed class ApplyHeuristicTests : IDisposable
{
    private readonly ApTestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task File_line_with_bullet_decoration_matches_with_a_warning()
    {
        _ws.Write("notes.md", "# Steps\n- run the build\n- ship it\n");
        var result = await _ws.ApplyAsync("notes.md", InsertAfter("run the build", "- run the tests"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "DECORATED_LOCATOR");
        Assert.Equal("# Steps\n- run the build\n- run the tests\n- ship it\n", _ws.Read("notes.md"));
    }

    [Fact]
    public async Task Locator_with_list_number_matches_undecorated_file_line()
    {
        _ws.Write("a.py", "x = 1\ny = 2\n");
        var result = await _ws.ApplyAsync("a.py", Replace("1. y = 2", "y = 3"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "DECORATED_LOCATOR");
        Assert.Equal("x = 1\ny = 3\n", _ws.Read("a.py"));
    }

    [Fact]
    public async Task Commented_out_line_matches_only_on_the_first_line_and_exactly_after()
    {
        _ws.Write("a.cs", "// old();\nnext();\n");
        var result = await _ws.ApplyAsync("a.cs", Delete("old();\nnext();"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("", _ws.Read("a.cs").Trim());
    }

    [Fact]
    public async Task Decoration_is_never_meaningful_code()
    {
        _ws.Write("a.py", "class A:\n    def f(self):\n        self.count = 0\n");
        var result = await _ws.ApplyAsync("a.py", Replace("count = 0", "count = 1"));
        Assert.Equal(ErrorCodes.SnippetNotFound, result.Error!.Code);
        Assert.Contains("fragment of line 3", result.Error.Message);
    }

    [Fact]
    public async Task Exact_match_wins_over_decorated_one()
    {
        _ws.Write("a.txt", "- item\nitem\n");
        var result = await _ws.ApplyAsync("a.txt", Replace("item", "thing"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "DECORATED_LOCATOR");
        Assert.Equal("- item\nthing\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Strict_mode_refuses_decorated_matches()
    {
        _ws.Write("notes.md", "- run the build\n");
        var result = await _ws.ApplyAsync(_ws.Patch("notes.md", Replace("run the build", "x")), new ApplyOptions { Strict = true });
        Assert.Equal(ErrorCodes.SnippetNotFound, result.Error!.Code);
        Assert.Contains("decoration", result.Error.Message);
        Assert.Equal(1, result.Error.Context["decoratedMatchLine"]);
        Assert.Equal("- run the build\n", _ws.Read("notes.md"));
    }

    [Fact]
    public async Task Top_level_declaration_inserted_after_a_class_header_moves_past_the_class()
    {
        _ws.Write("a.cs", "namespace N\n{\n    class Foo {\n        int x;\n    }\n}\n");
        var result = await _ws.ApplyAsync("a.cs", InsertAfter("class Foo {", "class Bar {\n}"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "DECLARATION_MOVED");
        Assert.Equal("namespace N\n{\n    class Foo {\n        int x;\n    }\n\n    class Bar {\n    }\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Top_level_def_inserted_after_a_python_def_header_moves_past_its_body()
    {
        _ws.Write("m.py", "def f():\n    return 1\n\nprint(f())\n");
        var result = await _ws.ApplyAsync("m.py", InsertAfter("def f():", "def g():\n    return 2"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "DECLARATION_MOVED");
        Assert.Equal("def f():\n    return 1\n\ndef g():\n    return 2\n\nprint(f())\n", _ws.Read("m.py"));
    }

    [Fact]
    public async Task Indented_content_after_a_header_stays_inside()
    {
        _ws.Write("m.py", "def f():\n    return 1\n");
        var result = await _ws.ApplyAsync("m.py", InsertAfter("def f():", "    def inner():\n        pass"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "DECLARATION_MOVED");
        Assert.Equal("def f():\n    def inner():\n        pass\n    return 1\n", _ws.Read("m.py"));
    }

    [Fact]
    public async Task Strict_mode_refuses_to_move_a_declaration()
    {
        _ws.Write("a.cs", "class Foo {\n    int x;\n}\n");
        var result = await _ws.ApplyAsync(_ws.Patch("a.cs", InsertAfter("class Foo {", "class Bar { }")), new ApplyOptions { Strict = true });
        Assert.Equal(ErrorCodes.NestingMismatch, result.Error!.Code);
        Assert.Contains("top-level declaration", result.Error.Message);
    }

    [Fact]
    public async Task Top_level_class_inserted_before_a_member_moves_before_the_class_and_its_attributes()
    {
        _ws.Write("a.cs", "using System;\n\n/// <summary>A.</summary>\n[Serializable]\nclass A {\n    int x;\n}\n");
        var result = await _ws.ApplyAsync("a.cs", InsertBefore("int x;", "class B {\n    int y;\n}"));
        Assert.True(result.Success, result.Error?.Message);
        var warning = Assert.Single(result.Warnings, w => w.Code == "DECLARATION_MOVED");
        Assert.Contains("before the start of that block (line 3)", warning.Message);
        Assert.Equal("using System;\n\nclass B {\n    int y;\n}\n\n/// <summary>A.</summary>\n[Serializable]\nclass A {\n    int x;\n}\n", _ws.Read("a.cs"));

        var again = await _ws.ApplyAsync("a.cs", InsertBefore("int x;", "class B {\n    int y;\n}"));
        Assert.True(again.Success, again.Error?.Message);
        Assert.Equal("using System;\n\nclass B {\n    int y;\n}\n\n/// <summary>A.</summary>\n[Serializable]\nclass A {\n    int x;\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Static_class_inserted_before_a_member_of_a_class_in_a_namespace_stays_in_the_namespace()
    {
        _ws.Write("a.cs", "namespace N\n{\n    class A\n    {\n        void M()\n        {\n        }\n\n        int x;\n    }\n}\n");
        var result = await _ws.ApplyAsync("a.cs", InsertBefore("int x;", "public static class X {\n    public static int Y => 1;\n}"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "DECLARATION_MOVED");
        Assert.Equal(
            "namespace N\n{\n    public static class X {\n        public static int Y => 1;\n    }\n\n    class A\n    {\n        void M()\n        {\n        }\n\n        int x;\n    }\n}\n",
            _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Class_inserted_before_a_statement_in_a_method_moves_before_the_outermost_class_inside_the_namespace()
    {
        _ws.Write("a.cs", "namespace N\n{\n    class A\n    {\n        void M()\n        {\n            int x = 1;\n        }\n    }\n}\n");
        var result = await _ws.ApplyAsync("a.cs", InsertBefore("int x = 1;", "class B {\n}"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "DECLARATION_MOVED");
        Assert.Equal(
            "namespace N\n{\n    class B {\n    }\n\n    class A\n    {\n        void M()\n        {\n            int x = 1;\n        }\n    }\n}\n",
            _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Declaration_inserted_before_a_line_directly_in_a_namespace_stays()
    {
        _ws.Write("a.cs", "namespace N\n{\n    class A {\n    }\n}\n");
        var result = await _ws.ApplyAsync("a.cs", InsertBefore("class A {", "class B {\n}"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "DECLARATION_MOVED");
        Assert.Equal("namespace N\n{\n    class B {\n    }\n    class A {\n    }\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Top_level_def_inserted_before_a_python_body_line_moves_before_the_def_and_its_decorator()
    {
        _ws.Write("m.py", "import os\n\n@cache\ndef f():\n    x = 1\n    return x\n");
        var result = await _ws.ApplyAsync("m.py", InsertBefore("return x", "def g():\n    return 2"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "DECLARATION_MOVED");
        Assert.Equal("import os\n\ndef g():\n    return 2\n\n@cache\ndef f():\n    x = 1\n    return x\n", _ws.Read("m.py"));
    }

    [Fact]
    public async Task Strict_mode_refuses_to_move_a_declaration_inserted_before_a_member()
    {
        const string original = "class A {\n    int x;\n}\n";
        _ws.Write("a.cs", original);
        var result = await _ws.ApplyAsync(_ws.Patch("a.cs", InsertBefore("int x;", "class B { }")), new ApplyOptions { Strict = true });
        Assert.Equal(ErrorCodes.NestingMismatch, result.Error!.Code);
        Assert.Contains("INSERT_BEFORE would put the top-level declaration 'class B { }' inside the block opened at line 1", result.Error.Message);
        Assert.Equal(original, _ws.Read("a.cs"));
    }

    [Theory]
    [InlineData("Log(x);", "class A {\n    void M() {\n        Log(x);\n        int x;\n    }\n}\n")]
    [InlineData("if (x > 0) {\n    x = 0;\n}", "class A {\n    void M() {\n        if (x > 0) {\n            x = 0;\n        }\n        int x;\n    }\n}\n")]
    [InlineData("Action a = () => {\n    Run();\n};", "class A {\n    void M() {\n        Action a = () => {\n            Run();\n        };\n        int x;\n    }\n}\n")]
    public async Task Content_that_is_no_column_0_block_declaration_stays_where_inserted_before(string content, string expected)
    {
        _ws.Write("a.cs", "class A {\n    void M() {\n        int x;\n    }\n}\n");
        var result = await _ws.ApplyAsync("a.cs", InsertBefore("int x;", content));
        Assert.True(result.Success, result.Error?.Message);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "DECLARATION_MOVED");
        Assert.Equal(expected, _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Indented_declaration_inserted_before_a_member_stays_inside()
    {
        _ws.Write("a.cs", "class A {\n    int x;\n}\n");
        var result = await _ws.ApplyAsync("a.cs", InsertBefore("int x;", "    class Inner {\n    }"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "DECLARATION_MOVED");
        Assert.Equal("class A {\n    class Inner {\n    }\n    int x;\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Declaration_inserted_before_a_top_level_line_or_a_closing_brace_stays()
    {
        _ws.Write("a.cs", "class A {\n    int x;\n}\n\nclass C {\n}\n");
        var result = await _ws.ApplyAsync(_ws.Patch("a.cs", InsertBefore("class C {", "class B {\n}")), new ApplyOptions { Strict = true });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("class A {\n    int x;\n}\n\nclass B {\n}\nclass C {\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Tail_repeating_the_end_of_the_snippet_is_corrected_leniently()
    {
        _ws.Write("a.txt", "a\nb\nc\nd\n");
        var result = await _ws.ApplyAsync("a.txt", Delete("b\nc") with { SnippetTail = "c" });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains(result.Warnings, w => w.Code == "RANGE_CORRECTED");
        Assert.Equal("a\nd\n", _ws.Read("a.txt"));

        _ws.Write("a.txt", "a\nb\nc\nd\n");
        var strict = await _ws.ApplyAsync(_ws.Patch("a.txt", Delete("b\nc") with { SnippetTail = "c" }), new ApplyOptions { Strict = true });
        Assert.Equal(ErrorCodes.SnippetTailNotFound, strict.Error!.Code);
    }
}
