using FsCheck;
using FsCheck.Fluent;
using Microsoft.CodeAnalysis.CSharp;
using PatchBuild.Core.Validation;
using PatchBuild.Core.Validation.Syntax;

namespace PatchBuild.Core.Tests.Validation;

/// <summary>
/// The syntax check of an edit parses only the members the edit changed (CSharpMembers). Its verdict must be the
/// whole-file verdict: whenever it proves an edit clean, Roslyn's parse of both whole files finds no new error.
/// Random edits to files full of constructs that make cutting hard (initializers after braces, nested and generic
/// types, records, interfaces, strings and comments holding braces) are judged both ways on real parses.
/// </summary>
public class CSharpMembersTests
{
    private static readonly CSharpParseOptions Options = CSharpSyntaxChecker.ParseOptions(null, []);

    private static readonly CSharpSyntaxChecker Checker = new(Options);

    private static readonly string[] Members =
    [
        "    public int Value(int x) => x * 2 + 1;",
        "    private readonly string _text = \"a } b ; c {\";",
        "    public int Count { get; set; } = 3;",
        "    public string Name { get => _text; init { } }",
        "    /* a comment with } and ; */ public void Run() { var list = new[] { 1, 2 }; foreach (var i in list) { Value(i); } }",
        "    [System.Obsolete(\"old }\")] public event System.EventHandler? Changed;",
        "    public record Point(int X, int Y) { public int Sum => X + Y; }",
        "    private sealed class Nested<T> where T : class { public T? Item { get; set; } }",
        "    public interface IShape { double Area(); int Sides => 0; }",
        "    public static int operator +(Holder a, Holder b) => 0;",
        "    public string Describe(int y) => $\"value {y} of {(y > 0 ? \"pos}\" : \"neg\")}\";",
        "    public char Brace = '}';",
        "    ~Holder() { }",
        "    public int this[int i] { get { return i; } }",
        "    public int Noted => 5; // a note { ; }",
        "    public void Ends() { } // closes ) here\r\n",
    ];

    private static readonly string[] Insertions =
        ["{", "}", ";", "(", ")", "\"", "'", "=", "int ", "/*", "//", ",", "class X {", " }", "public void M() {", "get;", "=> 1;", "\n", "[A]", "<T>", "\r", " // c\n", "\u2028"];

    private static string File(IEnumerable<int> members, bool blockNamespace)
    {
        string body = string.Join("\n\n", members.Select(m => Members[m % Members.Length]));
        string type = "public partial class Holder\n{\n" + body + "\n}\n\npublic enum Kind { A, B }\n";
        return blockNamespace
            ? "using System;\n\nnamespace Sample.Members\n{\n" + type + "}\n"
            : "using System;\n\nnamespace Sample.Members;\n\n" + type;
    }

    private sealed record Scenario(string Before, string After);

    private static readonly Gen<(int Kind, int Offset, int What)> Edits =
        from kind in Gen.Choose(0, 4)
        from offset in Gen.Choose(0, 100_000)
        from what in Gen.Choose(0, Insertions.Length - 1)
        select (kind, offset, what);

    // A clean file, then one to three edits: a token inserted, characters deleted, a line duplicated or removed.
    private static readonly Gen<Scenario> Scenarios =
        from members in Gen.ListOf(Gen.Choose(0, Members.Length - 1)).Where(l => l.Count >= 1)
        from block in Gen.Elements(true, false)
        from edits in Gen.ListOf(Edits).Where(l => l.Count is >= 1 and <= 3)
        select Edit(File(members, block), edits);

    private static Scenario Edit(string before, IEnumerable<(int Kind, int Offset, int What)> edits)
    {
        string after = before;
        foreach (var (kind, offset, what) in edits)
        {
            var lines = after.Split('\n').ToList();
            int line = offset % lines.Count;
            int at = offset % (after.Length + 1);
            after = kind switch
            {
                0 => after.Insert(at, Insertions[what]),
                1 => after.Remove(Math.Min(at, Math.Max(0, after.Length - 1)), Math.Min(1 + (what % 3), after.Length - Math.Min(at, Math.Max(0, after.Length - 1)))),
                2 => string.Join('\n', lines.Take(line + 1).Concat(lines.Skip(line))),
                3 => string.Join('\n', lines.Where((_, i) => i != line)),
                _ => string.Join('\n', lines.Select((l, i) => i == line ? Members[what % Members.Length] : l)),
            };
        }

        return new Scenario(before, after);
    }

