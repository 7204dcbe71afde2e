using System.Text;
using PatchBuild.Core.Checks;

namespace PatchBuild.Core.Tests.Checks;

public class ConflictMarkerScannerTests
{
    private static int? Scan(string text) => ConflictMarkerScanner.FindConflict(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_complete_conflict_is_found_at_its_opening_marker()
    {
        Assert.Equal(3, Scan("a\nb\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> feature\nc\n"));
    }

    [Fact]
    public void Markers_without_labels_and_with_crlf_count()
    {
        Assert.Equal(2, Scan("a\r\n<<<<<<<\r\nx\r\n=======\r\ny\r\n>>>>>>>\r\n"));
    }

    [Fact]
    public void A_diff3_conflict_is_found()
    {
        Assert.Equal(1, Scan("<<<<<<< ours\na\n||||||| base\nb\n=======\nc\n>>>>>>> theirs"));
    }

    [Theory]
    [InlineData("Title\n=======\n\ntext\n")] // a Markdown setext underline
    [InlineData("<<<<<<< HEAD\nonly an opening marker\n")]
    [InlineData(">>>>>>> a closing marker first\n<<<<<<< then an opening one\n")]
    [InlineData("  <<<<<<< indented\nx\n  >>>>>>> indented\n")]
    [InlineData("<<<<<<<< eight\nx\n>>>>>>>> eight\n")]
    [InlineData("x <<<<<<< mid-line\n>>>>>>>x\n")]
    [InlineData("")]
    public void Things_that_are_not_a_conflict_are_not_reported(string text)
    {
        Assert.Null(Scan(text));
    }

    [Fact]
    public void Binary_content_is_ignored()
    {
        byte[] content = [.. Encoding.UTF8.GetBytes("<<<<<<< a\n"), 0, .. Encoding.UTF8.GetBytes("\n>>>>>>> b\n")];
        Assert.Null(ConflictMarkerScanner.FindConflict(content));
    }

    [Fact]
    public void A_large_file_is_scanned_in_one_pass()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 200_000; i++)
        {
            text.Append("=======\n");
        }

        text.Append("<<<<<<< HEAD\n>>>>>>> b\n");
        Assert.Equal(200_001, Scan(text.ToString()));
    }
}
