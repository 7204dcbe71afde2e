using Microsoft.CodeAnalysis.CSharp;
using PatchBuild.Core.Authoring.Templates;

namespace PatchBuild.Core.Authoring.CodePlacement;

/// <summary>
/// Re-indents a fragment of C# for its new place: its own common indentation is replaced by the target's, each
/// nesting level written with the target's unit (tab or spaces). Lines inside a multi-line string literal are text,
/// not layout, and keep every character.
/// </summary>
public static class CodeIndenter
{
    private const int TabWidth = 4;

    public static IReadOnlyList<string> Lines(string code, string indent, string unit)
    {
        var text = new StyledText(code.Replace("\r\n", "\n", StringComparison.Ordinal));
        var lines = Enumerable.Range(0, text.Count).Select(text.Line).ToList();
        var literal = LiteralLines(text);
        while (lines.Count > 0 && lines[0].Trim().Length == 0)
        {
            lines.RemoveAt(0);
            literal = literal.Select(l => l - 1).ToHashSet();
        }

        while (lines.Count > 0 && lines[^1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var layout = Enumerable.Range(0, lines.Count).Where(i => !literal.Contains(i) && lines[i].Trim().Length > 0).ToList();
        if (layout.Count == 0)
        {
            return lines;
        }

        int common = layout.Min(i => Width(StyledText.Indentation(lines[i])));
        int step = layout.Select(i => Width(StyledText.Indentation(lines[i])) - common).Where(w => w > 0).DefaultIfEmpty(TabWidth).Min();
        var result = new List<string>(lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (literal.Contains(i))
            {
                result.Add(line);
                continue;
            }

            if (line.Trim().Length == 0)
            {
                result.Add("");
                continue;
            }

            int extra = Width(StyledText.Indentation(line)) - common;
            int levels = extra / step;
            int spaces = extra % step;
            result.Add(indent + string.Concat(Enumerable.Repeat(unit, levels)) + new string(' ', spaces) + line.TrimStart(' ', '\t'));
        }

        return result;
    }

    private static int Width(string indentation) => indentation.Sum(c => c == '\t' ? TabWidth : 1);

    /// <summary>0-based lines that begin inside a token spanning lines (verbatim, raw or interpolated strings).</summary>
    private static HashSet<int> LiteralLines(StyledText text)
    {
        var lines = new HashSet<int>();
        var tree = CSharpSyntaxTree.ParseText("class __PatchBuild__ {\n" + text.Text + "\n}");
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            if (!token.Text.Contains('\n', StringComparison.Ordinal))
            {
                continue;
            }

            var span = token.GetLocation().GetLineSpan();
            for (int line = span.StartLinePosition.Line + 1; line <= span.EndLinePosition.Line; line++)
            {
                lines.Add(line - 1);
            }
        }

        return lines;
    }
}
