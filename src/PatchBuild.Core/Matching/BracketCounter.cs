namespace PatchBuild.Core.Matching;

/// <summary>
/// Counts brackets ({} () []) line by line, skipping string and char literals, // line comments and /* */ block
/// comments, so that a brace inside "a { string" neither opens a block nor upsets the balance check.
/// Literals are assumed to end on their line; that is right for the languages whose blocks we measure.
/// </summary>
internal sealed class BracketCounter
{
    private bool _inBlockComment;

    /// <summary>Net opening brackets on the line, and the lowest running depth reached inside it (relative to its start).</summary>
    public (int Net, int Lowest) Count(ReadOnlySpan<char> line)
    {
        int depth = 0, lowest = 0;
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (_inBlockComment)
            {
                if (c == '*' && i + 1 < line.Length && line[i + 1] == '/')
                {
                    _inBlockComment = false;
                    i++;
                }

                continue;
            }

            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '/' when i + 1 < line.Length && line[i + 1] == '/':
                    return (depth, lowest);
                case '/' when i + 1 < line.Length && line[i + 1] == '*':
                    _inBlockComment = true;
                    i++;
                    break;
                case '"':
                    quote = c;
                    break;
                case '\'' when LooksLikeCharLiteral(line, i):
                    quote = c;
                    break;
                case '{' or '(' or '[':
                    depth++;
                    break;
                case '}' or ')' or ']':
                    depth--;
                    lowest = Math.Min(lowest, depth);
                    break;
            }
        }

        return (depth, lowest);
    }

    /// <summary>Net bracket balance of a whole text.</summary>
    public static int Balance(IEnumerable<string> lines)
    {
        var counter = new BracketCounter();
        int total = 0;
        foreach (string line in lines)
        {
            total += counter.Count(line).Net;
        }

        return total;
    }

    // An apostrophe inside a word ("don't") is prose, not a literal; a quote needs its closing partner on the line.
    private static bool LooksLikeCharLiteral(ReadOnlySpan<char> line, int i) =>
        !(i > 0 && char.IsLetterOrDigit(line[i - 1])) && line[(i + 1)..].Contains('\'');
}
