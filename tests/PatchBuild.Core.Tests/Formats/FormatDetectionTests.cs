using PatchBuild.Core.Formats;
using PatchBuild.Core.Formats.Ap;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Formats;

/// <summary>Issue 12 §4: the dialect comes from the content first, the file name second, and --format overrides both.</summary>
public sealed class FormatDetectionTests
{
    private const string Ap = "3f9c0a7e AP 3.2\n\n3f9c0a7e FILE\na.txt\n\n3f9c0a7e REPLACE\n3f9c0a7e snippet\nold\n3f9c0a7e content\nnew\n";
    private const string Diff = "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-old\n+new\n";
    private const string PatchJson = "{\"patches\":[{\"file_path\":\"a.txt\",\"diff\":\"@@ -1 +1 @@\\n-old\\n+new\\n\"}]}";

    [Theory]
    [InlineData(Ap, "answer.txt", PatchFormat.Ap)]
    [InlineData(Ap, "fix.patch", PatchFormat.Ap)]
    [InlineData(Diff, "answer.md", PatchFormat.UnifiedDiff)]
    [InlineData(Diff, "afix.ap", PatchFormat.UnifiedDiff)]
    [InlineData(PatchJson, "changes.txt", PatchFormat.PatchJson)]
    [InlineData(PatchJson, null, PatchFormat.PatchJson)]
    [InlineData(Diff, null, PatchFormat.UnifiedDiff)]
    public void Content_decides_before_the_name(string text, string? name, PatchFormat expected) =>
        Assert.Equal(expected, PatchFormats.Detect(name, text)?.Format);

    [Theory]
    [InlineData("afix1.ap", PatchFormat.Ap)]
    [InlineData("fix.diff", PatchFormat.UnifiedDiff)]
    [InlineData("patch.json", PatchFormat.PatchJson)]
    public void Without_content_marks_the_extension_decides(string name, PatchFormat expected) =>
        Assert.Equal(expected, PatchFormats.Detect(name, "just words\n")?.Format);

    [Fact]
    public void Text_no_dialect_claims_is_refused_with_the_dialects_and_its_first_lines()
    {
        var error = Assert.Throws<PatchException>(() => new PatchEngine().Parse("\nSure! I changed the greeting.\nIt now says hello.\nHope this helps.\nmore\n", "answer.txt")).Error;

        Assert.Equal(ErrorCodes.InvalidPatchFile, error.Code);
        Assert.Contains("| Sure! I changed the greeting.", error.Message, StringComparison.Ordinal);
        Assert.Contains("| Hope this helps.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("more", error.Message, StringComparison.Ordinal);
        foreach (var format in PatchFormats.All)
        {
            Assert.Contains($"\n  {PatchFormatNames.NameOf(format.Format)}: ", error.Message, StringComparison.Ordinal);
        }

        Assert.Contains("--format", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forced_format_overrides_detection()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", "old\n");
        // A diff named .ap is a diff by content; forced to ap, the ap parser reads it (and finds no ap directives).
        string patch = folder.Write("x.ap", Diff);
        var engine = new PatchEngine(validators: []);

        var forced = await engine.ApplyFilesAsync([patch], new ApplyOptions { Root = folder.Path, Format = PatchFormat.Ap, Strict = true });
        Assert.False(forced.Success);
        Assert.Equal("old\n", folder.Read("a.txt"));

        var detected = await engine.ApplyFilesAsync([patch], new ApplyOptions { Root = folder.Path });
        Assert.True(detected.Success, detected.Error?.Message);
        Assert.Equal("new\n", folder.Read("a.txt"));
    }

    [Fact]
    public void A_forced_format_the_engine_does_not_hold_is_refused_with_the_ones_it_does()
    {
        var error = Assert.Throws<PatchException>(() =>
            PatchFormats.Parse(Diff, "x.patch", new ParseOptions { Format = PatchFormat.UnifiedDiff }, [new ApFormat()])).Error;
        Assert.Equal(ErrorCodes.Unsupported, error.Code);
        Assert.Contains("diff", error.Message, StringComparison.Ordinal);
        Assert.Contains("ap", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ap", PatchFormat.Ap)]
    [InlineData("CODEX", PatchFormat.Codex)]
    [InlineData("aider", PatchFormat.Aider)]
    [InlineData("diff", PatchFormat.UnifiedDiff)]
    [InlineData("patch-json", PatchFormat.PatchJson)]
    public void Format_names_parse(string name, PatchFormat expected)
    {
        Assert.True(PatchFormatNames.TryParse(name, out var format));
        Assert.Equal(expected, format);
        Assert.Equal(name.ToLowerInvariant(), PatchFormatNames.NameOf(format));
    }

    [Fact]
    public void Unknown_format_names_do_not_parse() => Assert.False(PatchFormatNames.TryParse("git", out _));
}