    private static bool WholeFileVerdict(string before, string after) =>
        IssueDiff.New(Checker.Check(before, "F.cs"), Checker.Check(after, "F.cs")).Count > 0;

    [Fact]
    public void Every_edit_proven_clean_member_by_member_is_clean_to_the_whole_file_parse()
    {
        int proven = 0, total = 0;
        var property = Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            Assert.Empty(Checker.Check(scenario.Before, "F.cs")); // the generator makes clean files
            total++;
            if (Checker.ProvesEditClean(scenario.Before, scenario.After, "F.cs"))
            {
                proven++;
                Assert.False(WholeFileVerdict(scenario.Before, scenario.After), $"proven clean but the whole file has a new error:\n---\n{scenario.After}\n---");
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), property);

        // The fast path must actually be taken, or this test would prove nothing.
        Assert.True(proven > total / 10, $"only {proven} of {total} edits were proven member by member");
    }

    [Fact]
    public void Editing_one_member_is_proven_from_that_member_alone()
    {
        string before = File([0, 1, 2, 3, 4, 5, 6, 7], blockNamespace: false);
        string after = before.Replace("x * 2 + 1", "x * 3 + 1", StringComparison.Ordinal);
        Assert.True(Checker.ProvesEditClean(before, after, "F.cs"));

        // A broken member is never proven: the caller parses the whole file and reports the error from there.
        string broken = before.Replace("x * 2 + 1;", "x * 2 + ;", StringComparison.Ordinal);
        Assert.False(Checker.ProvesEditClean(before, broken, "F.cs"));
        Assert.True(WholeFileVerdict(before, broken));
    }

    [Fact]
    public void A_comment_after_a_type_s_last_member_is_part_of_that_member()
    {
        // Models mark what they changed at the end of the line; on a type's last member that comment used to fall
        // into the skeleton, and every such file was parsed whole.
        string before = File([0, 1, 2], blockNamespace: false);
        string after = before.Replace("{ get; set; } = 3;", "{ get; set; } = 4; // changed", StringComparison.Ordinal);
        Assert.True(Checker.ProvesEditClean(before, after, "F.cs"));

        string broken = before.Replace("{ get; set; } = 3;", "{ get; set; } = ; // changed", StringComparison.Ordinal);
        Assert.False(Checker.ProvesEditClean(before, broken, "F.cs"));
        Assert.True(WholeFileVerdict(before, broken));
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\u0085")]
    public void A_line_comment_ended_by_another_line_break_does_not_take_the_code_after_it(string lineBreak)
    {
        // C# ends a // comment at any line break, so "B" below is code: a cut after the "\n" would hide it in A's piece.
        string before = "namespace N;\npublic class C\n{\n    public int A => 1; // note" + lineBreak + "    public int B => 2;\n    public int D => 3;\n}\n";
        Assert.Empty(Checker.Check(before, "F.cs"));
        string broken = before.Replace("B => 2;", "B => ;", StringComparison.Ordinal);
        Assert.True(WholeFileVerdict(before, broken));
        Assert.False(Checker.ProvesEditClean(before, broken, "F.cs"));
    }

    [Fact]
    public void A_member_that_joins_an_initializer_or_a_changed_skeleton_is_not_proven()
    {
        // "{ get; }" then "= 3;": a cut after the brace would let "void M() { }" pass where "void M() { } = 3;" fails.
        string before = File([2], blockNamespace: true);
        string after = before.Replace("public int Count { get; set; }", "public void Count() { }", StringComparison.Ordinal);
        Assert.False(Checker.ProvesEditClean(before, after, "F.cs"));
        Assert.True(WholeFileVerdict(before, after));

        // A using moved below a type changes the skeleton: whole-file parse.
        string moved = before.Replace("using System;\n", "", StringComparison.Ordinal) + "using System;\n";
        Assert.False(Checker.ProvesEditClean(before, moved, "F.cs"));
    }

    [Fact]
    public void Errors_already_in_untouched_members_are_not_the_edit_s()
    {
        string before = File([0, 1, 2], blockNamespace: false).Replace("x * 2 + 1;", "x * 2 + ;", StringComparison.Ordinal);
        string after = before.Replace("a } b ; c {", "edited", StringComparison.Ordinal);
        Assert.True(Checker.ProvesEditClean(before, after, "F.cs"));
        Assert.False(WholeFileVerdict(before, after));
    }
}
