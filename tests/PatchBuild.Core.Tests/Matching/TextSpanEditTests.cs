using FsCheck;
using FsCheck.Fluent;
using PatchBuild.Core.Matching;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Matching;

/// <summary>
/// The ap applier edits a file that was parsed whole through spans of its text and writes the result straight to
/// bytes (<see cref="LineEditBuffer.TryEncode"/>, <see cref="TextDocument.FromOwnBytes"/>). The reference is the way
/// it did so before: one string per line, the edited list materialised, a document built from that list. Both must
/// give the same lines, the same text and the same bytes, also after the planner changes the document afterwards
/// (a newline mode, no final newline, a byte order mark taken away).
/// </summary>
public sealed class TextSpanEditTests
{
    // By index: the test runner would pass the lone surrogates of escaped bytes on as U+FFFD.
    private static readonly string[] TextCases =
    [
        "a\nb\n\nc\n",
        "a\r\nb\r\n\r\nc\r\n",
        "a\rb\r\rc\r",
        "a\nb",
        "only",
        "",
        "\n\n\n",
        "caf\uDCE9\n\uDCFF\uDC80\nend\n",
        "a\0b\n\u0001\n",
        "\U0001F600 smile\nx\n",
    ];

    public static TheoryData<string, int> Texts => new()
    {
        { "LF", 0 },
        { "CRLF", 1 },
        { "CR", 2 },
        { "no final newline", 3 },
        { "one line, no newline", 4 },
        { "empty", 5 },
        { "blank lines only", 6 },
        { "escaped bytes (Latin-1 file)", 7 },
        { "NUL and controls", 8 },
        { "non-BMP text", 9 },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Spans_of_a_whole_text_are_the_lines_a_split_gives(string why, int which)
    {
        string text = TextCases[which];
        var document = TextDocument.Parse(text);
        var spans = SourceLines.Of(document);
        var split = TextDocument.Parse(text).Lines;

        Assert.True(spans.IsText, why);
        Assert.Equal(split.Count, spans.Count);
        for (int i = 0; i < split.Count; i++)
        {
            Assert.Equal(split[i], spans.Span(i).ToString());
            Assert.Equal(split[i], spans[i]);
            Assert.Same(spans[i], spans[i]);
        }
    }

    [Fact]
    public void A_split_document_is_read_from_a_copy_of_its_strings()
    {
        var document = TextDocument.Parse("a\nb\n");
        var lines = document.Lines;
        var source = SourceLines.Of(document);
        lines[0] = "changed";

        Assert.False(source.IsText);
        Assert.Equal("a", source[0]);
    }

    [Fact]
    public void A_line_count_that_does_not_fit_the_text_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => SourceLines.OfText("a\nb\n", 1));
        Assert.Throws<InvalidOperationException>(() => SourceLines.OfText("a\nb\n", 3));
    }

    // By index: the test runner would pass a lone surrogate in theory data on as U+FFFD.
    private static readonly string[] RefusedWritten = ["x\ny", "x\ry", "caf\uDCE9", "\uD800", "\U0001F600"];

    public static TheoryData<string, int> RefusedWrittenLines => new()
    {
        { "a line feed inside a written line", 0 },
        { "a carriage return inside a written line", 1 },
        { "an escaped byte", 2 },
        { "a lone surrogate", 3 },
        { "a surrogate pair", 4 },
    };

    [Theory]
    [MemberData(nameof(RefusedWrittenLines))]
    public void Written_text_that_could_read_back_otherwise_is_left_to_the_list_of_lines(string why, int which)
    {
        string written = RefusedWritten[which];
        var buffer = new LineEditBuffer(SourceLines.Of(TextDocument.Parse("a\nb\nc\n")));
        buffer.Replace(1, 1, new WrittenBlock([written], 1), 1);

        Assert.Null(buffer.TryEncode(FileEncoding.Utf8, "\n", out _));
        Assert.Equal(["a", written, "c"], buffer.Materialize());
        _ = why;
    }

    [Fact]
    public void A_split_document_is_never_written_from_spans()
    {
        var document = TextDocument.Parse("a\r\nb\nc\n");
        var buffer = new LineEditBuffer(SourceLines.Of(document));
        buffer.Replace(0, 0, new WrittenBlock(["z"], 1), 1);

        Assert.Null(buffer.TryEncode(FileEncoding.Utf8, "\n", out _));
    }

    public sealed record Scenario(string Text, bool Bom, List<(int Kind, int Line, int Span, string[] Written)> Edits, int After)
    {
        public override string ToString() =>
            $"{(Bom ? "BOM " : "")}{Text.Replace("\r", "\\r").Replace("\n", "\\n")} | " +
            string.Join("; ", Edits.Select(e => $"{e.Kind}@{e.Line}+{e.Span}: [{string.Join(",", e.Written)}]")) + $" | then {After}";
    }

    private static readonly string[] Pieces = ["x", "y;", " ", "\t", "{", "}", "caf\u00e9", "\u2713", "caf\uDCE9", "", "\0"];

    private static readonly Gen<Scenario> Scenarios =
        from lineCount in Gen.Choose(0, 30)
        from pieces in Gen.ArrayOf(Gen.Choose(0, Pieces.Length - 1), lineCount)
        from newline in Gen.Elements("\n", "\r\n", "\r")
        from finalNewline in Gen.Elements(true, false)
        from bom in Gen.Elements(true, false)
        from edits in Gen.ListOf(
            from kind in Gen.Choose(0, 2)
            from line in Gen.Choose(0, 40)
            from span in Gen.Choose(0, 3)
            from written in Gen.ArrayOf(Gen.Elements("w1", "  w2;", "", "caf\u00e9()", "}"), 2)
            select (kind, line, span, written))
        from after in Gen.Choose(0, 4)
        select new Scenario(TextOf(pieces, newline, finalNewline), bom, [.. edits.Take(6)], after);

    private static string TextOf(int[] pieces, string newline, bool finalNewline)
    {
        string body = string.Join(newline, pieces.Select((p, i) => Pieces[p] + (i % 3 == 0 ? "" : $"_{i}")));
        return body.Length > 0 && finalNewline ? body + newline : body;
    }

    [Fact]
    public void Random_edits_give_the_same_document_through_spans_and_through_strings()
    {
        var property = Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            var encoding = scenario.Bom ? FileEncoding.Utf8Bom : FileEncoding.Utf8;
            var spanSource = TextDocument.Parse(scenario.Text, encoding);
            var stringSource = TextDocument.Parse(scenario.Text, encoding);
            var viaSpans = new LineEditBuffer(SourceLines.Of(spanSource));
            var viaStrings = new LineEditBuffer(stringSource.Lines);
            Edit(viaSpans, scenario);
            Edit(viaStrings, scenario);

            Assert.Equal(viaStrings.Materialize(), viaSpans.Materialize());
            Assert.Equal(viaStrings.BracketDelta, viaSpans.BracketDelta);
            var listed = new TextDocument(viaStrings.Materialize(), spanSource.Newline, endsWithNewline: true, scenario.Bom);
            byte[]? bytes = viaSpans.TryEncode(encoding, spanSource.Newline, out int lineCount);
            if (bytes is null)
            {
                return;
            }

            var own = TextDocument.FromOwnBytes(bytes, encoding, spanSource.Newline, lineCount);
            Assert.Equal(listed.Encode(), own.Encode());
            Assert.Equal(listed.LineCount, own.LineCount);
            Change(listed, scenario.After);
            Change(own, scenario.After);
            Assert.Equal(listed.Encode(), own.Encode());
            Assert.Equal(listed.ToString(), own.ToString());
            Assert.Equal(listed.Lines, own.Lines);
            Assert.Equal(listed.EndsWithNewline, own.EndsWithNewline);
            Assert.Equal(listed.HasEscapedBytes(), own.HasEscapedBytes());
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    // Replace, insert before or insert after: clamped to the file, and skipping lines an earlier edit removed, as
    // the ap applier only ever addresses lines that are still there.
    private static void Edit(LineEditBuffer buffer, Scenario scenario)
    {
        int modification = 0;
        foreach (var (kind, line, span, written) in scenario.Edits)
        {
            modification++;
            var block = new WrittenBlock(written, modification);
            if (buffer.Count == 0)
            {
                buffer.InsertBefore(0, block);
                continue;
            }

            int first = line % buffer.Count;
            int last = Math.Min(buffer.Count - 1, first + span);
            if (Enumerable.Range(first, last - first + 1).Any(buffer.IsRemoved))
            {
                continue;
            }

            switch (kind)
            {
                case 0:
                    buffer.Replace(first, last, span == 3 ? null : block, modification);
                    break;
                case 1:
                    buffer.InsertBefore(first, block);
                    break;
                default:
                    buffer.InsertAfter(last, block);
                    break;
            }
        }
    }

    // What the planner may do to the applier's document afterwards.
    private static void Change(TextDocument document, int after)
    {
        switch (after)
        {
            case 1:
                document.Newline = "\r\n";
                break;
            case 2:
                document.EndsWithNewline = false;
                break;
            case 3:
                document.HasBom = !document.HasBom;
                break;
            case 4:
                document.Lines.Add("appended");
                break;
        }
    }

    [Fact]
    public void A_document_kept_as_its_bytes_clones_and_decodes_its_own_byte_order_mark_only()
    {
        // A written first line that starts with U+FEFF in a file without a byte order mark: detection would take
        // it for one; the document knows its encoding wrote no mark.
        var buffer = new LineEditBuffer(SourceLines.Of(TextDocument.Parse("a\nb\n")));
        buffer.InsertBefore(0, new WrittenBlock(["\uFEFFfirst"], 1));
        byte[] bytes = buffer.TryEncode(FileEncoding.Utf8, "\n", out int lineCount)!;
        var document = TextDocument.FromOwnBytes(bytes, FileEncoding.Utf8, "\n", lineCount);
        var clone = document.Clone();

        Assert.Same(bytes, document.Encode());
        Assert.Equal(["\uFEFFfirst", "a", "b"], clone.Lines);
        Assert.Equal("\uFEFFfirst\na\nb\n", document.ToString());
        Assert.Equal(3, lineCount);
    }
}
