using System.Text;
using PatchBuild.Core.Safety;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>AddedLines must see the same lines whatever the line terminators.</summary>
public sealed class AddedLinesTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Added_lines_and_blocks_do_not_depend_on_line_terminators(string newline)
    {
        string before = string.Join(newline, "a", "b", "c", "d", "");
        string after = string.Join(newline, "a", "x", "y", "c", "d", "z", "");
        var added = AddedLines.Of(Encoding.UTF8.GetBytes(before), Encoding.UTF8.GetBytes(after));

        Assert.Equal([1, 2, 5], added.Indexes);
        Assert.Equal(4, added.BeforeLineCount);
        Assert.Equal(["a", "x", "y", "c", "d", "z"], added.AllLines);
        Assert.Equal([("x\ny", 1, new[] { 0, 2 }), ("z", 5, new[] { 0 })], added.Blocks().Select(b => (b.Text, b.FirstLine, b.LineStarts)));
    }

    [Fact]
    public void Removed_lines_are_the_old_lines_the_new_text_no_longer_holds()
    {
        var added = AddedLines.Of(Encoding.UTF8.GetBytes("a\nb\nc\nd\nb\n"), Encoding.UTF8.GetBytes("a\nc\nb\nx\n"));
        Assert.Equal([3], added.Indexes);
        string[] old = ["a", "b", "c", "d", "b"];
        Assert.Equal(["b", "d"], added.RemovedIndexes.Select(i => old[i]).Order());
    }
}
