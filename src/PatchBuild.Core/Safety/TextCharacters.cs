using System.Buffers;
using PatchBuild.Core.Safety.Tokens;

namespace PatchBuild.Core.Safety;

/// <summary>
/// PB1009's characters: what makes text display other than it reads. C0 and C1 controls (except tab and form feed),
/// DEL, the bidirectional embeddings, overrides and isolates of the Trojan Source attack, and the Unicode line and
/// paragraph separators (an editor breaks the line there, a compiler does not, so a statement can hide in a comment).
/// </summary>
internal static class TextCharacters
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
    [
        .. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\f')).Select(c => (char)c),
        '\u007f',
        .. Enumerable.Range(0x80, 0x20).Select(c => (char)c),
        '\u202a', '\u202b', '\u202c', '\u202d', '\u202e',
        '\u2066', '\u2067', '\u2068', '\u2069',
        '\u2028', '\u2029',
    ]);

    /// <summary>Index of the first forbidden character of a line, or -1.</summary>
    public static int FirstForbidden(ReadOnlySpan<char> line) => line.IndexOfAny(Forbidden);

    public static string Describe(char c) => c switch
    {
        >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' => $"bidirectional control U+{(int)c:X4}",
        '\u2028' or '\u2029' => $"line/paragraph separator U+{(int)c:X4}",
        _ => $"control character U+{(int)c:X4}",
    };

    /// <summary>
    /// A format character (Unicode Cf) inside an identifier of C-family code: invisible, dropped by the compiler, and
    /// only there to make a name read as something else. Null when the line holds none.
    /// </summary>
    public static char? FormatCharacterInIdentifier(ReadOnlySpan<char> line)
    {
        int first = -1;
        for (int i = 0; i < line.Length; i++)
        {
            if (Lexer.IsFormatCharacter(line[i]) || (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is 'u' or 'U'))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return null;
        }

        string text = line.ToString();
        foreach (var token in Lexer.Tokenize(text, LexProfile.CFamily))
        {
            if (token.HadFormatCharacter)
            {
                foreach (char c in text.AsSpan(token.Start, token.End - token.Start))
                {
                    if (Lexer.IsFormatCharacter(c))
                    {
                        return c;
                    }
                }

                return '\u200b'; // written as a \u escape
            }
        }

        return null;
    }
}
