using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PatchBuild.Core.Formats.JsonPatch.Jsonc;

/// <summary>
/// Reads JSON with the extensions .NET configuration files allow (// and /* */ comments, trailing commas) into
/// lossless <see cref="JsoncContainer"/>s. The whole text is validated once by <see cref="Utf8JsonReader"/>
/// (iterative, allocation-free, depth-limited: deep nesting is a clear error, never a stack overflow); after that
/// a container's children are sliced out only when an operation reaches into it, so a large document costs one
/// validation pass plus the containers the pointers visit.
/// </summary>
internal static class JsoncParser
{
    public const int MaxDepth = 256;

        private static readonly SearchValues<char> StringEnd = SearchValues.Create("\"\\");

    /// <summary>A whole document: trivia, one value, trivia.</summary>
    public static (Seg Leading, JsoncElement Root, Seg Trailing) ParseDocument(string text)
    {
        int start = SkipTrivia(text, 0);
        if (start >= text.Length)
        {
            throw new JsoncSyntaxException("the file holds no JSON value (it is empty or only comments)");
        }

        Validate(text, 0);
        var root = ReadRoot(text, start);
        int end = root.ValueText.Start + root.ValueText.Length;
        return (new Seg(text, 0, start), root, new Seg(text, end, text.Length - end));
    }

    /// <summary>
    /// A value written by the editor (a new or moved value) that will sit inside <paramref name="owner"/>, on a line
    /// indented by <paramref name="baseIndent"/>.
    /// </summary>
    public static JsoncElement ParseFragment(string text, JsoncContainer? owner, string baseIndent)
    {
        int depth = owner?.Depth ?? 0;
        Validate(text, depth);
        return ReadValue(text, SkipTrivia(text, 0), owner, depth, baseIndent);
    }

    /// <summary>Slices a container's children out of its text (called once, when something first looks inside); returns the position after its closing bracket.</summary>
    public static int ReadChildren(JsoncContainer container, List<JsoncElement> elements, List<Seg> gaps)
    {
        string s = container.Source;
        int p = container.Start + 1;
        int gapStart = p;
        while (true)
        {
            int q = SkipTrivia(s, p);
            char ch = s[q];
            if (ch == container.Close)
            {
                gaps.Add(new Seg(s, gapStart, q - gapStart));
                return q + 1;
            }

            if (ch == ',')
            {
                p = q + 1;
                continue;
            }

            gaps.Add(new Seg(s, gapStart, q - gapStart));
            var element = new JsoncElement();
            if (container.IsObject)
            {
                int keyEnd = SkipString(s, q);
                element.KeyText = new Seg(s, q, keyEnd - q);
                element.Key = DecodeString(s, q, keyEnd);
                int colon = SkipTrivia(s, keyEnd);
                q = SkipTrivia(s, colon + 1);
                element.Colon = new Seg(s, keyEnd, q - keyEnd);
            }

            var value = ReadValue(s, q, container, container.Depth, container.BaseIndent);
            element.ValueText = value.ValueText;
            element.Container = value.Container;
            elements.Add(element);
            p = gapStart = q + value.ValueText.Length;
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
                p = end < 0 ? s.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        return p;
    }

    // Every operation looks inside the root, so its children are read now, and that same pass finds where it ends:
    // a large document is scanned once instead of twice.
    private static JsoncElement ReadRoot(string s, int start)
    {
        if (s[start] is not ('{' or '['))
        {
            return ReadValue(s, start, null, 0, "");
        }

        var container = new JsoncContainer(s[start] == '{', s, start, 1, "");
        container.End = container.ReadChildrenNow();
        return new JsoncElement { ValueText = new Seg(s, start, container.End - start), Container = container };
    }

    private static JsoncElement ReadValue(string s, int start, JsoncContainer? owner, int ownerDepth, string baseIndent)
    {
        int end = SkipValue(s, start);
        var element = new JsoncElement { ValueText = new Seg(s, start, end - start) };
        if (s[start] is '{' or '[')
        {
            element.Container = new JsoncContainer(s[start] == '{', s, start, ownerDepth + 1, baseIndent) { Parent = owner, End = end };
        }

        return element;
    }

    // Only ever runs on validated text, so it can look for structure and nothing else. A plain loop beats a
    // vectorized search here: in typical JSON the next quote or bracket is a few characters away.
    private static int SkipValue(string s, int p)
    {
        char c = s[p];
        if (c == '"')
        {
            return SkipString(s, p);
        }

        if (c is not ('{' or '['))
        {
            int i = p;
            while (i < s.Length && s[i] is not (',' or '}' or ']' or ' ' or '\t' or '\n' or '\r' or '/'))
            {
                i++;
            }

            return i;
        }

        int depth = 0;
        int at = p;
        while (true)
        {
            switch (s[at])
            {
                case '"':
                    at = SkipString(s, at);
                    break;
                case '{' or '[':
                    depth++;
                    at++;
                    break;
                case '}' or ']':
                    at++;
                    if (--depth == 0)
                    {
                        return at;
                    }

                    break;
                case '/':
                    int after = SkipTrivia(s, at);
                    at = after == at ? at + 1 : after;
                    break;
                default:
                    at++;
                    break;
            }
        }
    }

    private static int SkipString(string s, int p)
    {
        // Short strings (names, small values) end within a few characters; long ones switch to a vectorized search.
        int i = p + 1;
        int scalarEnd = Math.Min(s.Length, i + 32);
        while (i < scalarEnd)
        {
            char c = s[i];
            if (c == '"')
            {
                return i + 1;
            }

            i += c == '\\' ? 2 : 1;
        }

        while (true)
        {
            i += s.AsSpan(i).IndexOfAny(StringEnd);
            if (s[i] == '"')
            {
                return i + 1;
            }

            i += 2;
        }
    }

    private static void Validate(string text, int baseDepth)
    {
        // A pooled buffer: a large document would otherwise cost a fresh large-object array on every open.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(text));
        try
        {
            int length = Encoding.UTF8.GetBytes(text, buffer);
            Validate(buffer.AsSpan(0, length), baseDepth);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Validate(ReadOnlySpan<byte> utf8, int baseDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = MaxDepth + 1,
        });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && baseDepth + reader.CurrentDepth >= MaxDepth)
                {
                    throw Error(utf8, (int)reader.TokenStartIndex, $"objects and arrays are nested more than {MaxDepth} levels deep");
                }
            }
        }
        catch (JsonException ex)
        {
            string message = ex.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            string what = (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
            throw new JsoncSyntaxException($"line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1}: {what}");
        }
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
            return JsonSerializer.Deserialize(s.AsSpan(start, end - start), JsonValueContext.Default.String)!;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // An escape that is no text (a lone surrogate): such a name can only be matched as written.
            return inner.ToString();
        }
    }

    private static JsoncSyntaxException Error(ReadOnlySpan<byte> utf8, int position, string what)
    {
        int line = 1, column = 1;
        for (int i = 0; i < position && i < utf8.Length; i++)
        {
            if (utf8[i] == '\n')
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
