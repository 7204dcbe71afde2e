namespace PatchBuild.Core.Formats.JsonPatch.Jsonc;

/// <summary>
/// Reads the text between elements (whitespace, comments, one comma). A newline inside a /* */ comment is part of
/// the comment, never a line break between elements; a // comment runs to the end of its line.
/// </summary>
internal static class Trivia
{
    private enum Kind
    {
        Space,
        Newline,
        Comment,
        Comma,
    }

    /// <summary>The position after the first line break, or -1 when the gap stays on one line.</summary>
    public static int FirstLineEnd(ReadOnlySpan<char> gap)
    {
        int p = 0;
        while (p < gap.Length)
        {
            var (kind, end) = Next(gap, p);
            if (kind == Kind.Newline)
            {
                return end;
            }

            p = end;
        }

        return -1;
    }

    /// <summary>
    /// When the gap ends with a line break followed only by indentation (the next element starts its own line), the
    /// position where that indentation starts; otherwise -1.
    /// </summary>
    public static int LastLineStart(ReadOnlySpan<char> gap)
    {
        int lineStart = -1;
        int p = 0;
        while (p < gap.Length)
        {
            var (kind, end) = Next(gap, p);
            if (kind == Kind.Newline)
            {
                lineStart = end;
            }
            else if (kind != Kind.Space)
            {
                lineStart = -1;
            }

            p = end;
        }

        return lineStart;
    }

    public static bool HasComma(ReadOnlySpan<char> gap) => Find(gap, Kind.Comma) >= 0;

    public static bool HasComment(ReadOnlySpan<char> gap) => Find(gap, Kind.Comment) >= 0;

    /// <summary>The gap without its comma (the comma outside comments).</summary>
    public static string WithoutComma(ReadOnlySpan<char> gap)
    {
        int comma = Find(gap, Kind.Comma);
        return comma < 0 ? gap.ToString() : string.Concat(gap[..comma], gap[(comma + 1)..]);
    }

    /// <summary>The spaces that follow the comma, when the comma is followed by spaces only up to the gap's end.</summary>
    public static string? SpaceAfterComma(ReadOnlySpan<char> gap)
    {
        int comma = Find(gap, Kind.Comma);
        if (comma < 0)
        {
            return null;
        }

        var rest = gap[(comma + 1)..];
        return rest.ContainsAnyExcept(' ', '\t') ? null : rest.ToString();
    }

    private static int Find(ReadOnlySpan<char> gap, Kind wanted)
    {
        int p = 0;
        while (p < gap.Length)
        {
            var (kind, end) = Next(gap, p);
            if (kind == wanted)
            {
                return p;
            }

            p = end;
        }

        return -1;
    }

    private static (Kind Kind, int End) Next(ReadOnlySpan<char> gap, int p)
    {
        char c = gap[p];
        switch (c)
        {
            case '\r':
                return (Kind.Newline, p + 1 < gap.Length && gap[p + 1] == '\n' ? p + 2 : p + 1);
            case '\n':
                return (Kind.Newline, p + 1);
            case ',':
                return (Kind.Comma, p + 1);
            case '/' when p + 1 < gap.Length && gap[p + 1] == '/':
            {
                int end = gap[p..].IndexOfAny('\n', '\r');
                return (Kind.Comment, end < 0 ? gap.Length : p + end);
            }

            case '/' when p + 1 < gap.Length && gap[p + 1] == '*':
            {
                int end = gap[(p + 2)..].IndexOf("*/");
                return (Kind.Comment, end < 0 ? gap.Length : p + 2 + end + 2);
            }

            default:
                return (Kind.Space, p + 1);
        }
    }
}
