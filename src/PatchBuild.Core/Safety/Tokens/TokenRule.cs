namespace PatchBuild.Core.Safety.Tokens;

/// <summary>Which token stream a rule reads.</summary>
internal enum RuleLens
{
    /// <summary>C-family code outside string literals (API calls, attributes).</summary>
    Code,

    /// <summary>SQL: a .sql file, string literals in code, and SQL written into other files.</summary>
    Sql,

    /// <summary>Shell commands: scripts, YAML, MSBuild XML, and string literals in code.</summary>
    Shell,

    /// <summary>MSBuild XML elements.</summary>
    MsBuild,
}

/// <summary>
/// One content rule as a set of token phrases: it fires on a statement that holds every phrase of <see cref="Require"/>
/// and none of <see cref="Unless"/>. The finding sits at the first required phrase.
/// </summary>
internal sealed class TokenRule
{
    public TokenRule(SafetyRule rule, string name, RuleLens lens, bool ignoreCase, params string[] require)
        : this(rule, name, lens, ignoreCase, require.Select(p => Phrase.Parse(p, ignoreCase)).ToArray())
    {
    }

    public TokenRule(SafetyRule rule, string name, RuleLens lens, bool ignoreCase, Phrase[] require)
    {
        Rule = rule;
        Name = name;
        Lens = lens;
        IgnoreCase = ignoreCase;
        Require = require;
    }

    public SafetyRule Rule { get; }

    /// <summary>A short stable name, e.g. "process-start"; shown in tests and used to compare old and new findings.</summary>
    public string Name { get; }

    public RuleLens Lens { get; }

    public bool IgnoreCase { get; }

    public Phrase[] Require { get; }

    public Phrase[] Unless { get; init; } = [];

    /// <summary>Which files the rule reads, besides its lens; default all.</summary>
    public Func<string, bool> AppliesTo { get; init; } = _ => true;

    /// <summary>A condition on the whole planned file (CORS: any origin only matters with credentials).</summary>
    public Func<string, bool>? FileCondition { get; init; }

    /// <summary>Words one of which the raw text must hold for the rule to possibly fire; default the first phrase's first words.</summary>
    public IReadOnlyList<string> Keywords
    {
        get => _keywords ?? (Require.Length == 0 ? [] : Require[0].Keywords);
        init => _keywords = value;
    }

    private readonly IReadOnlyList<string>? _keywords;

    /// <summary>The token index where the rule fires in tokens[start..end), or -1.</summary>
    public int Fire(List<Token> tokens, int start, int end)
    {
        int at = -1;
        foreach (var phrase in Require)
        {
            int found = phrase.Find(tokens, start, end);
            if (found < 0)
            {
                return -1;
            }

            at = at < 0 ? found : at;
        }

        foreach (var phrase in Unless)
        {
            if (phrase.Find(tokens, start, end) >= 0)
            {
                return -1;
            }
        }

        return at;
    }
}
