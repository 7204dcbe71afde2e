using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// A text file as lines plus the facts needed to write it back the way it was:
/// its dominant line ending, whether it ended with one, and a UTF-8 byte order mark.
/// </summary>
/// <remarks>
/// A parsed document keeps its text whole until someone asks for <see cref="Lines"/>: a file that is only read, or
/// replaced as a whole (JSON Patch on a 10 MB file), never pays for half a million line strings. While the text is
/// whole and uses one line ending throughout, <see cref="ToString"/> returns it without copying.
/// </remarks>
public sealed class TextDocument
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private List<string>? _lines;

    // The parsed text while no one has asked for lines, and what it looked like when parsed.
    private string? _text;
    private string? _textNewline;
    private bool _textEndsWithNewline;
    private bool _textUniform;
    private int _textLineCount;

    public TextDocument(List<string> lines, string newline, bool endsWithNewline, bool hasBom = false)
    {
        _lines = lines;
        Newline = newline;
        EndsWithNewline = endsWithNewline;
        HasBom = hasBom;
    }

    private TextDocument(string text, string newline, bool endsWithNewline, bool uniform, bool hasBom)
    {
        _text = text;
        _textNewline = newline;
        _textEndsWithNewline = endsWithNewline;
        _textUniform = uniform;
        Newline = newline;
        EndsWithNewline = endsWithNewline;
        HasBom = hasBom;
    }

    /// <summary>The lines without their terminators. Mutable on purpose: appliers edit in place.</summary>
    public List<string> Lines => _lines ??= SplitText();

    /// <summary>"\n", "\r\n" or "\r".</summary>
    public string Newline { get; set; }

    public bool EndsWithNewline { get; set; }

    public bool HasBom { get; set; }

    public static TextDocument Parse(string text, bool hasBom = false)
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
        return new TextDocument(text, newline, endsWithNewline, uniform: kinds <= 1, hasBom) { _textLineCount = lineCount };
    }

    public static string NewlineOf(NewlineMode mode) => mode switch
    {
        NewlineMode.CrLf => "\r\n",
        NewlineMode.Cr => "\r",
        _ => "\n",
    };

    public override string ToString()
    {
        // Joining the lines again would give back exactly this text: nothing changed and one line ending throughout.
        if (_text is not null && _textUniform && Newline == _textNewline && EndsWithNewline == _textEndsWithNewline)
        {
            return _text;
        }

        var lines = Lines;
        long length = 0;
        foreach (string line in lines)
        {
            length += line.Length + Newline.Length;
        }

        var sb = new StringBuilder((int)Math.Min(length, int.MaxValue));
        for (int i = 0; i < lines.Count; i++)
        {
            sb.Append(lines[i]);
            if (i < lines.Count - 1 || EndsWithNewline)
            {
                sb.Append(Newline);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The file's bytes: UTF-8, with the byte order mark when it had one. The same as encoding <see cref="ToString"/>,
    /// without first joining the lines into one more copy of the file.
    /// </summary>
    public byte[] Encode()
    {
        if (_lines is null)
        {
            return FileEncoding.Encode(ToString(), HasBom);
        }

        var lines = _lines;
        int preamble = HasBom ? 3 : 0;
        long chars = 0;
        foreach (string line in lines)
        {
            chars += line.Length + Newline.Length;
        }

        if (preamble + (chars * 3) > Array.MaxLength)
        {
            return FileEncoding.Encode(ToString(), HasBom);
        }

        // Encoded into a pooled buffer big enough for any text (3 bytes per UTF-16 unit at most), then copied out
        // once: cheaper than measuring every line's UTF-8 length first.
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)(preamble + (chars * 3)));
        try
        {
            if (HasBom)
            {
                buffer[0] = 0xEF;
                buffer[1] = 0xBB;
                buffer[2] = 0xBF;
            }

            int at = preamble;
            for (int i = 0; i < lines.Count; i++)
            {
                at += Utf8.GetBytes(lines[i], buffer.AsSpan(at));
                if (i < lines.Count - 1 || EndsWithNewline)
                {
                    // Line endings are ASCII: one byte per character.
                    foreach (char c in Newline)
                    {
                        buffer[at++] = (byte)c;
                    }
                }
            }

            return buffer.AsSpan(0, at).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public TextDocument Clone() => _lines is null
        ? new TextDocument(_text!, _textNewline!, _textEndsWithNewline, _textUniform, HasBom) { Newline = Newline, EndsWithNewline = EndsWithNewline, _textLineCount = _textLineCount }
        : new([.. _lines], Newline, EndsWithNewline, HasBom);

    private List<string> SplitText()
    {
        string text = _text!;
        _text = null;
        var lines = new List<string>(_textLineCount);
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
            lines.Add(text[start..end]);
            start = span[end] == '\r' && end + 1 < span.Length && span[end + 1] == '\n' ? end + 2 : end + 1;
        }

        return lines;
    }
}
