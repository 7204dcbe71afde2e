using System.Text;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// A text file as lines plus the facts needed to write it back the way it was: its encoding (and byte order mark),
/// whether it ended with a line ending, and the ending of every line.
/// </summary>
/// <remarks>
/// Most files use one line ending throughout; those keep only <see cref="Newline"/>. A file with mixed endings
/// (<c>a\r\nb\nc\r\n</c>) also keeps a <see cref="LineShape"/>: its lines as read with each one's own ending. When the
/// document is written, lines equal to lines of the shape (found by a line diff, so appliers may rebuild the list
/// freely) keep their own ending, a line that replaces another takes that line's ending, and a line only inserted
/// takes the ending of the line before it (the line after it at the top; <see cref="Newline"/> when there is
/// neither). Appliers therefore never handle endings themselves.
/// A parsed document keeps its text whole until someone asks for <see cref="Lines"/>: a file that is only read, or
/// replaced as a whole (JSON Patch on a 10 MB file), never pays for half a million line strings.
/// </remarks>
public sealed class TextDocument
{
    private List<string>? _lines;
    private string _newline;
    private LineShape? _shape;

    // The parsed text while no one has asked for lines (only for text with one line ending throughout). A document
    // made from its bytes (FromOwnBytes) decodes this only when someone reads it as text.
    private string? _text;
    private byte[]? _bytes;
    private FileEncoding? _bytesEncoding;
    private string? _textNewline;
    private bool _textEndsWithNewline;
    private int _textLineCount;

    public TextDocument(List<string> lines, string newline, bool endsWithNewline, bool hasBom = false)
    {
        _lines = lines;
        _newline = newline;
        EndsWithNewline = endsWithNewline;
        Encoding = hasBom ? FileEncoding.Utf8Bom : FileEncoding.Utf8;
    }

    /// <summary>A document whose every line has a known ending (<paramref name="endings"/>[i] ends line i).</summary>
    internal TextDocument(List<string> lines, string?[] endings, string newline, bool endsWithNewline, FileEncoding encoding)
    {
        _lines = lines;
        _newline = newline;
        EndsWithNewline = endsWithNewline;
        Encoding = encoding;
        _shape = new LineShape([.. lines], endings);
    }

    private TextDocument(string? text, string newline, bool endsWithNewline, FileEncoding encoding, int lineCount)
    {
        _text = text;
        _textNewline = newline;
        _textEndsWithNewline = endsWithNewline;
        _textLineCount = lineCount;
        _newline = newline;
        EndsWithNewline = endsWithNewline;
        Encoding = encoding;
    }

    /// <summary>The lines without their terminators. Mutable on purpose: appliers edit in place.</summary>
    public List<string> Lines => _lines ??= SplitText();

    /// <summary>How many lines there are, without splitting a whole text into them.</summary>
    public int LineCount => _lines?.Count ?? _textLineCount;

    /// <summary>The text as parsed, while nobody has asked for <see cref="Lines"/> (null after that).</summary>
    internal string? WholeText => _lines is null ? Text : null;

    // The whole text, decoded from the document's own bytes on first use.
    private string? Text => _text ??= _bytes is null ? null : _bytesEncoding!.DecodeOwn(_bytes);

    /// <summary>
    /// "\n", "\r\n" or "\r": the ending of lines that have no ending of their own or of a neighbour (the most
    /// common one in a parsed file). Setting it gives every line this ending (a patch that asks for one).
    /// </summary>
    public string Newline
    {
        get => _newline;
        set
        {
            _newline = value;
            _shape = null;
        }
    }

    public bool EndsWithNewline { get; set; }

    public FileEncoding Encoding { get; set; }

    public bool HasBom
    {
        get => Encoding.HasBom;
        set
        {
            if (!Encoding.IsUtf16)
            {
                Encoding = value ? FileEncoding.Utf8Bom : FileEncoding.Utf8;
            }
        }
    }

    /// <summary>True when lines keep endings of their own (a file with mixed line endings, or a diff's exact result).</summary>
    public bool HasOwnLineEndings => _shape is not null;

    public static TextDocument Parse(string text, bool hasBom = false) => Parse(text, hasBom ? FileEncoding.Utf8Bom : FileEncoding.Utf8);

