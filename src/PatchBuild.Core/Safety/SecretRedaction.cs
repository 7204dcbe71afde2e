namespace PatchBuild.Core.Safety;

/// <summary>
/// How a secret is shown: never in full, in any report (dry-run diff, --json, check JSON, SARIF, build log). A
/// long value keeps its first and last four characters so a person can tell which key leaked (AKIA…MPLE); a short
/// one shows nothing. A "name = value" match keeps the name.
/// </summary>
public static class SecretRedaction
{
    public static string Redact(string match)
    {
        if (match.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return match + "…(redacted)"; // the armour line names the kind of key; the key itself is on the lines after it
        }

        int split = match.LastIndexOfAny(['=', ':']);
        if (split >= 0 && split < match.Length - 1)
        {
            int valueStart = split + 1;
            while (valueStart < match.Length && match[valueStart] is ' ' or '\t' or '"' or '\'')
            {
                valueStart++;
            }

            return match[..valueStart] + RedactValue(match[valueStart..].TrimEnd('"', '\''));
        }

        return RedactValue(match);
    }

    /// <summary>
    /// Every occurrence of each secret in the text replaced by its redacted form; for a private key, every line
    /// between its BEGIN and END armour lines.
    /// </summary>
    public static string Mask(string text, IEnumerable<string> secrets)
    {
        var list = secrets.Where(s => s.Length > 0).Distinct().OrderByDescending(s => s.Length).ToList();
        if (list.Any(s => s.Contains("PRIVATE KEY", StringComparison.Ordinal)))
        {
            text = PrivateKeyBody.Replace(text, m => m.Groups["begin"].Value + "\n+…(redacted)\n" + m.Groups["end"].Value);
        }

        foreach (string secret in list)
        {
            text = text.Replace(secret, Redact(secret), StringComparison.Ordinal);
        }

        return text;
    }

    private static readonly System.Text.RegularExpressions.Regex PrivateKeyBody = new(
        @"(?<begin>-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----)[^\n]*\n(?:[^\n]*\n)*?(?<end>[^\n]*-----END )",
        System.Text.RegularExpressions.RegexOptions.NonBacktracking);

    private static string RedactValue(string value) =>
        value.Length >= 16 ? $"{value[..4]}…{value[^4..]}"
        : value.Length >= 8 ? $"{value[..2]}…(redacted)"
        : "…(redacted)";
}
