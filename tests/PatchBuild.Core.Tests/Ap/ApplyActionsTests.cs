using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Matching;
using static PatchBuild.Core.Tests.Matching.ApTestWorkspace;

namespace PatchBuild.Core.Tests.Ap;

public sealed class ApplyActionsTests : IDisposable
{
    private readonly ApTestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private const string Calculator = "# A simple calculator module\nimport math\n\ndef add(a, b):\n    # Deprecated: use sum() for lists\n    return a + b\n\ndef get_pi():\n    return 3.14\n";

    [Fact]
    public async Task Spec_example_applies_all_three_modifications()
    {
        _ws.Write("src/calculator.py", Calculator);
        var result = await _ws.ApplyAsync("src/calculator.py",
            InsertAfter("import math", "from typing import List"),
            Replace("return a + b", "    # New implementation supports summing a list\n    if isinstance(a, List):\n        return sum(a)\n    return a + b") with { Anchor = "def add(a, b):" },
            Delete("def get_pi():\n    return 3.14") with { IncludeLeadingBlankLines = 1 });

        Assert.Equal(ApplyStatus.Success, result.Status);
        Assert.Equal(
            "# A simple calculator module\nimport math\nfrom typing import List\n\ndef add(a, b):\n    # Deprecated: use sum() for lists\n    # New implementation supports summing a list\n    if isinstance(a, List):\n        return sum(a)\n    return a + b\n",
            _ws.Read("src/calculator.py"));
    }

