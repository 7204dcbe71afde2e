using System.Buffers;
using System.Collections.Concurrent;
using PatchBuild.Core.Safety.Tokens;

namespace PatchBuild.Core.Safety;

/// <summary>
/// Runs the content rules (PB1004 to PB1007) over a stretch of a file: lexes it the way its language reads, runs each
/// rule once per statement, and returns one hit per rule and statement. A keyword prefilter runs first, so text that
/// holds no rule's word is never lexed; escapes and format characters, which can hide a word from it, turn it off.
/// </summary>
internal static class ContentJudge
{
    /// <summary>
    /// One rule firing on one statement: <see cref="Key"/> names the rule (the same finding in the old text cancels it),
    /// <see cref="Offset"/> is where it sits; the match text is cut from <see cref="Source"/> only when reported.
    /// </summary>
    public readonly record struct Hit(SafetyRule Rule, string Key, int Offset, string Source, int MatchStart, int MatchEnd);

    // Which rules read a file depends on its extension and language only (FileKinds), so plans are made once per pair.
    // A string key keeps the cache free of value-type generic instantiations that ReadyToRun images do not carry.
    private static readonly ConcurrentDictionary<string, Plan> Plans = new(StringComparer.Ordinal);

    private static readonly SearchValues<char> HiddenCharacters = SearchValues.Create(
        [.. Enumerable.Range(0x80, 0xFFFF - 0x80).Select(c => (char)c).Where(Lexer.IsFormatCharacter)]);

