using System.Text.Json;

namespace PatchBuild.Core.Formats.JsonPatch.Jsonc;

/// <summary>
/// Reads JSON with the extensions .NET configuration files allow (// and /* */ comments, trailing commas) into
/// lossless <see cref="JsoncContainer"/>s. One linear pass with an explicit stack: deep nesting gives a clear error
/// at <see cref="MaxDepth"/>, never a stack overflow.
/// </summary>
internal static class JsoncParser
{
    public const int MaxDepth = 256;

    private sealed class Frame(JsoncContainer container, JsoncElement owner, int gapStart)
    {
        public JsoncContainer Container { get; } = container;
        public JsoncElement Owner { get; } = owner;
        public int GapStart { get; set; } = gapStart;
        public bool ExpectElement { get; set; } = true;
    }

    /// <summary>A whole document: trivia, one value, trivia.</summary>
    public static (Seg Leading, JsoncElement Root, Seg Trailing) ParseDocument(string text)
    {
        int start = SkipTrivia(text, 0);
        if (start >= text.Length)
        {
            throw new JsoncSyntaxException("the file holds no JSON value (it is empty or only comments)");
        }

        int end = start;
        var root = ParseValue(text, ref end, null, 0, "");
        int after = SkipTrivia(text, end);
        if (after < text.Length)
        {
            throw Error(text, after, "unexpected text after the end of the JSON value");
        }

        return (new Seg(text, 0, start), root, new Seg(text, end, text.Length - end));
    }

    /// <summary>
    /// A value written by the editor (a new or moved value) that will sit inside <paramref name="owner"/>, on a line
    /// indented by <paramref name="baseIndent"/>.
    /// </summary>
    public static JsoncElement ParseFragment(string text, JsoncContainer? owner, string baseIndent)
    {
        int position = 0;
        var element = ParseValue(text, ref position, owner, owner?.Depth ?? 0, baseIndent);
        if (SkipTrivia(text, position) != text.Length)
        {
            throw Error(text, position, "unexpected text after the value");
        }

        return element;
    }

    private static JsoncElement ParseValue(string s, ref int pos, JsoncContainer? owner, int baseDepth, string baseIndent)
    {
        var result = new JsoncElement();
        var frames = new Stack<Frame>();
        var target = result;
        int p = pos;
        while (true)
        {
            // p is at the start of the value of `target`.
            if (p >= s.Length)
            {
                throw Error(s, p, "the file ends where a value was expected");
            }

            char c = s[p];
            if (c is '{' or '[')
            {
                int depth = (owner?.Depth ?? baseDepth) + 1;
                if (depth > MaxDepth)
                {
                    throw Error(s, p, $"objects and arrays are nested more than {MaxDepth} levels deep");
                }

                var container = new JsoncContainer(c == '{', s, p, depth, baseIndent) { Parent = owner };
                target.Container = container;
                frames.Push(new Frame(container, target, p + 1));
                p++;
            }
            else
            {
                int end = ScanScalar(s, p);
                target.ValueText = new Seg(s, p, end - p);
                p = end;
                if (frames.Count == 0)
                {
                    pos = p;
                    return result;
                }

                frames.Peek().GapStart = p;
            }

            // Walk through punctuation and closing brackets until the next value starts.
            while (true)
            {
                var frame = frames.Peek();
                var container = frame.Container;
                int q = SkipTrivia(s, p);
                if (q >= s.Length)
                {
                    throw Error(s, q, $"the file ends inside an {(container.IsObject ? "object" : "array")} (a '{container.Close}' is missing)");
                }

                char ch = s[q];
                if (ch == container.Close)
                {
                    container.Gaps.Add(new Seg(s, frame.GapStart, q - frame.GapStart));
                    container.End = q + 1;
                    frame.Owner.ValueText = new Seg(s, container.Start, container.End - container.Start);
                    frames.Pop();
                    p = q + 1;
                    if (frames.Count == 0)
                    {
                        pos = p;
                        return result;
                    }

                    frames.Peek().GapStart = p;
                    continue;
                }

                if (!frame.ExpectElement)
                {
                    if (ch != ',')
                    {
                        throw Error(s, q, $"expected ',' or '{container.Close}'");
                    }

                    frame.ExpectElement = true;
                    p = q + 1;
                    continue;
                }

                if (ch == ',')
                {
                    throw Error(s, q, "unexpected ',' (an element is missing)");
                }

                var element = new JsoncElement();
                container.Gaps.Add(new Seg(s, frame.GapStart, q - frame.GapStart));
                container.Elements.Add(element);
                frame.ExpectElement = false;
                if (container.IsObject)
                {
                    if (ch != '"')
                    {
                        throw Error(s, q, "expected a member name in double quotes");
                    }

                    int keyEnd = ScanString(s, q);
                    element.KeyText = new Seg(s, q, keyEnd - q);
                    element.Key = DecodeString(s, q, keyEnd);
                    int colon = SkipTrivia(s, keyEnd);
                    if (colon >= s.Length || s[colon] != ':')
                    {
                        throw Error(s, colon, "expected ':' after the member name");
                    }

                    q = SkipTrivia(s, colon + 1);
                    element.Colon = new Seg(s, keyEnd, q - keyEnd);
                }

                target = element;
                owner = container;
                p = q;
                break;
            }
        }
    }

