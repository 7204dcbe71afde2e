using System.Globalization;
using System.Text;

namespace PatchBuild.Core.Safety.Tokens;

/// <summary>
/// Turns text into the normalised token stream the rules read: comments gone, whitespace reduced to
/// <see cref="Token.SpaceBefore"/>, identifiers spelled as the compiler reads them (\u escapes decoded, format
/// characters dropped), string literals reduced to their values. One forward pass: linear in the text, whatever it holds.
/// </summary>
internal static partial class Lexer
{
    public static List<Token> Tokenize(string text, LexProfile profile) => Tokenize(text, 0, text.Length, profile);

    public static List<Token> Tokenize(string text, int start, int end, LexProfile profile)
    {
        var tokens = new List<Token>();
        var lexer = new State(text, end, profile, tokens);
        lexer.Run(start);
        return profile.CStrings || profile.LineStrings ? MergeConcatenatedStrings(tokens) : tokens;
    }

    /// <summary>True for characters of Unicode category Cf (zero-width spaces, joiners, bidi controls…).</summary>
    public static bool IsFormatCharacter(char c) => c >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    public static bool IsWordCharacter(char c)
    {
        if (c < 0x80)
        {
            return char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.LetterNumber or UnicodeCategory.Format;
    }

    // "AKIA" + "IOSFODNN7EXAMPLE" and "AKIA" "IOSF…" are one literal to whoever reads the program, so they are one here.
    private static List<Token> MergeConcatenatedStrings(List<Token> tokens)
    {
        var merged = new List<Token>(tokens.Count);
        int i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.String)
            {
                merged.Add(token);
                i++;
                continue;
            }

            StringBuilder? value = null;
            int end = token.End;
            int next = i + 1;
            while (true)
            {
                int k = next;
                if (k < tokens.Count && tokens[k].Is('+'))
                {
                    k++;
                }

                while (k < tokens.Count && tokens[k].Kind == TokenKind.Newline)
                {
                    k++;
                }

                if (k >= tokens.Count || tokens[k].Kind != TokenKind.String)
                {
                    break;
                }

                value ??= new StringBuilder(token.Text);
                value.Append(tokens[k].Text);
                end = tokens[k].End;
                next = k + 1;
            }

            merged.Add(value is null ? token : token with { Text = value.ToString(), End = end });
            i = next;
        }

        return merged;
    }

    private sealed partial class State(string text, int end, LexProfile profile, List<Token> tokens)
    {
        private bool _space = true;

        public void Run(int i)
        {
            while (i < end)
            {
                char c = text[i];
                if (c is '\n' or '\r')
                {
                    LineBreak();
                    i++;
                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    _space = true;
                    i++;
                    continue;
                }

                if (profile.LineComment is { } line && StartsWith(i, line))
                {
                    i = EndOfLine(i);
                    _space = true;
                    continue;
                }

                if (profile.BlockOpen is { } open && StartsWith(i, open))
                {
                    int close = text.AsSpan(i + open.Length, end - i - open.Length).IndexOf(profile.BlockClose, StringComparison.Ordinal);
                    i = close < 0 ? end : i + open.Length + close + profile.BlockClose!.Length;
                    _space = true;
                    continue;
                }

                if (profile.HashComments && c == '#' && (_space || tokens.Count == 0))
                {
                    i = EndOfLine(i);
                    continue;
                }

                int next = profile.CStrings ? CString(i) : profile.SqlStrings ? SqlString(i) : profile.LineStrings ? LineString(i) : -1;
                if (next >= 0)
                {
                    i = next;
                    continue;
                }

                if (StartsWord(i))
                {
                    i = Word(i);
                    continue;
                }

                Add(new Token(TokenKind.Punct, PunctText(c), i, i + 1));
                i++;
            }
        }

        private static readonly string[] AsciiPunct = Enumerable.Range(0, 128).Select(n => ((char)n).ToString()).ToArray();

        private static string PunctText(char c) => c < 128 ? AsciiPunct[c] : c.ToString();

        private void Add(Token token)
        {
            tokens.Add(token with { SpaceBefore = _space });
            _space = false;
        }

        private void LineBreak()
        {
            _space = true;
            if (!profile.Newlines || tokens.Count == 0 || tokens[^1].Kind == TokenKind.Newline)
            {
                return;
            }

            // A trailing backslash (shell, Dockerfile) or backtick (PowerShell) continues the statement on the next line.
            if (tokens[^1].Kind == TokenKind.Punct && (tokens[^1].Is('\\') || tokens[^1].Is('`')))
            {
                tokens.RemoveAt(tokens.Count - 1);
                return;
            }

            tokens.Add(new Token(TokenKind.Newline, "\n", tokens[^1].End, tokens[^1].End));
        }

        private bool StartsWith(int i, string s) => end - i >= s.Length && text.AsSpan(i, s.Length).SequenceEqual(s);

        private int EndOfLine(int i)
        {
            int eol = text.AsSpan(i, end - i).IndexOfAny('\n', '\r');
            return eol < 0 ? end : i + eol;
        }

        private bool IsEscapeStart(int i) =>
            profile.IdentifierEscapes && text[i] == '\\' && i + 1 < end && text[i + 1] is 'u' or 'U';

        private bool StartsWord(int i)
        {
            char c = text[i];
            if (IsWordCharacter(c) || IsEscapeStart(i))
            {
                return true;
            }

            // C# verbatim identifiers (@class) and dash-led options (--force, -rf).
            return i + 1 < end && ((profile.IdentifierEscapes && c == '@' && IsWordCharacter(text[i + 1])) ||
                                   (profile.DashWords && c == '-' && (IsWordCharacter(text[i + 1]) || text[i + 1] == '-')));
        }

        private int Word(int start)
        {
            var word = new StringBuilder();
            bool format = false;
            int i = start;
            if (text[i] == '@' && profile.IdentifierEscapes)
            {
                i++;
            }

            while (i < end)
            {
                char c = text[i];
                if (IsEscapeStart(i) && DecodeEscape(i, out char decoded, out int length))
                {
                    i += length;
                    if (IsFormatCharacter(decoded))
                    {
                        format = true;
                    }
                    else
                    {
                        word.Append(decoded);
                    }

                    continue;
                }

                if (IsFormatCharacter(c))
                {
                    // Compilers drop these inside identifiers: Process.St\u200Bart is Process.Start.
                    format = true;
                    i++;
                    continue;
                }

                if (IsWordCharacter(c) || (profile.DashWords && c == '-'))
                {
                    word.Append(c);
                    i++;
                    continue;
                }

                if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]))
                {
                    word.Append(c).Append(text[i + 1]);
                    i += 2;
                    continue;
                }

                break;
            }

            if (i == start)
            {
                // A lone backslash-u that is no escape: punctuation.
                Add(new Token(TokenKind.Punct, PunctText(text[i]), i, i + 1));
                return i + 1;
            }

            if (word.Length > 0)
            {
                Add(new Token(TokenKind.Word, word.ToString(), start, i) { HadFormatCharacter = format });
            }
            else
            {
                _space = true;
            }

            return i;
        }

        private bool DecodeEscape(int i, out char decoded, out int length)
        {
            int digits = text[i + 1] == 'u' ? 4 : 8;
            decoded = '\0';
            length = 2 + digits;
            if (i + length > end || !int.TryParse(text.AsSpan(i + 2, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
            {
                return false;
            }

            if (code > 0xFFFF)
            {
                // Outside the basic plane: keep a placeholder letter so the word stays one word.
                decoded = '\uFFFD';
                return true;
            }

            decoded = (char)code;
            return true;
        }
    }
}
