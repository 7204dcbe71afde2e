namespace PatchBuild.Core.Matching;

/// <summary>
/// Decoration an AI (or a chat window) puts in front of a line of code: bullets, list numbers, comment openers and
/// diff markers. Only such prefixes are stripped — never identifiers or member access — so "count = 0" never
/// matches "self.count = 0".
/// </summary>
public static class LineDecoration
{
    /// <summary>The trimmed line without its decoration; the same instance when it has none.</summary>
    public static string Strip(string trimmed)
    {
        string current = trimmed;
        for (int round = 0; round < 3; round++)
        {
            int length = PrefixLength(current);
            if (length == 0 || length >= current.Length)
            {
                break;
            }

            current = current[length..].TrimStart();
        }

        return current;
    }

    private static int PrefixLength(string s)
    {
        if (s.StartsWith("//", StringComparison.Ordinal))
        {
            return 2;
        }

        if (s.StartsWith("-- ", StringComparison.Ordinal))
        {
            return 3;
        }

        char c = s[0];
        if (c == '#' && s.Length > 1 && s[1] != '!' && s[1] != '[')
        {
            return 1;
        }

        // Bullets need a space after them: "*p = 0" and "- x" differ.
        if ((c == '-' || c == '*' || c == '+' || c == '•') && s.Length > 1 && s[1] == ' ')
        {
            return 2;
        }

        // Diff markers glued to code: "+foo();", "-return x;". Not before digits, signs or operators ("-1", "++i", "-=").
        if ((c == '+' || c == '-') && s.Length > 1 && (char.IsLetter(s[1]) || s[1] == '_'))
        {
            return 1;
        }

        int digits = 0;
        while (digits < s.Length && digits < 4 && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits > 0 && digits + 1 < s.Length && (s[digits] == '.' || s[digits] == ')') && s[digits + 1] == ' ')
        {
            return digits + 2;
        }

        return 0;
    }
}
