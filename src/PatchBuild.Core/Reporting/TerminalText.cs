using System.Text;

namespace PatchBuild.Core.Reporting;

/// <summary>
/// Patch text and file names are untrusted, and reports end on a terminal or in a CI log. A raw ESC, CR, C1 control
/// or bidirectional override could rewrite what the reader sees, and a line that starts with "::" (GitHub Actions)
/// or holds "##vso[" (Azure Pipelines) is read by the runner as a command. Every printer passes such text through
/// here (issue 14 §5).
/// </summary>
public static class TerminalText
{
    /// <summary>Control characters (line breaks included), bidi controls and U+2028/U+2029 as \xHH or \uXXXX.</summary>
    public static string Escape(string? text) => Escape(text ?? "", keepLineBreaks: false);

    /// <summary>For several lines (a diff): line feeds and tabs stay, everything else unsafe is escaped.</summary>
    public static string EscapeLines(string? text) => Escape(text ?? "", keepLineBreaks: true);

    /// <summary>
    /// One report line: escaped, and never a CI command: a leading "::" loses its first colon to an escape, and
    /// "##vso[" anywhere becomes "#\x23vso[".
    /// </summary>
    public static string SafeLine(string line)
    {
        string safe = Escape(line).Replace("##vso[", "#\\x23vso[", StringComparison.OrdinalIgnoreCase);
        return safe.TrimStart().StartsWith("::", StringComparison.Ordinal) ? ReplaceFirstColon(safe) : safe;
    }

    /// <summary>Each line of a multi-line text made safe as by <see cref="SafeLine"/>; line feeds and tabs stay.</summary>
    public static string SafeLines(string text)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = EscapeLines(lines[i]).Replace("##vso[", "#\\x23vso[", StringComparison.OrdinalIgnoreCase);
            lines[i] = line.TrimStart().StartsWith("::", StringComparison.Ordinal) ? ReplaceFirstColon(line) : line;
        }

        return string.Join('\n', lines);
    }

    private static string ReplaceFirstColon(string line)
    {
        int colon = line.IndexOf(':');
        return line[..colon] + "\\x3A" + line[(colon + 1)..];
    }

    private static string Escape(string text, bool keepLineBreaks)
    {
        int first = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i], keepLineBreaks))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsUnsafe(c, keepLineBreaks))
            {
                escaped.Append(c);
            }
            else if (c <= '\u00ff')
            {
                escaped.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private static bool IsUnsafe(char c, bool keepLineBreaks) =>
        (char.IsControl(c) && !(keepLineBreaks && c is '\n' or '\t'))
        || c is '\u2028' or '\u2029' or '\u061c' or '\u200e' or '\u200f'
        || c is >= '\u202a' and <= '\u202e'
        || c is >= '\u2066' and <= '\u2069';
}
