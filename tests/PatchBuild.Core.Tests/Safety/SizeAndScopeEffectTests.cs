using System.Text;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Matching;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>PB1008 and PB1010 judge what a change does, not how the patch is shaped.</summary>
public sealed class SizeAndScopeEffectTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Pb1008_a_two_megabyte_single_line_file_is_a_large_change()
    {
        string oneLine = new StringBuilder().Append('x', 2 * 1024 * 1024).Append('\n').ToString();
        var error = SafetyAssert.Blocked(await _tree.ApplyAsync(TempTree.Create("data/blob.txt", oneLine)), "PB1008");
        Assert.Contains("changed lines", error.Message, StringComparison.Ordinal);
        Assert.False(_tree.Exists("data/blob.txt"));
    }

    [Fact]
    public async Task Pb1008_deleting_a_two_megabyte_single_line_file_is_a_large_change()
    {
        _tree.Write("data/blob.txt", new string('x', 2 * 1024 * 1024) + "\n");
        SafetyAssert.Blocked(await _tree.ApplyAsync(TempTree.Delete("data/blob.txt")), "PB1008");
        Assert.True(_tree.Exists("data/blob.txt"));
    }

    [Fact]
    public async Task Pb1008_ordinary_long_lines_stay_within_the_limit()
    {
        string lines = string.Concat(Enumerable.Range(0, 100).Select(i => new string('y', 150) + i + "\n"));
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("data/table.txt", lines)));
    }

    private const string Service = "class Service\n{\n    int A() => 1;\n    int B() => 2;\n    int C() => 3;\n    int D() => 4;\n}\n";

    [Fact]
    public async Task Pb1010_a_replace_from_the_first_to_the_last_line_is_a_recreate()
    {
        using var ap = new ApTestWorkspace();
        ap.Write("src/Service.cs", Service);
        var result = await ap.ApplyAsync("src/Service.cs", ApTestWorkspace.Replace(Service.TrimEnd('\n'), "class Other\n{\n    int X() => 9;\n}"));
        SafetyAssert.Passed(result);
        Assert.Equal("class Other\n{\n    int X() => 9;\n}\n", ap.Read("src/Service.cs"));
        Assert.Contains(result.Warnings, w => w.Code == "PB1010" && w.Message.Contains("recreates", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pb1010_a_replace_of_one_method_is_an_edit()
    {
        using var ap = new ApTestWorkspace();
        ap.Write("src/Service.cs", Service);
        var result = await ap.ApplyAsync("src/Service.cs", ApTestWorkspace.Replace("int B() => 2;", "int B() => 20;"));
        SafetyAssert.Passed(result);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "PB1010");
    }

    [Fact]
    public async Task Pb1010_a_recreate_that_keeps_most_lines_is_an_edit()
    {
        _tree.Write("src/Service.cs", Service);
        var result = await _tree.ApplyAsync(TempTree.Recreate("src/Service.cs", Service.Replace("=> 4;", "=> 5;", StringComparison.Ordinal)));
        SafetyAssert.Passed(result);
        Assert.DoesNotContain(result.Warnings, w => w.Code == "PB1010");
    }
}
