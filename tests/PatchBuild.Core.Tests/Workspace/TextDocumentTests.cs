using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Workspace;

public sealed class TextDocumentTests
{
    [Theory]
    [InlineData("a\nb\n", "\n", true, 2)]
    [InlineData("a\r\nb\r\n", "\r\n", true, 2)]
    [InlineData("a\rb\r", "\r", true, 2)]
    [InlineData("a\nb", "\n", false, 2)]
    [InlineData("", "\n", false, 0)]
    [InlineData("\n", "\n", true, 1)]
    [InlineData("a\r\nb\nc\r\n", "\r\n", true, 3)]
    public void Parses_lines_and_the_dominant_line_ending(string text, string newline, bool endsWithNewline, int lines)
    {
        var doc = TextDocument.Parse(text);
        Assert.Equal(newline, doc.Newline);
        Assert.Equal(endsWithNewline, doc.EndsWithNewline);
        Assert.Equal(lines, doc.Lines.Count);
    }

    [Theory]
    [InlineData("a\nb\n")]
    [InlineData("a\r\nb\r\n")]
    [InlineData("a\rb")]
    [InlineData("x")]
    [InlineData("\n\n\n")]
    public void Round_trips_uniform_text_exactly(string text) => Assert.Equal(text, TextDocument.Parse(text).ToString());

    [Fact]
    public void Byte_order_mark_survives_a_round_trip()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\n'];
        var (text, bom) = FileEncoding.Decode(bytes);
        Assert.True(bom);
        Assert.Equal("a\n", text);
        Assert.Equal(bytes, FileEncoding.Encode(text, bom));
    }
}
