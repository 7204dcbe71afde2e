using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.UnifiedDiff;

/// <summary>
/// A hunk line read from a patch is a place in the patch's text. It must behave as the string it stands for: its
/// text, its equality and its hash are those of its characters, wherever they are kept.
/// </summary>
public class DiffLineTests
{
    [Fact]
    public void A_place_in_a_text_reads_and_compares_as_its_characters()
    {
        const string patch = "@@ -1 +1 @@\n-old line\r\n+new line\n";
        var placed = new DiffLine(DiffLineKind.Removed, patch, 13, 9);
        var owned = new DiffLine(DiffLineKind.Removed, "old line\r");

        Assert.Equal("old line\r", placed.Text);
        Assert.Equal(owned, placed);
        Assert.Equal(owned.GetHashCode(), placed.GetHashCode());
        Assert.True(placed.AsSpan().SequenceEqual("old line\r"));
        Assert.NotEqual(owned with { Kind = DiffLineKind.Added }, placed);
        Assert.NotEqual(new DiffLine(DiffLineKind.Removed, patch, 13, 8), placed);

        var (kind, text) = placed;
        Assert.Equal((DiffLineKind.Removed, "old line\r"), (kind, text));
        Assert.Equal("", default(DiffLine).Text);
        Assert.True(default(DiffLine).AsSpan().IsEmpty);
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(0, 6)]
    [InlineData(5, 1)]
    [InlineData(2, int.MaxValue)]
    public void A_place_outside_its_text_is_refused(int start, int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiffLine(DiffLineKind.Context, "abcde", start, length));
    }

    [Fact]
    public void Hunk_lines_keep_the_CR_and_drop_the_marker()
    {
        var patch = Engine.Parse("--- a/f.txt\r\n+++ b/f.txt\r\n@@ -1,2 +1,2 @@\r\n keep\r\n-old\r\n+new\r\n\n");
        var hunk = Assert.Single(Assert.IsType<HunkModification>(Assert.Single(Assert.Single(patch.Files).Modifications)).Hunks);
        Assert.Equal(
            [new DiffLine(DiffLineKind.Context, "keep\r"), new DiffLine(DiffLineKind.Removed, "old\r"), new DiffLine(DiffLineKind.Added, "new\r")],
            hunk.Lines);
    }
}
