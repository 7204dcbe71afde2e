using System;
using System.Text;

namespace PatchBuild.Tasks.Logging;

/// <summary>
/// Patch text and file names are untrusted and the build log ends on a terminal: a raw ESC, CR or C1 control could
/// rewrite what the reader sees. Control characters are shown as \xHH escapes. (The engine's printers do the same
/// through Core's TerminalText; this assembly cannot reference Core, see docs/msbuild.md.)
/// </summary>
internal static class LogText
{
    /// <summary>One line: every control character, line breaks included, is escaped; it is never a CI command.</summary>
    public static string Line(string? text) => NoCommand(Escape(text ?? "", keepLineBreaks: false));

    /// <summary>Several lines (a diff): line feeds and tabs stay, every other control character is escaped.</summary>
    public static string Lines(string? text)
    {
        var lines = Escape(text ?? "", keepLineBreaks: true).Split('\n');
        for (var i = 0; i < lines.Length; i++) lines[i] = NoCommand(lines[i]);
        return string.Join("\n", lines);
    }

    // Build logs are read by CI runners: "##vso[" anywhere (Azure Pipelines) and a leading "::" (GitHub Actions) are
    // commands there. Both are defused the way Core's TerminalText does it.
    private static string NoCommand(string line)
    {
        var index = line.IndexOf("##vso[", StringComparison.OrdinalIgnoreCase);
        while (index >= 0)
        {
            line = line.Substring(0, index) + "#\\x23vso[" + line.Substring(index + 6);
            index = line.IndexOf("##vso[", index + 1, StringComparison.OrdinalIgnoreCase);
        }
        var start = line.Length - line.TrimStart().Length;
        return line.Length >= start + 2 && line[start] == ':' && line[start + 1] == ':'
            ? line.Substring(0, start) + "\\x3A" + line.Substring(start + 1)
            : line;
    }

    private static string Escape(string text, bool keepLineBreaks)
    {
        var needs = false;
        foreach (var c in text)
            if (IsUnsafe(c, keepLineBreaks)) { needs = true; break; }
        if (!needs) return text;

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c, keepLineBreaks)) escaped.Append(c <= '\u00ff' ? "\\x" + ((int)c).ToString("X2") : "\\u" + ((int)c).ToString("X4"));
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static bool IsUnsafe(char c, bool keepLineBreaks) =>
        (char.IsControl(c) && !(keepLineBreaks && (c == '\n' || c == '\t')))
        || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
}