    /// <summary>Skips whitespace and comments; returns the first position of anything else.</summary>
    public static int SkipTrivia(string s, int p)
    {
        while (p < s.Length)
        {
            char c = s[p];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                p++;
            }
            else if (c == '/' && p + 1 < s.Length && s[p + 1] == '/')
            {
                int end = s.AsSpan(p).IndexOfAny('\n', '\r');
                p = end < 0 ? s.Length : p + end;
            }
            else if (c == '/' && p + 1 < s.Length && s[p + 1] == '*')
            {
                int end = s.IndexOf("*/", p + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error(s, p, "a /* comment is never closed with */");
                }

                p = end + 2;
            }
            else
            {
                break;
            }
        }

        return p;
    }

    private static int ScanScalar(string s, int p)
    {
        char c = s[p];
        if (c == '"')
        {
            return ScanString(s, p);
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ScanNumber(s, p);
        }

        foreach (string literal in (ReadOnlySpan<string>)["true", "false", "null"])
        {
            if (string.CompareOrdinal(s, p, literal, 0, literal.Length) == 0)
            {
                return p + literal.Length;
            }
        }

        throw Error(s, p, $"unexpected character '{c}' where a value was expected");
    }

    private static int ScanString(string s, int p)
    {
        int i = p + 1;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '"')
            {
                return i + 1;
            }

            if (c == '\\')
            {
                char next = i + 1 < s.Length ? s[i + 1] : '\0';
                if (next == 'u')
                {
                    if (i + 6 > s.Length || !IsHex4(s, i + 2))
                    {
                        throw Error(s, i, "'\\u' must be followed by four hex digits");
                    }

                    i += 6;
                    continue;
                }

                if (next is not ('"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't'))
                {
                    throw Error(s, i, "invalid escape in a string");
                }

                i += 2;
                continue;
            }

            if (c < ' ')
            {
                throw Error(s, i, "a string contains a line break or control character (a closing quote may be missing)");
            }

            i++;
        }

        throw Error(s, p, "a string is never closed with '\"'");
    }

    private static bool IsHex4(string s, int start)
    {
        for (int k = start; k < start + 4; k++)
        {
            if (!char.IsAsciiHexDigit(s[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static int ScanNumber(string s, int p)
    {
        int i = p;
        if (s[i] == '-')
        {
            i++;
        }

        if (i < s.Length && s[i] == '0')
        {
            i++;
        }
        else if (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }
        else
        {
            throw Error(s, p, "invalid number");
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length || !char.IsAsciiDigit(s[i]))
            {
                throw Error(s, p, "invalid number: digits must follow '.'");
            }

            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            if (i >= s.Length || !char.IsAsciiDigit(s[i]))
            {
                throw Error(s, p, "invalid number: digits must follow the exponent");
            }

            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        return i;
    }

    private static string DecodeString(string s, int start, int end)
    {
        var inner = s.AsSpan(start + 1, end - start - 2);
        if (!inner.Contains('\\'))
        {
            return inner.ToString();
        }

        try
        {
            return JsonSerializer.Deserialize<string>(s.AsSpan(start, end - start))!;
        }
        catch (JsonException)
        {
            throw Error(s, start, "a member name has an invalid escape");
        }
    }

    private static JsoncSyntaxException Error(string s, int position, string what)
    {
        position = Math.Min(position, s.Length);
        int line = 1, column = 1;
        for (int i = 0; i < position; i++)
        {
            if (s[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new JsoncSyntaxException($"line {line}, column {column}: {what}");
    }
}
