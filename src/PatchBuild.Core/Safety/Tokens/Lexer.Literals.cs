using System.Text;

namespace PatchBuild.Core.Safety.Tokens;

/// <summary>String literals, read to their values: regular, verbatim, interpolated, raw, SQL and single-line quotes.</summary>
internal static partial class Lexer
{
    private sealed partial class State
    {
        // C#/Java/JS literals: returns the index after the literal, or -1 when none starts here.
        private int CString(int i)
        {
            char c = text[i];
            if (c == '\'')
            {
                return Quoted(i, i + 1, '\'', escapes: true, multiline: false, holes: false);
            }

            if (c == '`')
            {
                return Quoted(i, i + 1, '`', escapes: true, multiline: true, holes: false);
            }

            int j = i;
            int dollars = 0;
            bool verbatim = false;
            while (j < end && (text[j] == '$' || (text[j] == '@' && !verbatim)))
            {
                if (text[j] == '$')
                {
                    dollars++;
                }
                else
                {
                    verbatim = true;
                }

                j++;
            }

            if (j >= end || text[j] != '"')
            {
                return -1;
            }

            int quotes = 0;
            while (j + quotes < end && text[j + quotes] == '"')
            {
                quotes++;
            }

            if (quotes >= 3)
            {
                return Raw(i, j, quotes);
            }

            if (quotes == 2 && !verbatim)
            {
                AddString(i, j + 2, "");
                return j + 2;
            }

            return verbatim ? Verbatim(i, j + 1, dollars > 0) : Quoted(i, j + 1, '"', escapes: true, multiline: false, holes: dollars > 0);
        }

        private int Quoted(int start, int i, char quote, bool escapes, bool multiline, bool holes)
        {
            var value = new StringBuilder();
            while (i < end)
            {
                char c = text[i];
                if (c == quote)
                {
                    AddString(start, i + 1, value.ToString());
                    return i + 1;
                }

                if (!multiline && c is '\n' or '\r')
                {
                    break;
                }

                if (escapes && c == '\\' && i + 1 < end)
                {
                    i = Unescape(i, value);
                    continue;
                }

                if (holes && c == '{')
                {
                    i = Hole(i, value);
                    continue;
                }

                value.Append(c);
                i++;
            }

            // Unterminated: the value runs to the end of the line, as a compiler's error recovery would read it.
            AddString(start, i, value.ToString());
            return i;
        }

        private int Verbatim(int start, int i, bool holes)
        {
            var value = new StringBuilder();
            while (i < end)
            {
                char c = text[i];
                if (c == '"')
                {
                    if (i + 1 < end && text[i + 1] == '"')
                    {
                        value.Append('"');
                        i += 2;
                        continue;
                    }

                    AddString(start, i + 1, value.ToString());
                    return i + 1;
                }

                if (holes && c == '{')
                {
                    i = Hole(i, value);
                    continue;
                }

                value.Append(c);
                i++;
            }

            AddString(start, end, value.ToString());
            return end;
        }

        private int Raw(int start, int open, int quotes)
        {
            int from = open + quotes;
            int i = from;
            while (i < end)
            {
                int at = text.AsSpan(i, end - i).IndexOf('"');
                if (at < 0)
                {
                    break;
                }

                at += i;
                int run = 0;
                while (at + run < end && text[at + run] == '"')
                {
                    run++;
                }

                if (run >= quotes)
                {
                    AddString(start, at + run, text[from..at]);
                    return at + run;
                }

                i = at + run;
            }

            AddString(start, end, text[from..end]);
            return end;
        }

        // An interpolation hole {expr} is kept as written: "DROP TABLE {t}" still reads as DROP TABLE.
        private int Hole(int i, StringBuilder value)
        {
            if (i + 1 < end && text[i + 1] == '{')
            {
                value.Append('{');
                return i + 2;
            }

            int depth = 0;
            int start = i;
            while (i < end)
            {
                char c = text[i];
                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && --depth == 0)
                {
                    i++;
                    break;
                }
                else if (c == '"')
                {
                    int close = text.AsSpan(i + 1, end - i - 1).IndexOfAny('"', '\n');
                    i = close < 0 ? end : i + 1 + close;
                }
                else if (c == '\n')
                {
                    break;
                }

                i++;
            }

            i = Math.Min(i, end);
            value.Append(text, start, i - start);
            return i;
        }

        private int Unescape(int i, StringBuilder value)
        {
            char e = text[i + 1];
            if (e is 'u' or 'U' && DecodeEscape(i, out char decoded, out int length))
            {
                value.Append(decoded);
                return i + length;
            }

            if (e == 'x')
            {
                int n = 0;
                int code = 0;
                while (n < 4 && i + 2 + n < end && char.IsAsciiHexDigit(text[i + 2 + n]))
                {
                    code = code * 16 + Convert.ToInt32(text[i + 2 + n].ToString(), 16);
                    n++;
                }

                if (n > 0)
                {
                    value.Append((char)code);
                    return i + 2 + n;
                }
            }

            value.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', 'a' => '\a', 'b' => '\b', 'f' => '\f', 'v' => '\v', _ => e });
            return i + 2;
        }

        private int SqlString(int i)
        {
            if (text[i] != '\'')
            {
                return -1;
            }

            int j = i + 1;
            var value = new StringBuilder();
            while (j < end)
            {
                if (text[j] == '\'')
                {
                    if (j + 1 < end && text[j + 1] == '\'')
                    {
                        value.Append('\'');
                        j += 2;
                        continue;
                    }

                    AddString(i, j + 1, value.ToString());
                    return j + 1;
                }

                value.Append(text[j]);
                j++;
            }

            AddString(i, end, value.ToString());
            return end;
        }

        private int LineString(int i)
        {
            char quote = text[i];
            if (quote is not ('"' or '\''))
            {
                return -1;
            }

            int j = i + 1;
            while (j < end && text[j] != quote && text[j] is not ('\n' or '\r'))
            {
                j += text[j] == '\\' && j + 1 < end && text[j + 1] is not ('\n' or '\r') ? 2 : 1;
            }

            if (j >= end || text[j] != quote)
            {
                return -1;
            }

            AddString(i, j + 1, text[(i + 1)..j]);
            return j + 1;
        }

        private void AddString(int start, int stop, string value) => Add(new Token(TokenKind.String, value, start, stop));
    }
}
