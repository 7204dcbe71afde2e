using PatchBuild.Core.Matching;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Matching;
using static PatchBuild.Core.Tests.Matching.ApTestWorkspace;

namespace PatchBuild.Core.Tests.Ap;

public sealed class ApplyErrorTests : IDisposable
{
    private readonly ApTestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private const string Service = "public class Service\n{\n    public int Count(string name)\n    {\n        return name.Length;\n    }\n\n    public void Reset()\n    {\n        _total = 0;\n    }\n}\n";

    [Fact]
    public async Task Snippet_not_found_lists_the_closest_near_matches()
    {
        _ws.Write("s.cs", Service);
        var patch = _ws.Patch("s.cs", Replace("public int Count(string value)", "x") with { SnippetLine = 12 });
        var result = await _ws.ApplyAsync(patch);
        var error = result.Error!;
        Assert.Equal(ErrorCodes.SnippetNotFound, error.Code);
        Assert.Equal(12, error.Line);
        Assert.Equal("s.cs", error.File);
        Assert.Equal(1, error.Modification);
        var near = Assert.IsAssignableFrom<IReadOnlyList<NearMatch>>(error.Context["nearMatches"]);
        Assert.InRange(near.Count, 1, 3);
        Assert.Equal(3, near[0].Line);
        Assert.Equal("public int Count(string name)", near[0].Text);
        Assert.InRange(near[0].Similarity, 0.6, 0.99);
        Assert.Contains("line 3", error.Hint);
        Assert.Equal(Service, _ws.Read("s.cs"));
    }

    [Fact]
    public async Task Snippet_that_is_a_fragment_of_a_line_says_locators_are_whole_lines()
    {
        _ws.Write("s.cs", Service);
        var result = await _ws.ApplyAsync("s.cs", Replace("name.Length", "name.Length * 2"));
        var error = result.Error!;
        Assert.Equal(ErrorCodes.SnippetNotFound, error.Code);
        Assert.Contains("fragment of line 5", error.Message);
        Assert.Contains("locators are whole lines", error.Message);
        Assert.Equal(5, error.Context["fragmentOfLine"]);
        Assert.Contains("return name.Length;", error.Hint);
    }

    [Fact]
    public async Task Snippet_with_no_similar_text_has_no_near_matches()
    {
        _ws.Write("s.cs", Service);
        var result = await _ws.ApplyAsync("s.cs", Replace("zzqx wvvy", "x"));
        Assert.Equal(ErrorCodes.SnippetNotFound, result.Error!.Code);
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<NearMatch>>(result.Error.Context["nearMatches"]));
    }

    [Fact]
    public async Task Ambiguous_match_lists_every_candidate_line()
    {
        _ws.Write("a.txt", "x\nsame\ny\nsame\nz\nsame\n");
        var result = await _ws.ApplyAsync("a.txt", InsertAfter("same", "new"));
        Assert.Equal(ErrorCodes.AmbiguousMatch, result.Error!.Code);
        Assert.Equal(new[] { 2, 4, 6 }, Assert.IsAssignableFrom<IEnumerable<int>>(result.Error.Context["candidates"]));
        Assert.Contains("lines 2, 4, 6", result.Error.Message);
        Assert.Contains("anchor", result.Error.Hint);
    }

    [Fact]
    public async Task Empty_replace_is_refused()
    {
        _ws.Write("a.txt", "a\n");
        var result = await _ws.ApplyAsync("a.txt", Replace("a", "\n  \n"));
        Assert.Equal(ErrorCodes.EmptyReplace, result.Error!.Code);
        Assert.Contains("DELETE", result.Error.Hint);
    }

    [Theory]
    [InlineData("replace-caret")]
    [InlineData("delete-dollar")]
    [InlineData("insert-tail")]
    [InlineData("tail-and-scope")]
    [InlineData("no-snippet")]
    [InlineData("empty-insert")]
    [InlineData("caret-with-anchor")]
    [InlineData("negative-blank-lines")]
    public async Task Impossible_combinations_are_invalid_modifications(string kind)
    {
        _ws.Write("a.txt", "a\nb\n");
        var mod = kind switch
        {
            "replace-caret" => Replace("^", "x"),
            "delete-dollar" => Delete("$"),
            "insert-tail" => InsertAfter("a", "x") with { SnippetTail = "b" },
            "tail-and-scope" => Delete("a") with { SnippetTail = "b", ScopeEnd = true },
            "no-snippet" => Replace("  \n", "x"),
            "empty-insert" => InsertBefore("a", ""),
            "caret-with-anchor" => InsertAfter("^", "x") with { Anchor = "a" },
            _ => Delete("a") with { IncludeLeadingBlankLines = -1 },
        };
        var result = await _ws.ApplyAsync("a.txt", mod);
        Assert.Equal(ErrorCodes.InvalidModification, result.Error!.Code);
        Assert.NotNull(result.Error.Hint);
        Assert.Equal("a\nb\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Delete_with_content_is_forgiven_with_a_warning_but_refused_in_strict_mode()
    {
        _ws.Write("a.txt", "a\nb\n");
        var strict = await _ws.ApplyAsync(_ws.Patch("a.txt", Delete("a") with { Content = "x" }), new ApplyOptions { Strict = true });
        Assert.Equal(ErrorCodes.InvalidModification, strict.Error!.Code);

        var lenient = await _ws.ApplyAsync("a.txt", Delete("a") with { Content = "x" });
        Assert.True(lenient.Success, lenient.Error?.Message);
        Assert.Contains(lenient.Warnings, w => w.Code == "CONTENT_IGNORED");
        Assert.Equal("b\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Bracket_balance_change_is_a_warning_naming_the_change()
    {
        _ws.Write("a.js", "void F()\n{\n    if (x)\n    {\n        y();\n    }\n}\n");
        var result = await _ws.ApplyAsync("a.js", Delete("}") with { Anchor = "y();" });
        Assert.True(result.Success, result.Error?.Message);
        var warning = Assert.Single(result.Warnings, w => w.Code == "BRACKET_BALANCE");
        Assert.Contains("off by +1", warning.Message);
        Assert.Equal("a.js", warning.File);
    }

    [Fact]
    public async Task Bracket_balance_warning_reports_negative_change_and_ignores_strings_and_comments()
    {
        _ws.Write("a.js", "void F()\n{\n    x();\n}\n");
        var result = await _ws.ApplyAsync("a.js", Replace("x();", "x(); }\nvar s = \"{ ( [\"; // {{{"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains("off by -1", Assert.Single(result.Warnings, w => w.Code == "BRACKET_BALANCE").Message);
    }

    [Fact]
    public async Task Balanced_patch_has_no_bracket_warning()
    {
        _ws.Write("a.cs", "void F()\n{\n    x();\n}\n");
        var result = await _ws.ApplyAsync("a.cs", Replace("x();", "if (a) { b(); }"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "BRACKET_BALANCE");
    }

    [Fact]
    public async Task Missing_target_file_fails_without_touching_anything()
    {
        var result = await _ws.ApplyAsync("nope.txt", Replace("a", "b"));
        Assert.Equal(ErrorCodes.FileNotFound, result.Error!.Code);
    }
}
