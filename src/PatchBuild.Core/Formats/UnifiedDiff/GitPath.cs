using System.Text;

namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// Path syntax of diff headers: git's C-style quoted names ("a/with space", octal-escaped UTF-8 bytes),
/// timestamps after a tab in plain diffs, and the two names of a "diff --git" line.
/// </summary>
internal static class GitPath
{
    /// <summary>The path of a "---" or "+++" line's value; null for /dev/null.</summary>
    public static string? FromFileLine(string value)
    {
        string path;
        if (value.StartsWith('"') && TryReadQuoted(value, 0, out path, out _))
        {
            return path == "/dev/null" ? null : path;
        }

        int tab = value.IndexOf('\t');
        path = tab >= 0 ? value[..tab] : value.TrimEnd();
        return path == "/dev/null" ? null : path;
    }

    /// <summary>The value of "rename from", "copy to" and the like: possibly quoted, never with a timestamp.</summary>
    public static string FromHeaderValue(string value) =>
        value.StartsWith('"') && TryReadQuoted(value, 0, out string path, out _) ? path : value;

    /// <summary>
    /// Splits what follows "diff --git " into its two names. Unquoted names with spaces are ambiguous; git only
    /// writes such lines when both names are equal, so the split that makes them equal (after their prefixes) wins.
    /// </summary>
    public static (string? Old, string? New) SplitGitHeader(string rest)
    {
        if (rest.StartsWith('"'))
        {
            if (!TryReadQuoted(rest, 0, out string first, out int end) || end >= rest.Length || rest[end] != ' ')
            {
                return (null, null);
            }

            string tail = rest[(end + 1)..];
            return (first, tail.StartsWith('"') ? (TryReadQuoted(tail, 0, out string second, out _) ? second : null) : tail);
        }

        if (rest.EndsWith('"'))
        {
            // An unquoted first name holds no quote (git would have quoted it), so the second starts at the first ' "'.
            int i = rest.IndexOf(" \"", StringComparison.Ordinal);
            if (i >= 0 && TryReadQuoted(rest, i + 1, out string second, out int end) && end == rest.Length)
            {
                return (rest[..i], second);
            }
        }

        // Equal names with same-length prefixes ("a/x b/x") split exactly in the middle.
        int middle = rest.Length / 2;
        if (rest.Length % 2 == 1 && rest[middle] == ' ')
        {
            string left = rest[..middle], right = rest[(middle + 1)..];
            if (left == right || WithoutFirstComponent(left) == WithoutFirstComponent(right))
            {
                return (left, right);
            }
        }

        int split = rest.IndexOf(" b/", StringComparison.Ordinal);
        if (split < 0)
        {
            split = rest.IndexOf(' ');
        }

        return split < 0 ? (null, null) : (rest[..split], rest[(split + 1)..]);
    }

    public static string WithoutFirstComponent(string path)
    {
        int slash = path.IndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    /// <summary>Reads a C-style quoted string starting at <paramref name="start"/> (the opening quote).</summary>
    public static bool TryReadQuoted(string text, int start, out string value, out int end)
    {
        value = "";
        end = start;
        if (start >= text.Length || text[start] != '"')
        {
            return false;
        }

        var bytes = new List<byte>();
        int i = start + 1;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"')
            {
                value = Encoding.UTF8.GetString(bytes.ToArray());
                end = i + 1;
                return true;
            }

            if (c != '\\')
            {
                int run = i;
                while (i < text.Length && text[i] != '"' && text[i] != '\\')
                {
                    i++;
                }

                bytes.AddRange(Encoding.UTF8.GetBytes(text, run, i - run));
                continue;
            }

            if (i + 1 >= text.Length)
            {
                return false;
            }

            char e = text[i + 1];
            if (e is >= '0' and <= '7')
            {
                int code = 0, digits = 0;
                while (digits < 3 && i + 1 + digits < text.Length && text[i + 1 + digits] is >= '0' and <= '7')
                {
                    code = (code * 8) + (text[i + 1 + digits] - '0');
                    digits++;
                }

                bytes.Add((byte)code);
                i += 1 + digits;
                continue;
            }

            char? plain = e switch
            {
                'a' => '\a',
                'b' => '\b',
                't' => '\t',
                'n' => '\n',
                'v' => '\v',
                'f' => '\f',
                'r' => '\r',
                '"' => '"',
                '\\' => '\\',
                _ => null,
            };
            if (plain is null)
            {
                return false;
            }

            bytes.Add((byte)plain.Value);
            i += 2;
        }

        return false;
    }
}
