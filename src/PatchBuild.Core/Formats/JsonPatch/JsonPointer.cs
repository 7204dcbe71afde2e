using System.Text;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>An RFC 6901 JSON Pointer: "" is the whole document, "/a/0" member "a" then element 0.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    /// <summary>The reference tokens, unescaped ("~1" is '/', "~0" is '~').</summary>
    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    /// <summary>Parses pointer text; returns null and a reason when it is not a valid pointer.</summary>
    public static JsonPointer? TryParse(string text, out string? problem)
    {
        problem = null;
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            problem = "a JSON Pointer is empty (the whole document) or starts with '/'";
            return null;
        }

        var tokens = new List<string>();
        var token = new StringBuilder();
        for (int i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '/')
            {
                tokens.Add(token.ToString());
                token.Clear();
                continue;
            }

            char c = text[i];
            if (c != '~')
            {
                token.Append(c);
                continue;
            }

            char next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (next == '0')
            {
                token.Append('~');
            }
            else if (next == '1')
            {
                token.Append('/');
            }
            else
            {
                problem = "'~' must be followed by '0' (for '~') or '1' (for '/')";
                return null;
            }

            i++;
        }

        return new JsonPointer(text, tokens);
    }

    public static JsonPointer Parse(string text) =>
        TryParse(text, out string? problem) ?? throw new ArgumentException(problem, nameof(text));

    /// <summary>The pointer to the parent of what this pointer names (the root has none).</summary>
    public JsonPointer Parent => new(ParentText(), Tokens.Take(Tokens.Count - 1).ToList());

    public string Last => Tokens[^1];

    /// <summary>True when this pointer names something strictly inside what <paramref name="other"/> names.</summary>
    public bool IsProperChildOf(JsonPointer other) =>
        Tokens.Count > other.Tokens.Count && other.Tokens.Select((t, i) => t == Tokens[i]).All(same => same);

    /// <summary>The pointer text of the first <paramref name="count"/> tokens, for messages.</summary>
    public string Prefix(int count) => count == 0 ? "" : "/" + string.Join('/', Tokens.Take(count).Select(Escape));

    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>
    /// An array index as RFC 6901 allows it: "0" or digits without a leading zero. Returns -1 for anything else
    /// (and for numbers too large to be an index).
    /// </summary>
    public static int ArrayIndex(string token)
    {
        if (token.Length == 0 || token.Length > 9 || (token.Length > 1 && token[0] == '0'))
        {
            return -1;
        }

        int value = 0;
        foreach (char c in token)
        {
            if (c is < '0' or > '9')
            {
                return -1;
            }

            value = (value * 10) + (c - '0');
        }

        return value;
    }

    public override string ToString() => Text;

    private string ParentText() => Prefix(Tokens.Count - 1);
}
