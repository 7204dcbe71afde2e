using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// A text file as lines plus the facts needed to write it back the way it was:
/// its dominant line ending, whether it ended with one, and a UTF-8 byte order mark.
/// </summary>
public sealed class TextDocument
{
    public TextDocument(List<string> lines, string newline, bool endsWithNewline, bool hasBom = false)
    {
        Lines = lines;
        Newline = newline;
        EndsWithNewline = endsWithNewline;
        HasBom = hasBom;
    }

    /// <summary>The lines without their terminators. Mutable on purpose: appliers edit in place.</summary>
    public List<string> Lines { get; }

    /// <summary>"\n", "\r\n" or "\r".</summary>
    public string Newline { get; set; }

    public bool EndsWithNewline { get; set; }

    public bool HasBom { get; set; }

    public static TextDocument Parse(string text, bool hasBom = false)
    {
        var lines = new List<string>();
        int lf = 0, crlf = 0, cr = 0;
        int start = 0;
        var span = text.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            if (c == '\n')
            {
                lf++;
                lines.Add(text.Substring(start, i - start));
                start = i + 1;
            }
            else if (c == '\r')
            {
                if (i + 1 < span.Length && span[i + 1] == '\n')
                {
                    crlf++;
                    lines.Add(text.Substring(start, i - start));
                    i++;
                    start = i + 1;
                }
                else
                {
                    cr++;
                    lines.Add(text.Substring(start, i - start));
                    start = i + 1;
                }
            }
        }

        bool endsWithNewline = start == text.Length && text.Length > 0;
        if (start < text.Length)
        {
            lines.Add(text.Substring(start));
        }

        string newline = crlf >= lf && crlf >= cr && crlf > 0 ? "\r\n" : cr > lf ? "\r" : "\n";
        return new TextDocument(lines, newline, endsWithNewline, hasBom);
    }

    public static string NewlineOf(NewlineMode mode) => mode switch
    {
        NewlineMode.CrLf => "\r\n",
        NewlineMode.Cr => "\r",
        _ => "\n",
    };

    public override string ToString()
    {
        var sb = new StringBuilder(Lines.Count * 40);
        for (int i = 0; i < Lines.Count; i++)
        {
            sb.Append(Lines[i]);
            if (i < Lines.Count - 1 || EndsWithNewline)
            {
                sb.Append(Newline);
            }
        }

        return sb.ToString();
    }

    public TextDocument Clone() => new([.. Lines], Newline, EndsWithNewline, HasBom);
}
