using PatchBuild.Core.Formats;
using PatchBuild.Core.Model;
using PatchBuild.Core.Prompts;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Formats;

/// <summary>
/// The example inside each dialect's prompt text is a real patch: saved under a neutral name (as an assistant's
/// answer arrives), detected by its content and applied by the engine, it turns the example file into the result
/// the text promises. Dialects join this test as soon as their format is registered in PatchFormats.All.
/// </summary>
public sealed class PromptExampleTests
{
    public static IEnumerable<object[]> RegisteredDialects =>
        DialectPrompts.Dialects.Where(d => PatchFormats.All.Any(f => f.Format == d)).Select(d => new object[] { d });

    [Fact]
    public void Ap_and_diff_examples_are_among_the_tested_ones() =>
        Assert.Subset(RegisteredDialects.Select(d => (PatchFormat)d[0]).ToHashSet(), new HashSet<PatchFormat> { PatchFormat.Ap, PatchFormat.UnifiedDiff });

    [Theory]
    [MemberData(nameof(RegisteredDialects))]
    public async Task The_example_applies_and_gives_the_promised_result(PatchFormat dialect)
    {
        using var folder = new TempFolder();
        folder.Write("Demo.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        folder.Write(DialectPrompts.ExampleFile, DialectPrompts.ExampleBefore);
        string answer = folder.Write("answer.txt", DialectPrompts.ExampleOf(dialect));

        var result = await new PatchEngine(validators: []).ApplyFilesAsync([answer], new ApplyOptions { Root = folder.Path, Strict = true });

        Assert.True(result.Success, $"{dialect}: {result.Error?.Code} {result.Error?.Message}");
        Assert.Equal(DialectPrompts.ExampleAfter, folder.Read(DialectPrompts.ExampleFile));
        Assert.Equal(dialect, PatchFormats.Detect("answer.txt", DialectPrompts.ExampleOf(dialect))?.Format);
    }

    [Theory]
    [MemberData(nameof(RegisteredDialects))]
    public void Every_text_names_its_dialect_and_holds_one_example(PatchFormat dialect)
    {
        string text = DialectPrompts.For(dialect);
        Assert.Equal(1, text.Split("----- example start -----").Length - 1);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.NotEqual(DialectPrompts.ExampleBefore, DialectPrompts.ExampleAfter);
    }
}