    /// <summary>
    /// The rules for a file at <paramref name="path"/>, looked up once per file: a large patch judges many windows of
    /// the same file, and the lookup (extension, language, cache) would otherwise be repeated for each.
    /// </summary>
    public static FileRules For(string path)
    {
        var language = FileKinds.LanguageOf(path);
        string key = string.Concat(Path.GetExtension(path).ToLowerInvariant(), "\0", ((int)language).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new FileRules(Plans.GetOrAdd(key, _ => Plan.For(path, language)), language);
    }

    /// <summary>Appends the hits in text[start..end) of a file at <paramref name="path"/>; offsets are offsets of text.</summary>
    public static void Judge(string path, string text, int start, int end, List<Hit> hits) => Judge(For(path), text, start, end, hits);

    /// <summary>Appends the hits in text[start..end) of a file whose rules are <paramref name="rules"/>.</summary>
    public static void Judge(FileRules rules, string text, int start, int end, List<Hit> hits)
    {
        var (plan, language) = (rules.Plan, rules.Language);
        var window = text.AsSpan(start, end - start);
        bool hidden = (window.IndexOfAnyExceptInRange('\0', '\u007f') >= 0 && window.IndexOfAny(HiddenCharacters) >= 0) ||
                      (language == SourceLanguage.CFamily && HasUnicodeEscape(window));
        if (!hidden && !plan.MayHold(window))
        {
            return;
        }

        if (hidden || window.IndexOfAny(plan.SecretKeywords) >= 0)
        {
            var secrets = new List<SecretFinder.Hit>();
            SecretFinder.Find(Lexer.Tokenize(text, start, end, LexProfile.Plain), language == SourceLanguage.Script, secrets);
            foreach (var secret in secrets)
            {
                hits.Add(new Hit(SafetyRules.Secret, "secret", secret.Offset, secret.Value, 0, secret.Value.Length));
            }
        }

        switch (language)
        {
            case SourceLanguage.CFamily:
                var code = Lexer.Tokenize(text, start, end, LexProfile.CFamily);
                Run(plan.Rules(RuleLens.Code), code, text, text, hits, literalAt: -1);
                foreach (var literal in code)
                {
                    if (literal.Kind != TokenKind.String)
                    {
                        continue;
                    }

                    // SQL and shell commands in code live in its string literals.
                    if (plan.Has(RuleLens.Sql) && (hidden || literal.Text.AsSpan().IndexOfAny(plan.Keywords(RuleLens.Sql)) >= 0))
                    {
                        Run(plan.Rules(RuleLens.Sql), Lexer.Tokenize(literal.Text, LexProfile.SqlEmbedded), literal.Text, text, hits, literal.Start);
                    }

                    if (plan.Has(RuleLens.Shell) && (hidden || literal.Text.AsSpan().IndexOfAny(plan.Keywords(RuleLens.Shell)) >= 0))
                    {
                        Run(plan.Rules(RuleLens.Shell), Lexer.Tokenize(literal.Text, LexProfile.Shell), literal.Text, text, hits, literal.Start);
                    }
                }

                break;
            case SourceLanguage.Sql:
                Run(plan.Rules(RuleLens.Sql), Lexer.Tokenize(text, start, end, LexProfile.SqlFile), text, text, hits, -1);
                break;
            case SourceLanguage.Xml or SourceLanguage.Script:
                var commands = Lexer.Tokenize(text, start, end, language == SourceLanguage.Xml ? LexProfile.XmlShell : LexProfile.Shell);
                Run(plan.Rules(RuleLens.Shell), commands, text, text, hits, -1);
                Run(plan.Rules(RuleLens.MsBuild), commands, text, text, hits, -1);
                if (plan.Has(RuleLens.Sql))
                {
                    Run(plan.Rules(RuleLens.Sql), Lexer.Tokenize(text, start, end, LexProfile.SqlScript), text, text, hits, -1);
                }

                break;
        }
    }

    // "\u" or "\U" (a C# escape that can spell a keyword); two ordinal searches are cheaper than a case-insensitive one.
    private static bool HasUnicodeEscape(ReadOnlySpan<char> window) =>
        window.IndexOf("\\u", StringComparison.Ordinal) >= 0 || window.IndexOf("\\U", StringComparison.Ordinal) >= 0;

    /// <summary>The rules one file is judged by (see <see cref="For"/>).</summary>
    internal sealed class FileRules(Plan plan, SourceLanguage language)
    {
        public Plan Plan { get; } = plan;

        public SourceLanguage Language { get; } = language;
    }

    // literalAt >= 0: the tokens come from a string literal starting there; hits point at the literal.
    private static void Run(IReadOnlyList<TokenRule> rules, List<Token> tokens, string source, string fileText, List<Hit> hits, int literalAt)
    {
        if (rules.Count == 0 || tokens.Count == 0)
        {
            return;
        }

        var applicable = rules.Where(r => r.FileCondition is null || r.FileCondition(fileText)).ToList();
        var fired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, end) in Statements.Of(tokens))
        {
            fired.Clear();
            foreach (var rule in applicable)
            {
                int at = fired.Contains(rule.Name) ? -1 : rule.Fire(tokens, start, end);
                if (at < 0)
                {
                    continue;
                }

                fired.Add(rule.Name);
                int offset = literalAt >= 0 ? literalAt : tokens[at].Start;
                hits.Add(new Hit(rule.Rule, rule.Name, offset, source, tokens[at].Start, Math.Max(tokens[at].End, tokens[end - 1].End)));
            }
        }
    }

    /// <summary>The rules a kind of file reads, by lens, with their keywords.</summary>
    internal sealed class Plan
    {
        private readonly Dictionary<RuleLens, List<TokenRule>> _rules = [];
        private readonly Dictionary<RuleLens, SearchValues<string>> _keywords = [];

        /// <summary>Keywords of three characters or more, searched together (the shared search slows down with shorter ones).</summary>
        private SearchValues<string> _long = null!;

        /// <summary>Shorter keywords ("rm"), each searched on its own.</summary>
        private SearchValues<string>[] _short = [];

        /// <summary>Whether a text holds any keyword of these rules (or of the secret finder).</summary>
        public bool MayHold(ReadOnlySpan<char> text)
        {
            if (text.IndexOfAny(_long) >= 0)
            {
                return true;
            }

            foreach (var keyword in _short)
            {
                if (text.IndexOfAny(keyword) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        public SearchValues<string> SecretKeywords { get; } = SearchValues.Create(SecretFinder.Keywords, StringComparison.OrdinalIgnoreCase);

        public IReadOnlyList<TokenRule> Rules(RuleLens lens) => _rules.TryGetValue(lens, out var rules) ? rules : [];

        public bool Has(RuleLens lens) => _rules.ContainsKey(lens);

        public SearchValues<string> Keywords(RuleLens lens) => _keywords[lens];

        public static Plan For(string path, SourceLanguage language)
        {
            var lenses = language switch
            {
                SourceLanguage.CFamily => new[] { RuleLens.Code, RuleLens.Sql, RuleLens.Shell },
                SourceLanguage.Sql => [RuleLens.Sql],
                SourceLanguage.Xml => [RuleLens.Shell, RuleLens.MsBuild, RuleLens.Sql],
                SourceLanguage.Script => [RuleLens.Shell, RuleLens.Sql],
                _ => [],
            };

            var plan = new Plan();
            var all = new List<string>(SecretFinder.Keywords);
            foreach (var rule in TokenRules.All.Where(r => lenses.Contains(r.Lens) && r.AppliesTo(path)))
            {
                if (!plan._rules.TryGetValue(rule.Lens, out var list))
                {
                    plan._rules[rule.Lens] = list = [];
                }

                list.Add(rule);
                all.AddRange(rule.Keywords);
            }

            foreach (var (lens, rules) in plan._rules)
            {
                plan._keywords[lens] = SearchValues.Create(rules.SelectMany(r => r.Keywords).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);
            }

            var distinct = all.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            plan._long = SearchValues.Create(distinct.Where(k => k.Length >= 3).ToArray(), StringComparison.OrdinalIgnoreCase);
            plan._short = [.. distinct.Where(k => k.Length < 3).Select(k => SearchValues.Create([k], StringComparison.OrdinalIgnoreCase))];
            return plan;
        }
    }
}
