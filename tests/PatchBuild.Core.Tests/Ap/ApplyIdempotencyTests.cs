using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Matching;
using static PatchBuild.Core.Tests.Matching.ApTestWorkspace;

namespace PatchBuild.Core.Tests.Ap;

public sealed class ApplyIdempotencyTests : IDisposable
{
    private readonly ApTestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    /// <summary>Applies the patch, then again: the second run succeeds, skips everything and leaves the bytes as they were.</summary>
    private async Task<string> AssertIdempotent(string file, string text, params LocatorModification[] mods)
    {
        _ws.Write(file, text);
        var patch = _ws.Patch(file, mods);
        var first = await _ws.ApplyAsync(patch);
        Assert.True(first.Success, first.Error?.Message);
        Assert.True(first.Files.Single().Applied > 0);
        byte[] after = _ws.Bytes(file);

        var second = await _ws.ApplyAsync(patch);
        Assert.True(second.Success, second.Error?.Message);
        var result = second.Files.Single();
        Assert.Equal(FileStatus.Skipped, result.Status);
        Assert.Equal(mods.Length, result.Skipped);
        Assert.Empty(second.Changes);
        Assert.Equal(after, _ws.Bytes(file));
        return _ws.Read(file);
    }

    [Fact]
    public async Task Replace_twice()
    {
        string text = await AssertIdempotent("a.cs", "int a = 1;\nint b = 2;\n", Replace("int a = 1;", "int a = 10;"));
        Assert.Equal("int a = 10;\nint b = 2;\n", text);
    }

    [Fact]
    public async Task Replace_whose_content_keeps_the_snippet_twice()
    {
        string text = await AssertIdempotent("a.cs", "a();\nz();\n", Replace("a();", "a();\nb();"));
        Assert.Equal("a();\nb();\nz();\n", text);
    }

    [Fact]
    public async Task Replace_whose_content_ends_with_the_snippet_twice()
    {
        string text = await AssertIdempotent("a.cs", "a();\nz();\n", Replace("z();", "y();\nz();"));
        Assert.Equal("a();\ny();\nz();\n", text);
    }

    [Fact]
    public async Task Replace_whose_content_repeats_the_snippet_twice()
    {
        string text = await AssertIdempotent("a.txt", "top\nfoo();\nbottom\n", Replace("foo();", "foo();\nfoo();"));
        Assert.Equal("top\nfoo();\nfoo();\nbottom\n", text);
    }

    [Fact]
    public async Task Replace_of_a_range_twice()
    {
        string text = await AssertIdempotent("a.cs", "void F()\n{\n    old();\n}\nrest\n",
            Replace("void F()", "void F()\n{\n    fresh();\n}") with { SnippetTail = "}" });
        Assert.Equal("void F()\n{\n    fresh();\n}\nrest\n", text);
    }

    [Fact]
    public async Task Replace_with_anchor_twice_checks_content_after_the_anchor()
    {
        string text = await AssertIdempotent("a.cs", "A:\nx = 1\nB:\nx = 1\n", Replace("x = 1", "x = 2") with { Anchor = "B:" });
        Assert.Equal("A:\nx = 1\nB:\nx = 2\n", text);
    }

    [Fact]
    public async Task Replace_with_anchor_is_not_skipped_when_content_exists_only_before_the_anchor()
    {
        _ws.Write("a.txt", "x = 2\nB:\ny = 1\n");
        var result = await _ws.ApplyAsync("a.txt", Replace("x = 1", "x = 2") with { Anchor = "B:" });
        Assert.Equal(ErrorCodes.SnippetNotFound, result.Error!.Code);
    }

    [Fact]
    public async Task Insert_after_twice()
    {
        string text = await AssertIdempotent("a.txt", "a\nb\n", InsertAfter("a", "a1\na2"));
        Assert.Equal("a\na1\na2\nb\n", text);
    }

    [Fact]
    public async Task Insert_before_twice()
    {
        string text = await AssertIdempotent("a.txt", "a\nb\n", InsertBefore("b", "b0"));
        Assert.Equal("a\nb0\nb\n", text);
    }

    [Fact]
    public async Task Insert_at_both_file_boundaries_twice()
    {
        string text = await AssertIdempotent("a.txt", "body\n", InsertAfter("^", "head"), InsertBefore("$", "foot"));
        Assert.Equal("head\nbody\nfoot\n", text);
    }

    [Fact]
    public async Task Delete_twice()
    {
        string text = await AssertIdempotent("a.txt", "a\nb\nc\n", Delete("b"));
        Assert.Equal("a\nc\n", text);
    }

    [Fact]
    public async Task Scope_end_replace_twice()
    {
        string text = await AssertIdempotent("a.cs", "void F()\n{\n    a();\n}\nvoid G() { }\n",
            Replace("void F()", "void F()\n{\n    b();\n}") with { ScopeEnd = true });
        Assert.Equal("void F()\n{\n    b();\n}\nvoid G() { }\n", text);
    }

    [Fact]
    public async Task Mixed_patch_twice_on_crlf_file()
    {
        string text = await AssertIdempotent("a.cs", "class A\r\n{\r\n    int x;\r\n    int old;\r\n}\r\n",
            InsertAfter("int x;", "int y;"),
            Replace("int old;", "int renamed;"),
            InsertBefore("}", "// end"));
        Assert.Equal("class A\r\n{\r\n    int x;\r\n    int y;\r\n    int renamed;\r\n    // end\r\n}\r\n", text);
    }

    [Fact]
    public async Task Insert_whose_snippet_a_later_modification_replaced_is_skipped_on_the_second_run()
    {
        string text = await AssertIdempotent("a.txt", "a\nb\n", InsertAfter("a", "a1"), Replace("a", "A"));
        Assert.Equal("A\na1\nb\n", text);
    }

    [Fact]
    public async Task Moved_declaration_twice()
    {
        string text = await AssertIdempotent("a.cs", "class Foo {\n    int x;\n}\n", InsertAfter("class Foo {", "class Bar {\n}"));
        Assert.Equal("class Foo {\n    int x;\n}\n\nclass Bar {\n}\n", text);
    }

    [Fact]
    public async Task Repeated_locator_inserts_twice()
    {
        string text = await AssertIdempotent("a.txt", "item\nx\nitem\ny\n", InsertAfter("item", "first"), InsertAfter("item", "second"));
        Assert.Equal("item\nfirst\nx\nitem\nsecond\ny\n", text);
    }

    [Fact]
    public async Task Delete_with_blank_line_options_twice()
    {
        string text = await AssertIdempotent("a.txt", "a\n\nb\n\nc\n", Delete("b") with { IncludeLeadingBlankLines = 1 });
        Assert.Equal("a\n\nc\n", text);
    }
}