    public static TextDocument Parse(string text, FileEncoding encoding)
    {
        var span = text.AsSpan();
        int lf, crlf = 0, cr = 0;
        if (!span.Contains('\r'))
        {
            lf = span.Count('\n');
        }
        else if (!span.Contains('\n'))
        {
            lf = 0;
            cr = span.Count('\r');
        }
        else
        {
            lf = 0;
            for (int i = span.IndexOfAny('\r', '\n'); i >= 0 && i < span.Length;)
            {
                if (span[i] == '\n')
                {
                    lf++;
                }
                else if (i + 1 < span.Length && span[i + 1] == '\n')
                {
                    crlf++;
                    i++;
                }
                else
                {
                    cr++;
                }

                int next = span[(i + 1)..].IndexOfAny('\r', '\n');
                i = next < 0 ? -1 : i + 1 + next;
            }
        }

        bool endsWithNewline = text.Length > 0 && text[^1] is '\n' or '\r';
        string newline = crlf >= lf && crlf >= cr && crlf > 0 ? "\r\n" : cr > lf ? "\r" : "\n";
        int kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
        int lineCount = lf + crlf + cr + (text.Length > 0 && !endsWithNewline ? 1 : 0);
        if (kinds <= 1)
        {
            return new TextDocument(text, newline, endsWithNewline, encoding, lineCount);
        }

        var (lines, endings) = Split(text, lineCount);
        return new TextDocument(lines, endings, newline, endsWithNewline, encoding);
    }

    /// <summary>
    /// A document whose content is <paramref name="bytes"/>, which <paramref name="encoding"/> (UTF-8, with or without
    /// a byte order mark) wrote from <paramref name="lineCount"/> lines, each ending with <paramref name="newline"/>
    /// (so <see cref="EndsWithNewline"/> is true, as for a document built from those lines).
    /// The bytes are what <see cref="Encode"/> returns while nothing changes; the text is decoded only if read.
    /// </summary>
    internal static TextDocument FromOwnBytes(byte[] bytes, FileEncoding encoding, string newline, int lineCount)
    {
        return new TextDocument(null, newline, endsWithNewline: true, encoding, lineCount)
        {
            _bytes = bytes,
            _bytesEncoding = encoding,
        };
    }

    /// <summary>
    /// Text exactly as given: every line keeps the ending it has in <paramref name="text"/>, even where the text
    /// uses one ending throughout, so nothing is taken over from the document it replaces.
    /// </summary>
    internal static TextDocument ParseExact(string text, FileEncoding encoding)
    {
        var parsed = Parse(text, encoding);
        if (parsed._shape is not null)
        {
            return parsed;
        }

        var lines = parsed.Lines;
        var endings = new string?[lines.Count];
        Array.Fill(endings, parsed.Newline);
        if (endings.Length > 0 && !parsed.EndsWithNewline)
        {
            endings[^1] = null;
        }

        return new TextDocument(lines, endings, parsed.Newline, parsed.EndsWithNewline, encoding);
    }

    public static string NewlineOf(NewlineMode mode) => mode switch
    {
        NewlineMode.CrLf => "\r\n",
        NewlineMode.Cr => "\r",
        _ => "\n",
    };

    /// <summary>
    /// Takes over what an applier that built this document from bare lines cannot know: the original's UTF-16
    /// encoding and, for a file with mixed line endings, each untouched line's own ending.
    /// </summary>
    public void AdoptShapeOf(TextDocument original)
    {
        if (ReferenceEquals(original, this))
        {
            return;
        }

        if (original.Encoding.IsUtf16 && !Encoding.IsUtf16)
        {
            Encoding = original.Encoding;
        }

        if (_shape is null && original._shape is not null && _newline == original._newline)
        {
            _shape = original.CurrentShape();
        }
    }

    /// <summary>The ending written after line <paramref name="index"/> (null for a last line without one).</summary>
    public string? EndingOf(int index) => index == Lines.Count - 1 && !EndsWithNewline ? null : Endings()[index];

    public override string ToString()
    {
        if (IsText)
        {
            return Text!;
        }

        var lines = Lines;
        var endings = Endings();
        long length = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            length += lines[i].Length + endings[i].Length;
        }

