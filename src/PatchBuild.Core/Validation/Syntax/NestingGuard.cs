namespace PatchBuild.Core.Validation.Syntax;

/// <summary>
/// Measures how deep brackets nest, outside strings and comments, in one linear pass. Parsers slow down sharply on
/// extreme nesting (Roslyn needs over a minute for 20,000 levels), so such files are refused before parsing.
/// </summary>
public static class NestingGuard
{
    public const int MaxDepth = 1000;

    public static int Depth(string text, bool cStyleComments)
    {
        int depth = 0, max = 0;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == '\\' && i + 1 < text.Length)
                {
                    i++;
                }
                else if (c == quote || c == '\n')
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '/' when cStyleComments && i + 1 < text.Length && text[i + 1] == '/':
                    i = SkipTo(text, i, "\n");
                    break;
                case '/' when cStyleComments && i + 1 < text.Length && text[i + 1] == '*':
                    i = SkipTo(text, i + 2, "*/");
                    break;
                case '#' when !cStyleComments:
                    i = SkipTo(text, i, "\n");
                    break;
                case '(' or '[' or '{':
                    max = Math.Max(max, ++depth);
                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return max;
    }

    private static int SkipTo(string text, int from, string end)
    {
        int at = text.IndexOf(end, from, StringComparison.Ordinal);
        return at < 0 ? text.Length : at + end.Length - 1;
    }
}