    [Fact]
    public async Task Replace_matches_after_trimming_and_ignoring_blank_lines()
    {
        _ws.Write("a.cs", "class A\n{\n    int x = 1;\n\n    int y = 2;\n}\n");
        var result = await _ws.ApplyAsync("a.cs", Replace("   int x = 1;   \n\n\n int y = 2;", "int z = 3;"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("class A\n{\n    int z = 3;\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Insert_before_puts_content_above_the_snippet_with_its_indentation()
    {
        _ws.Write("a.cs", "void F()\n{\n    Run();\n}\n");
        var result = await _ws.ApplyAsync("a.cs", InsertBefore("Run();", "Prepare();"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("void F()\n{\n    Prepare();\n    Run();\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Delete_removes_exactly_the_snippet_lines()
    {
        _ws.Write("a.txt", "one\ntwo\nthree\nfour\n");
        var result = await _ws.ApplyAsync("a.txt", Delete("two\nthree"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("one\nfour\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Range_replace_runs_from_snippet_to_first_tail_after_it()
    {
        _ws.Write("a.cs", "int A()\n{\n    return 1;\n}\n\nint B()\n{\n    return 2;\n}\n");
        var result = await _ws.ApplyAsync("a.cs", Replace("int A()", "int A() => 10;") with { SnippetTail = "}" });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("int A() => 10;\n\nint B()\n{\n    return 2;\n}\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Range_delete_with_tail()
    {
        _ws.Write("a.txt", "keep\nbegin\nx\ny\nend\nkeep too\n");
        var result = await _ws.ApplyAsync("a.txt", Delete("begin") with { SnippetTail = "end" });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("keep\nkeep too\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Tail_dollar_runs_to_the_end_of_the_file()
    {
        _ws.Write("a.txt", "keep\ncut here\nx\ny\n");
        var result = await _ws.ApplyAsync("a.txt", Delete("cut here") with { SnippetTail = "$" });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("keep\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Insert_after_caret_writes_at_the_start_of_the_file()
    {
        _ws.Write("a.cs", "namespace N;\n");
        var result = await _ws.ApplyAsync("a.cs", InsertAfter("^", "// header\nusing System;"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("// header\nusing System;\nnamespace N;\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Insert_before_dollar_writes_at_the_end_of_the_file()
    {
        _ws.Write("a.txt", "first\nlast");
        var result = await _ws.ApplyAsync("a.txt", InsertBefore("$", "appended"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("first\nlast\nappended\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Insert_before_caret_and_after_dollar_are_the_file_boundaries_too()
    {
        _ws.Write("a.txt", "middle\n");
        var result = await _ws.ApplyAsync("a.txt", InsertBefore("^", "top"), InsertAfter("$", "bottom"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("top\nmiddle\nbottom\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Modifications_apply_in_order_each_seeing_the_previous_result()
    {
        _ws.Write("a.txt", "a\nb\nc\n");
        var result = await _ws.ApplyAsync("a.txt",
            InsertAfter("a", "a2"),
            InsertBefore("c", "b2"),
            Replace("b", "B"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("a\na2\nB\nb2\nc\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Two_inserts_after_the_same_line_keep_the_later_one_closest()
    {
        _ws.Write("a.txt", "head\ntail\n");
        var result = await _ws.ApplyAsync("a.txt", InsertAfter("head", "one"), InsertAfter("head", "two"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("head\ntwo\none\ntail\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task A_range_may_span_text_an_earlier_modification_wrote()
    {
        _ws.Write("a.txt", "start\nmid\nend\nafter\n");
        var result = await _ws.ApplyAsync("a.txt", InsertAfter("mid", "written"), Replace("start", "all new") with { SnippetTail = "end" });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("all new\nafter\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Include_leading_and_trailing_blank_lines_expand_the_region_up_to_n()
    {
        _ws.Write("a.txt", "a\n\n\n\nb\n\n\nc\n");
        var result = await _ws.ApplyAsync("a.txt", Delete("b") with { IncludeLeadingBlankLines = 2, IncludeTrailingBlankLines = 5 });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("a\n\nc\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Blank_line_option_stops_at_the_first_non_blank_line()
    {
        _ws.Write("a.txt", "a\nb\n\nc\n");
        var result = await _ws.ApplyAsync("a.txt", Delete("b") with { IncludeLeadingBlankLines = 3, IncludeTrailingBlankLines = 3 });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("a\nc\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task A_file_without_final_newline_gets_one_when_rewritten()
    {
        _ws.Write("a.txt", "a\nb");
        var result = await _ws.ApplyAsync("a.txt", Replace("a", "A"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("A\nb\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Crlf_file_stays_crlf()
    {
        _ws.Write("a.cs", "class A\r\n{\r\n    int x;\r\n}\r\n");
        var result = await _ws.ApplyAsync("a.cs", InsertAfter("int x;", "int y;\nint z;"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("class A\r\n{\r\n    int x;\r\n    int y;\r\n    int z;\r\n}\r\n", _ws.Read("a.cs"));
    }

    [Fact]
    public async Task Cr_file_stays_cr()
    {
        _ws.Write("a.txt", "one\rtwo\rthree\r");
        var result = await _ws.ApplyAsync("a.txt", Replace("two", "2\r\n2b"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("one\r2\r2b\rthree\r", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Utf8_bom_is_kept()
    {
        string full = Path.Combine(_ws.Root, "a.txt");
        File.WriteAllBytes(full, [0xEF, 0xBB, 0xBF, .. "x\ny\n"u8.ToArray()]);
        var result = await _ws.ApplyAsync("a.txt", Replace("y", "z"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'x', 10, (byte)'z', 10 }, _ws.Bytes("a.txt"));
    }

    [Fact]
    public async Task Failure_in_second_file_leaves_first_file_untouched_on_disk()
    {
        _ws.Write("one.txt", "alpha\n");
        _ws.Write("two.txt", "beta\n");
        var patch = _ws.Patch(("one.txt", [Replace("alpha", "ALPHA")]), ("two.txt", [Replace("gamma", "GAMMA")]));
        var result = await _ws.ApplyAsync(patch);
        Assert.Equal(ApplyStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.SnippetNotFound, result.Error!.Code);
        Assert.Equal("two.txt", result.Error.File);
        Assert.Equal("alpha\n", _ws.Read("one.txt"));
        Assert.Equal("beta\n", _ws.Read("two.txt"));
    }

    [Fact]
    public async Task Dry_run_reports_the_diff_and_writes_nothing()
    {
        _ws.Write("a.txt", "a\nb\n");
        var result = await _ws.ApplyAsync(_ws.Patch("a.txt", Replace("b", "B")), new ApplyOptions { DryRun = true });
        Assert.True(result.Success, result.Error?.Message);
        Assert.Contains("-b\n+B\n", result.Diff);
        Assert.Equal("a\nb\n", _ws.Read("a.txt"));
    }

    [Fact]
    public async Task Insert_into_an_empty_file()
    {
        _ws.Write("empty.txt", "");
        var result = await _ws.ApplyAsync("empty.txt", InsertAfter("^", "first line"));
        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal("first line\n", _ws.Read("empty.txt"));
    }

    [Fact]
    public async Task Many_modifications_on_a_large_file_land_where_they_should()
    {
        var lines = Enumerable.Range(0, 20_000).Select(i => i % 10 == 0 ? "}" : $"    call_{i}();").ToList();
        _ws.Write("big.cs", string.Join("\n", lines) + "\n");
        var mods = Enumerable.Range(0, 200).Select(k => k % 2 == 0
            ? Replace($"call_{k * 100 + 5}();", $"done_{k}();")
            : InsertAfter($"call_{k * 100 + 5}();\ncall_{k * 100 + 6}();", $"added_{k}();")).ToArray();
        var result = await _ws.ApplyAsync("big.cs", mods);
        Assert.True(result.Success, result.Error?.Message);
        var expected = new List<string>();
        for (int i = 0; i < lines.Count; i++)
        {
            int k = (i - 5) / 100;
            bool target = i % 100 == 5;
            expected.Add(target && k % 2 == 0 ? $"    done_{k}();" : lines[i]);
            if (i % 100 == 6 && (i - 6) / 100 % 2 == 1)
            {
                expected.Add($"    added_{(i - 6) / 100}();");
            }
        }

        Assert.Equal(string.Join("\n", expected) + "\n", _ws.Read("big.cs"));
    }
}
