using FsCheck;
using FsCheck.Fluent;
using PatchBuild.Core.Safety;
using PatchBuild.Core.Safety.Tokens;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>
/// Generated inputs for the normalised token stream: whatever text arrives the judge ends without an exception, and a
/// risky statement stays risky however it is spaced, commented or broken over lines.
/// </summary>
public sealed class TokenStreamPropertyTests
{
    private static readonly string[] Paths = ["src/A.cs", "db/x.sql", "run.sh", "build/x.targets", "deploy/values.yaml", "docs/a.md", "app.json"];

    // Tokens a rule vocabulary is made of, plus the characters that switch a lexer's state.
    private static readonly string[] Vocabulary =
    [
        "Process", ".", "Start", "(", ")", ";", "\"", "'", "`", "@\"", "$\"", "\"\"\"", "{", "}", "/*", "*/", "//", "--", "#", "<!--", "-->",
        "\\u0050", "\\", "\u200B", "\u202E", "\u2028", "DROP", "TABLE", "DELETE", "FROM", "WHERE", "rm", "-rf", "curl", "|", "sh", "$(", "<(",
        "password", ":", "=", "AKIA", "IOSFODNN7EXAMPLE", "+", "new", "<Exec", "<Project>", " ", "\n", "\r\n", "\t", "x", "é", "\uD800",
    ];

    private static bool JudgesWithoutThrowing(string text)
    {
        foreach (string path in Paths)
        {
            var hits = new List<ContentJudge.Hit>();
            ContentJudge.Judge(path, text, 0, text.Length, hits);
            if (hits.Any(h => h.Offset < 0 || h.Offset > text.Length || h.MatchStart < 0 || h.MatchEnd > h.Source.Length || h.MatchStart > h.MatchEnd))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Random_text_of_rule_and_lexer_vocabulary_is_judged_without_an_exception()
    {
        var texts = Gen.Elements(Vocabulary).ListOf().Select(parts => string.Concat(parts));
        Prop.ForAll(texts.ToArbitrary(), JudgesWithoutThrowing).Check(Config.QuickThrowOnFailure.WithMaxTest(1500));
    }

    [Fact]
    public void Random_strings_are_judged_without_an_exception()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), s => JudgesWithoutThrowing(s ?? "")).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_process_start_stays_a_finding_however_it_is_spaced_or_commented()
    {
        var gap = Gen.Elements("", " ", "\n", "\t", "/* c */", "/**/", "// note\n", "\r\n  ");
        var spelled = Gen.Zip(gap.ArrayOf(6), Gen.Elements("Process", "\\u0050rocess", "Pro\\u0063ess", "@Process", "System.Diagnostics.Process"))
            .Select(pair =>
            {
                var (g, name) = pair;
                string G(int i) => g.Length > i ? g[i] : "";
                return $"class A {{ void M() {{{G(0)}{name}{G(1)}.{G(2)}Start{G(3)}({G(4)}\"x\"{G(5)}); }} }}";
            });
        Prop.ForAll(spelled.ToArbitrary(), code =>
        {
            var hits = new List<ContentJudge.Hit>();
            ContentJudge.Judge("src/A.cs", code, 0, code.Length, hits);
            return hits.Any(h => h.Key == "process-start");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Theory]
    [InlineData("class A { int \\u0050rocess; }", "Process")]
    [InlineData("class A { int Pro\u200Bcess; }", "Process")]
    [InlineData("class A { int @class; }", "class")]
    public void Identifiers_are_spelled_as_the_compiler_reads_them(string code, string identifier)
    {
        var words = Lexer.Tokenize(code, LexProfile.CFamily).Where(t => t.Kind == TokenKind.Word).Select(t => t.Text);
        Assert.Contains(identifier, words);
    }

    [Theory]
    [InlineData("var s = \"AKIA\" + \"IOSF\";", "AKIAIOSF")]
    [InlineData("var s = @\"a\"\"b\";", "a\"b")]
    [InlineData("var s = $\"DROP TABLE {t.Name(\"x\")}\";", "DROP TABLE {t.Name(\"x\")}")]
    [InlineData("var s = \"\"\"\n  raw \"quoted\"\n  \"\"\";", "\n  raw \"quoted\"\n  ")]
    [InlineData("var s = \"\\u0044ROP\\tX\";", "DROP\tX")]
    public void String_literals_are_reduced_to_their_values(string code, string value)
    {
        var strings = Lexer.Tokenize(code, LexProfile.CFamily).Where(t => t.Kind == TokenKind.String).Select(t => t.Text);
        Assert.Equal([value], strings);
    }

    [Fact]
    public void Comments_are_gone_and_a_backslash_continues_a_shell_line()
    {
        var tokens = Lexer.Tokenize("rm /* x */ -r \\\n  -f # tail\nls", LexProfile.Shell);
        Assert.Equal(["rm", "/", "*", "x", "*", "/", "-r", "-f", "\n", "ls"], tokens.Select(t => t.Text));
        Assert.Equal(["a", "b"], Lexer.Tokenize("a /* x */ b // c", LexProfile.CFamily).Select(t => t.Text));
    }
}
