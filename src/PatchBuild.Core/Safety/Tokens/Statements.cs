namespace PatchBuild.Core.Safety.Tokens;

/// <summary>A statement is what the rules judge as one unit: tokens up to a ';' (or a line break where lines end statements).</summary>
internal static class Statements
{
    public static IEnumerable<(int Start, int End)> Of(List<Token> tokens)
    {
        int start = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Newline || tokens[i].Is(';'))
            {
                if (i > start)
                {
                    yield return (start, i);
                }

                start = i + 1;
            }
        }

        if (tokens.Count > start)
        {
            yield return (start, tokens.Count);
        }
    }
}
