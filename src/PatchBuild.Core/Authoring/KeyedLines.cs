namespace PatchBuild.Core.Authoring;

/// <summary>
/// Lines as the ap matcher sees them (spec 3.2): blank lines dropped, the rest trimmed. <see cref="Keys"/>[i] is the
/// trimmed text of raw line <see cref="Raw"/>[i].
/// </summary>
internal sealed class KeyedLines
{
    public KeyedLines(IReadOnlyList<string> lines)
    {
        Lines = lines;
        var keys = new List<string>();
        var raw = new List<int>();
        CompactBefore = new int[lines.Count + 1];
        for (int i = 0; i < lines.Count; i++)
        {
            CompactBefore[i] = keys.Count;
            string key = lines[i].Trim();
            if (key.Length > 0)
            {
                keys.Add(key);
                raw.Add(i);
            }
        }

        CompactBefore[lines.Count] = keys.Count;
        Keys = [.. keys];
        Raw = [.. raw];
    }

    private KeyedLines(IReadOnlyList<string> lines, string[] keys, int[] raw, int[] compactBefore)
    {
        Lines = lines;
        Keys = keys;
        Raw = raw;
        CompactBefore = compactBefore;
    }

    public IReadOnlyList<string> Lines { get; }

    public string[] Keys { get; }

    public int[] Raw { get; }

    /// <summary>How many non-blank lines come before raw line i (i == Lines.Count: all of them).</summary>
    public int[] CompactBefore { get; }

    public int Count => Keys.Length;

    /// <summary>
    /// The text a patch run sees after its earlier edits: the new version's first <paramref name="newCount"/> lines,
    /// then the old version from line <paramref name="oldFrom"/> on.
    /// </summary>
    public static KeyedLines Splice(KeyedLines newer, int newCount, KeyedLines older, int oldFrom)
    {
        var lines = new List<string>(newCount + older.Lines.Count - oldFrom);
        for (int i = 0; i < newCount; i++)
        {
            lines.Add(newer.Lines[i]);
        }

        for (int i = oldFrom; i < older.Lines.Count; i++)
        {
            lines.Add(older.Lines[i]);
        }

        int keepNew = newer.CompactBefore[newCount], oldStart = older.CompactBefore[oldFrom];
        int total = keepNew + (older.Count - oldStart);
        var keys = new string[total];
        var raw = new int[total];
        Array.Copy(newer.Keys, keys, keepNew);
        Array.Copy(newer.Raw, raw, keepNew);
        Array.Copy(older.Keys, oldStart, keys, keepNew, older.Count - oldStart);
        for (int i = oldStart; i < older.Count; i++)
        {
            raw[keepNew + i - oldStart] = older.Raw[i] - oldFrom + newCount;
        }

        var before = new int[lines.Count + 1];
        Array.Copy(newer.CompactBefore, before, newCount);
        for (int i = oldFrom; i <= older.Lines.Count; i++)
        {
            before[newCount + i - oldFrom] = older.CompactBefore[i] - oldStart + keepNew;
        }

        return new KeyedLines(lines, keys, raw, before);
    }

    /// <summary>
    /// Whether the locator <paramref name="seq"/> would be taken to start at compact line <paramref name="at"/>. Wider
    /// than an exact match on purpose: the spec lets a patcher match a locator's first line as a suffix (3.6), so a
    /// locator is only called unique when no such looser match exists either.
    /// </summary>
    public bool MatchesAt(int at, IReadOnlyList<string> seq)
    {
        if (at < 0 || at + seq.Count > Keys.Length)
        {
            return false;
        }

        string first = Keys[at];
        if (seq.Count == 1 ? !SingleLineMatch(first, seq[0]) : !first.EndsWith(seq[0], StringComparison.Ordinal))
        {
            return false;
        }

        for (int i = 1; i < seq.Count; i++)
        {
            if (!string.Equals(Keys[at + i], seq[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many places in [from, to) match, counting up to <paramref name="limit"/>.</summary>
    public int Occurrences(IReadOnlyList<string> seq, int from = 0, int to = int.MaxValue, int limit = 2)
    {
        int found = 0;
        int end = Math.Min(to, Keys.Length - seq.Count + 1);
        for (int at = Math.Max(0, from); at < end; at++)
        {
            if (MatchesAt(at, seq) && ++found >= limit)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>The first compact line at or after <paramref name="from"/> where <paramref name="seq"/> matches, or -1.</summary>
    public int First(IReadOnlyList<string> seq, int from)
    {
        for (int at = Math.Max(0, from); at + seq.Count <= Keys.Length; at++)
        {
            if (MatchesAt(at, seq))
            {
                return at;
            }
        }

        return -1;
    }

    public string[] Slice(int from, int count) => Keys.AsSpan(from, count).ToArray();

    // A single-line locator may lose a prefix that carries no meaning (indentation, comment opener, bullet, number).
    private static bool SingleLineMatch(string key, string wanted)
    {
        if (string.Equals(key, wanted, StringComparison.Ordinal))
        {
            return true;
        }

        if (key.Length <= wanted.Length || !key.EndsWith(wanted, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in key.AsSpan(0, key.Length - wanted.Length))
        {
            if (char.IsLetter(c) || c == '_')
            {
                return false;
            }
        }

        return true;
    }
}
