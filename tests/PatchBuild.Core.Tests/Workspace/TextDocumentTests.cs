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

    public static TheoryData<string> Shapes() => new()
    {
        "", "x", "\n", "\r", "\r\n", "a\nb", "a\nb\n", "a\r\nb\r\n", "a\rb\r", "a\r\nb\nc\r\n", "a\rb\nc", "\n\r\n\r", "a\r\r\nb", "  x  \n\n",
    };

    // The text is kept whole until Lines is read; whichever way a caller goes, the result must match lines split up front.
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Text_kept_whole_writes_the_same_as_lines_split_up_front(string text)
    {
        var eager = TextDocument.Parse(text);
        _ = eager.Lines;
        foreach (string newline in new[] { "\n", "\r\n", "\r" })
        {
            foreach (bool ends in new[] { false, true })
            {
                var lazy = TextDocument.Parse(text);
                var split = TextDocument.Parse(text);
                _ = split.Lines;
                lazy.Newline = split.Newline = newline;
                lazy.EndsWithNewline = split.EndsWithNewline = ends;
                Assert.Equal(Joined(split), lazy.ToString());
                Assert.Equal(Joined(split), lazy.Clone().ToString());
            }
        }

        // Untouched, a document is its text again, mixed line endings included.
        Assert.Equal(text, TextDocument.Parse(text).ToString());
        Assert.Equal(eager.Lines, TextDocument.Parse(text).Clone().Lines);
    }

    [Fact]
    public void Editing_lines_of_a_clone_leaves_the_original_alone()
    {
        var original = TextDocument.Parse("a\nb\n");
        var clone = original.Clone();
        clone.Lines[0] = "changed";
        Assert.Equal("changed\nb\n", clone.ToString());
        Assert.Equal("a\nb\n", original.ToString());
        Assert.Equal(["a", "b"], original.Lines);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("a\nb\n", false)]
    [InlineData("a\r\nb", true)]
    [InlineData("\u00e9t\u00e9 \U0001F600\n\ud800x\n", false)]
    [InlineData("\ud83d\nlone high surrogate before a line break\r\n", true)]
    public void Encoding_split_lines_gives_the_bytes_of_the_joined_text(string text, bool bom)
    {
        var doc = TextDocument.Parse(text, bom);
        var lazyBytes = doc.Encode();
        doc.Lines.Add("added \u00fc");
        var split = TextDocument.Parse(text, bom);
        _ = split.Lines;
        Assert.Equal(FileEncoding.Encode(text, bom), lazyBytes);
        Assert.Equal(FileEncoding.Encode(doc.ToString(), bom), doc.Encode());
        doc.Lines.Clear();
        Assert.Equal(FileEncoding.Encode(doc.ToString(), bom), doc.Encode());
    }

    private static string Joined(TextDocument doc) =>
        string.Join(doc.Newline, doc.Lines) + (doc.EndsWithNewline && doc.Lines.Count > 0 ? doc.Newline : "");
}
