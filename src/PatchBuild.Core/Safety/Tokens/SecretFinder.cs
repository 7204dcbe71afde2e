namespace PatchBuild.Core.Safety.Tokens;

/// <summary>
/// PB1006 over the plain token stream (comments kept: a key in a comment is leaked too). A secret is found by its
/// shape (AKIA…, ghp_…, xoxb-…, a private key block) in any literal or word, literals joined across '+' first, or by a
/// secret-named key given a literal value: <c>"ApiKey": "…"</c>, <c>password: hunter22</c>, <c>DB_PASSWORD=…</c>,
/// <c>Password=…;</c> inside a connection string.
/// </summary>
internal static class SecretFinder
{
    public static readonly string[] Keywords =
    [
        "PRIVATE KEY", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox",
        "key", "secret", "token", "pass", "pwd",
    ];

    private static readonly string[] PasswordNames = ["password", "passwd", "pwd"];

    private static readonly string[] SecretNames =
        ["secret", "token", "apikey", "accesskey", "secretkey", "privatekey", "accountkey", "authkey", "clientsecret", "connectionkey"];

    private static readonly HashSet<string> PlaceholderWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "changeme", "password", "secret", "example", "null", "none", "nil", "true", "false", "redacted", "todo", "xxx", "your-password",
        "yourpassword", "placeholder", "undefined", "empty", "required", "optional", "string",
    };

    private static readonly Phrase PrivateKey = Phrase.Of(false, Element.Word(false, "-----BEGIN"), Element.Skip(t => t.Kind == TokenKind.Word && t.Text != "PRIVATE" && t.Text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))),
        Element.Word(false, "PRIVATE"), Element.One(t => t.Text.StartsWith("KEY-----", StringComparison.Ordinal)));

    /// <summary>A secret found: where (an offset of the lexed text) and its value, which reports redact.</summary>
    public readonly record struct Hit(int Offset, string Value);

    /// <param name="bareValues">Whether an unquoted value counts (YAML, .env, shell), or only literals (code, docs).</param>
    public static void Find(List<Token> tokens, bool bareValues, List<Hit> hits)
    {
        foreach (var (start, end) in Statements.Of(tokens))
        {
            int key = PrivateKey.Find(tokens, start, end);
            if (key >= 0)
            {
                hits.Add(new Hit(tokens[key].Start, "-----BEGIN PRIVATE KEY-----"));
            }

            for (int i = start; i < end; i++)
            {
                var token = tokens[i];
                if (token.Kind is TokenKind.String or TokenKind.Word && Shape(token.Text) is { } shaped)
                {
                    hits.Add(new Hit(token.Start, shaped));
                    continue;
                }

                if (token.Kind == TokenKind.String && token.Text.Contains('=') && InConnectionString(token) is { } inner)
                {
                    hits.Add(new Hit(token.Start, inner));
                    continue;
                }

                if (token.Kind is TokenKind.Word or TokenKind.String && i + 1 < end && (tokens[i + 1].Is(':') || tokens[i + 1].Is('=')) &&
                    Value(tokens, i + 2, end, bareValues) is { } value && IsSecretValue(token.Text, value))
                {
                    hits.Add(new Hit(token.Start, value));
                }
            }
        }
    }

    // Server=db;User Id=sa;Password=Hunter2!x; inside one literal.
    private static string? InConnectionString(Token literal)
    {
        var inner = new List<Hit>();
        Find(Lexer.Tokenize(literal.Text.Replace(';', '\n'), LexProfile.Plain), bareValues: true, inner);
        return inner.Count > 0 ? inner[0].Value : null;
    }

    private static string? Value(List<Token> tokens, int at, int end, bool bareValues)
    {
        if (at < end && tokens[at].Is('>'))
        {
            return null; // => is a lambda or a C# expression body, not an assignment of a value
        }

        if (at < end && tokens[at].Kind == TokenKind.String)
        {
            return tokens[at].Text;
        }

        if (!bareValues || at >= end || tokens[at].Kind == TokenKind.Newline)
        {
            return null;
        }

        // An unquoted value: the tokens glued to each other, up to a space, ';', ',' or the end of the line.
        int i = at;
        var value = new System.Text.StringBuilder();
        while (i < end && tokens[i].Kind != TokenKind.Newline && !tokens[i].Is(';') && !tokens[i].Is(',') && (i == at || !tokens[i].SpaceBefore) && value.Length < 512)
        {
            value.Append(tokens[i].Text);
            i++;
        }

        return value.ToString();
    }

    private static bool IsSecretValue(string keyText, string value)
    {
        string key = new(keyText.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        string v = value.Trim();
        if (IsPlaceholder(v) || v.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (PasswordNames.Any(n => key.EndsWith(n, StringComparison.Ordinal)))
        {
            return v.Length >= 6 && !v.All(char.IsAsciiDigit) && !PlaceholderWords.Contains(v);
        }

        if (SecretNames.Any(n => key.EndsWith(n, StringComparison.Ordinal)))
        {
            return v.StartsWith("eyJ", StringComparison.Ordinal) ||
                   (v.Length >= 16 && v.Any(char.IsLetter) && v.Any(char.IsDigit) && !v.Contains('.') && !v.Contains("://", StringComparison.Ordinal));
        }

        return false;
    }

    private static bool IsPlaceholder(string v) =>
        v.Length == 0 || v[0] is '$' or '{' or '<' or '%' or '*' or '[' or '(' or '@' || v.StartsWith("#{", StringComparison.Ordinal) ||
        v.Contains("${", StringComparison.Ordinal) || v.Contains("{{", StringComparison.Ordinal) || v.Contains("$(", StringComparison.Ordinal) ||
        v.All(c => c is 'x' or 'X' or '*' or '.' or '-' or '_');

    /// <summary>A well-known token shape inside a text, or null.</summary>
    public static string? Shape(string text)
    {
        if (text.Length < 12)
        {
            return null;
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1]))
            {
                continue;
            }

            var rest = text.AsSpan(i);
            if ((rest.StartsWith("AKIA") || rest.StartsWith("ASIA")) && Run(rest[4..], c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)) == 16 &&
                (rest.Length == 20 || !char.IsAsciiLetterOrDigit(rest[20])))
            {
                return rest[..20].ToString();
            }

            if (rest.Length > 4 && rest.StartsWith("gh") && rest[2] is 'p' or 'o' or 'u' or 's' or 'r' && rest[3] == '_' && Run(rest[4..], char.IsAsciiLetterOrDigit) >= 36)
            {
                return rest[..(4 + Run(rest[4..], char.IsAsciiLetterOrDigit))].ToString();
            }

            if (rest.StartsWith("github_pat_") && Run(rest[11..], c => char.IsAsciiLetterOrDigit(c) || c == '_') >= 22)
            {
                return rest[..(11 + Run(rest[11..], c => char.IsAsciiLetterOrDigit(c) || c == '_'))].ToString();
            }

            if (rest.Length > 5 && rest.StartsWith("xox") && rest[3] is 'a' or 'b' or 'p' or 'o' or 's' or 'r' && rest[4] == '-' &&
                Run(rest[5..], c => char.IsAsciiLetterOrDigit(c) || c == '-') >= 10)
            {
                return rest[..(5 + Run(rest[5..], c => char.IsAsciiLetterOrDigit(c) || c == '-'))].ToString();
            }
        }

        return null;
    }

    private static int Run(ReadOnlySpan<char> s, Func<char, bool> accept)
    {
        int n = 0;
        while (n < s.Length && accept(s[n]))
        {
            n++;
        }

        return n;
    }
}
