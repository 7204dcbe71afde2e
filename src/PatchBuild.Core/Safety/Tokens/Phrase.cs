namespace PatchBuild.Core.Safety.Tokens;

/// <summary>
/// A short run of token patterns a rule looks for inside one statement, written as text:
/// <c>"Process . Start"</c>, <c>"DROP TABLE|DATABASE|SCHEMA"</c>, <c>"new ^Process"</c> (a name, qualified or not),
/// <c>"curl|wget … | sh|bash"</c> (<c>…</c>: any tokens of the same statement). A single punctuation character
/// matches itself; <c>a|b</c> matches either word. Extra elements (predicates, skips) are added in code.
/// </summary>
internal sealed class Phrase
{
    private readonly Element[][] _segments;

    private Phrase(Element[][] segments) => _segments = segments;

    /// <summary>Words one of which every match holds (the prefilter's keywords).</summary>
    public IReadOnlyList<string> Keywords { get; private init; } = [];

    public static Phrase Parse(string pattern, bool ignoreCase) => Of(ignoreCase, pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => Element.Parse(p, ignoreCase)).ToArray());

    public static Phrase Of(bool ignoreCase, params Element[] elements)
    {
        var segments = new List<Element[]>();
        var current = new List<Element>();
        foreach (var element in elements)
        {
            if (element.IsGap)
            {
                segments.Add([.. current]);
                current.Clear();
            }
            else
            {
                current.Add(element);
            }
        }

        segments.Add([.. current]);
        var keywords = elements.FirstOrDefault(e => e.Words.Length > 0)?.Words ?? [];
        _ = ignoreCase;
        return new Phrase([.. segments.Where(s => s.Length > 0)]) { Keywords = keywords };
    }

    /// <summary>Index of the first token of the leftmost match in tokens[from..to), or -1.</summary>
    public int Find(List<Token> tokens, int from, int to)
    {
        int first = -1;
        int position = from;
        foreach (var segment in _segments)
        {
            // Leftmost-first per segment is enough to decide whether "a … b … c" occurs: a later start never helps.
            int found = -1;
            int after = -1;
            for (int s = position; s < to; s++)
            {
                after = MatchAt(segment, tokens, s, to);
                if (after >= 0)
                {
                    found = s;
                    break;
                }
            }

            if (found < 0)
            {
                return -1;
            }

            first = first < 0 ? found : first;
            position = after;
        }

        return first;
    }

    private static int MatchAt(Element[] segment, List<Token> tokens, int at, int to)
    {
        foreach (var element in segment)
        {
            at = element.Match(tokens, at, to);
            if (at < 0)
            {
                return -1;
            }
        }

        return at;
    }
}

/// <summary>One position of a phrase. Returns where the rest of the phrase continues, or -1.</summary>
internal sealed class Element
{
    private readonly Func<List<Token>, int, int, int> _match;

    private Element(Func<List<Token>, int, int, int> match, string[] words, bool gap = false)
    {
        _match = match;
        Words = words;
        IsGap = gap;
    }

    public string[] Words { get; }

    public bool IsGap { get; }

    public int Match(List<Token> tokens, int at, int to) => _match(tokens, at, to);

    public static Element Gap { get; } = new((_, at, _) => at, [], gap: true);

    public static Element Parse(string part, bool ignoreCase)
    {
        if (part == "…")
        {
            return Gap;
        }

        if (part.Length == 1 && !char.IsLetterOrDigit(part[0]))
        {
            return Punct(part[0]);
        }

        if (part[0] == '^' && part.Length > 1)
        {
            return Qualified(ignoreCase, part[1..].Split('|'));
        }

        return Word(ignoreCase, part.Split('|'));
    }

    public static Element Punct(char c) => new((t, at, to) => at < to && t[at].Is(c) ? at + 1 : -1, []);

    public static Element Word(bool ignoreCase, params string[] words)
    {
        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var set = new HashSet<string>(words, comparer);
        return new((t, at, to) => at < to && t[at].Kind == TokenKind.Word && set.Contains(t[at].Text) ? at + 1 : -1, words);
    }

    /// <summary>A name with or without its namespace: Process, System.Diagnostics.Process, global::System.Diagnostics.Process.</summary>
    public static Element Qualified(bool ignoreCase, params string[] words)
    {
        var name = Word(ignoreCase, words);
        return new((t, at, to) =>
        {
            int i = at;
            while (true)
            {
                int direct = name.Match(t, i, to);
                if (direct >= 0)
                {
                    return direct;
                }

                if (i + 1 < to && t[i].Kind == TokenKind.Word && t[i + 1].Is('.'))
                {
                    i += 2;
                }
                else if (i + 2 < to && t[i].Kind == TokenKind.Word && t[i + 1].Is(':') && t[i + 2].Is(':'))
                {
                    i += 3;
                }
                else
                {
                    return -1;
                }
            }
        }, words);
    }

    /// <summary>One token the predicate accepts.</summary>
    public static Element One(Func<Token, bool> accept) => new((t, at, to) => at < to && accept(t[at]) ? at + 1 : -1, []);

    /// <summary>Any number of tokens the predicate accepts (none included), taken greedily.</summary>
    public static Element Skip(Func<Token, bool> accept) => new((t, at, to) =>
    {
        while (at < to && accept(t[at]))
        {
            at++;
        }

        return at;
    }, []);
}