        var sb = new StringBuilder((int)Math.Min(length, int.MaxValue));
        for (int i = 0; i < lines.Count; i++)
        {
            sb.Append(lines[i]);
            if (i < lines.Count - 1 || EndsWithNewline)
            {
                sb.Append(endings[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>The file's bytes in its encoding, byte order mark first, each line with its ending.</summary>
    public byte[] Encode()
    {
        if (IsText)
        {
            // Bytes this document was made from are its content for as long as its encoding is the one that wrote them.
            return _bytes is not null && ReferenceEquals(Encoding, _bytesEncoding) ? _bytes : Encoding.GetBytes(Text!);
        }

        // One ending throughout (no shape): no per-line endings array to build.
        return Encoding.GetBytes(Lines, _shape is null ? null : Endings(), _newline, EndsWithNewline);
    }

    /// <summary>True when a byte that is not UTF-8 was read into the text (see <see cref="FileEncoding"/>).</summary>
    internal bool HasEscapedBytes()
    {
        if (_lines is null)
        {
            return FileEncoding.HasEscapedBytes(Text);
        }

        // Line by line: joining a split document back into one string only to scan it would copy the whole file.
        foreach (string line in _lines)
        {
            if (FileEncoding.HasEscapedBytes(line))
            {
                return true;
            }
        }

        return false;
    }

    public TextDocument Clone()
    {
        var clone = _lines is null
            ? new TextDocument(_text, _textNewline!, _textEndsWithNewline, Encoding, _textLineCount) { _bytes = _bytes, _bytesEncoding = _bytesEncoding }
            : new TextDocument([.. _lines], _newline, EndsWithNewline) { Encoding = Encoding };
        clone._newline = _newline;
        clone.EndsWithNewline = EndsWithNewline;
        clone._shape = _shape;
        return clone;
    }

    // The parsed text is still exactly what would be written: nothing split, changed or taken over.
    private bool IsText => _lines is null && _shape is null && _newline == _textNewline && EndsWithNewline == _textEndsWithNewline;

    private LineShape CurrentShape() => _shape is not null && _shape.Matches(Lines) ? _shape : new LineShape([.. Lines], Endings());

    /// <summary>Every line's ending: its own where the shape knows it, else its neighbour's.</summary>
    private string[] Endings()
    {
        var lines = Lines;
        var endings = new string[lines.Count];
        if (_shape is null)
        {
            Array.Fill(endings, _newline);
            return endings;
        }

        var known = _shape.EndingsFor(lines);
        string? previous = null;
        for (int i = 0; i < known.Length; i++)
        {
            if (known[i] is { } own)
            {
                previous = own;
                endings[i] = own;
            }
            else
            {
                endings[i] = previous ?? NextKnown(known, i) ?? _newline;
                previous = endings[i];
            }
        }

        return endings;
    }

    private static string? NextKnown(string?[] known, int from)
    {
        for (int i = from + 1; i < known.Length; i++)
        {
            if (known[i] is not null)
            {
                return known[i];
            }
        }

        return null;
    }

    private List<string> SplitText()
    {
        string text = Text!;
        _text = null;
        _bytes = null;
        return Split(text, _textLineCount, withEndings: false).Lines;
    }

    // Text with one ending throughout needs no endings array (withEndings: false leaves it empty).
    private static (List<string> Lines, string?[] Endings) Split(string text, int lineCount, bool withEndings = true)
    {
        var lines = new List<string>(lineCount);
        var endings = withEndings ? new string?[lineCount] : [];
        var span = text.AsSpan();
        int start = 0;
        while (start < span.Length)
        {
            int end = span[start..].IndexOfAny('\r', '\n');
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            end += start;
            bool crlf = span[end] == '\r' && end + 1 < span.Length && span[end + 1] == '\n';
            if (withEndings)
            {
                endings[lines.Count] = crlf ? "\r\n" : span[end] == '\r' ? "\r" : "\n";
            }

            lines.Add(text[start..end]);
            start = crlf ? end + 2 : end + 1;
        }

        return (lines, endings);
    }

    /// <summary>Lines as read, with the ending each had (null: the last line had none).</summary>
    private sealed class LineShape(string[] lines, string?[] endings)
    {
        public bool Matches(List<string> current)
        {
            if (current.Count != lines.Length)
            {
                return false;
            }

            for (int i = 0; i < lines.Length; i++)
            {
                if (!ReferenceEquals(current[i], lines[i]) && !string.Equals(current[i], lines[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// For each current line, the ending it inherits: a line the shape has keeps its own; a line that replaces
        /// lines of the shape takes the ending of the one in its place (the last one, past the end of a shorter
        /// run); a line only inserted gets null, and so the ending of its neighbour.
        /// </summary>
        public string?[] EndingsFor(List<string> current)
        {
            if (Matches(current))
            {
                return endings;
            }

            var known = new string?[current.Count];
            int oldAt = 0, newAt = 0;
            foreach (var change in LineDiff.Compute(lines, current))
            {
                for (; newAt < change.InsertStart; newAt++, oldAt++)
                {
                    known[newAt] = endings[oldAt];
                }

                for (int j = 0; j < change.InsertCount; j++)
                {
                    known[newAt + j] = change.DeleteCount > 0 ? endings[change.DeleteStart + Math.Min(j, change.DeleteCount - 1)] : null;
                }

                newAt += change.InsertCount;
                oldAt = change.DeleteStart + change.DeleteCount;
            }

            for (; newAt < current.Count; newAt++, oldAt++)
            {
                known[newAt] = endings[oldAt];
            }

            return known;
        }
    }
}
