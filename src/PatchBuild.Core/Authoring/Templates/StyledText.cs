namespace PatchBuild.Core.Authoring.Templates;

/// <summary>
/// A target file's text split into lines that keep their own endings, with the facts authoring needs to write in the
/// file's own style: its dominant newline and its indentation unit.
/// </summary>
public sealed class StyledText
{
    private readonly int[] _starts;

    public StyledText(string text)
    {
        Text = text;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        // A final line without an ending still counts; an ending at the very end opens no new line.
        if (starts[^1] == text.Length && starts.Count > 1)
        {
            starts.RemoveAt(starts.Count - 1);
        }

        if (text.Length == 0)
        {
            starts.Clear();
        }

        _starts = [.. starts];
        Newline = DominantNewline(text);
    }

    public string Text { get; }

    public int Count => _starts.Length;

    /// <summary>"\r\n" when most lines end so, else "\n" (a file without endings gets "\n").</summary>
    public string Newline { get; }

    public int StartOf(int line) => line >= _starts.Length ? Text.Length : _starts[line];

    /// <summary>Where the line ends, its ending included (the next line's start).</summary>
    public int EndOf(int line) => StartOf(line + 1);

    /// <summary>The line's text without its ending.</summary>
    public string Line(int line)
    {
        int start = StartOf(line);
        int end = EndOf(line);
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return Text[start..end];
    }

    public bool IsBlank(int line) => string.IsNullOrWhiteSpace(Line(line));

    /// <summary>The 0-based line holding character <paramref name="offset"/> (the text's length: one past the last line).</summary>
    public int LineOf(int offset)
    {
        int index = Array.BinarySearch(_starts, offset);
        return index >= 0 ? index : ~index - 1;
    }

    public static string Indentation(string line) => line[..(line.Length - line.TrimStart(' ', '\t').Length)];

    /// <summary>One level of indentation as the file writes it: a tab, or the smallest step of spaces (default 4).</summary>
    public string IndentUnit()
    {
        int smallest = int.MaxValue;
        for (int i = 0; i < Count; i++)
        {
            string line = Line(i);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string indent = Indentation(line);
            if (indent.StartsWith('\t'))
            {
                return "\t";
            }

            if (indent.Length > 0 && indent.Length < smallest)
            {
                smallest = indent.Length;
            }
        }

        return new string(' ', smallest is int.MaxValue or > 8 ? 4 : smallest);
    }

    private static string DominantNewline(string text)
    {
        int crlf = 0;
        int lf = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                if (i > 0 && text[i - 1] == '\r')
                {
                    crlf++;
                }
                else
                {
                    lf++;
                }
            }
        }

        return crlf > lf ? "\r\n" : "\n";
    }
}
