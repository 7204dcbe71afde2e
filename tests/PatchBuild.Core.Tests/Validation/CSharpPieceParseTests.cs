using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PatchBuild.Core.Validation.Syntax;

namespace PatchBuild.Core.Tests.Validation;

/// <summary>
/// Large C# files are proven clean by parsing pieces on several cores. Whatever the text, the checker must answer
/// exactly as a whole-file parse does: these tests compare the two on real Roslyn parses.
/// </summary>
public class CSharpPieceParseTests
{
    private static readonly CSharpParseOptions Options = CSharpSyntaxChecker.ParseOptions(null, []);

    private static bool WholeFileHasErrors(string text) =>
        CSharpSyntaxTree.ParseText(text, Options).GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);

    private static CSharpSyntaxChecker SmallPieces() => new(Options) { PieceParseFrom = 200 };

    // Every construct the cut finder must see through: braces and semicolons inside strings, verbatim and
    // interpolated strings (with nested literals in holes), character literals, comments and verbatim identifiers.
    private static string Type(int n) => """
        /// <summary>Type NN; a doc comment with a brace }</summary>
        [System.Serializable]
        public partial class TNN<TItem> where TItem : class
        {
            private const string Text = "a } b ; c { \" d";
            private const string Path = @"C:\dir\}"";{";
            private const char Close = '}', Quote = '\'', Open = '{';
            private int @class = NN;
            /* a block comment } ; { */
            public string Describe(int x) => $"value {x} of {(x > 0 ? "pos}" : $"neg{{{x}}}")} {{braces}}";
            public string Verbatim(int y) => $@"{y}
                spans lines }} ; {{ ";
            public int Sum(int[] values) { int total = 0; foreach (var v in values) { total += v; } return total; }
        }

        public enum ENN { A = NN, B, C }

        public delegate void DNN(int value);

        """.Replace("NN", n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string FileScoped(int types) =>
        "using System;\nusing System.Text;\n\nnamespace Sample.Pieces;\n\n" + string.Concat(Enumerable.Range(0, types).Select(Type));

    private static string BlockNamespace(int types) =>
        "using System;\n\nnamespace Sample.Blocks\n{\n" + string.Concat(Enumerable.Range(0, types).Select(Type)) + "}\n";

    [Fact]
    public void A_clean_large_file_is_proven_clean_in_pieces_with_file_scoped_and_block_namespaces()
    {
        foreach (string text in new[] { FileScoped(40), BlockNamespace(40) })
        {
            Assert.False(WholeFileHasErrors(text));
            Assert.True(CSharpPieceParser.IsCleanInPieces(text, Options, pieces: 4, minimumLength: 200));
            Assert.Empty(SmallPieces().Check(text, "Big.cs"));
        }
    }

    [Fact]
    public void Cuts_fall_only_between_top_level_declarations_never_inside_literals_or_comments()
    {
        string text = FileScoped(3);
        var cuts = CSharpSplitPoints.Find(text);
        Assert.NotEmpty(cuts);
        foreach (var cut in cuts)
        {
            char before = text[cut.At - 1];
            Assert.True(before is '}' or ';', $"cut after '{before}' at {cut.At}");
            // The text before every cut parses on its own without errors: it is whole declarations.
            Assert.False(WholeFileHasErrors(text[..cut.At]), $"the text before the cut at {cut.At} does not parse alone");
        }

        var inNamespace = CSharpSplitPoints.Find(BlockNamespace(3));
        Assert.Contains(inNamespace, c => c.NamespaceHeader == "namespace Sample.Blocks");
    }

    [Theory]
    [InlineData("#if DEBUG\nclass A { }\n#endif\n")]
    [InlineData("class A { string s = \"\"\"\n raw } \n\"\"\"; }\n")]
    [InlineData("class A { }\n}\n")]
    [InlineData("class A { }\n/* never closed\nclass B { }\n")]
    [InlineData("class A { string s = \"ends at the line end; }\n")]
    public void Files_that_could_parse_differently_in_pieces_have_no_cuts(string head)
    {
        Assert.Empty(CSharpSplitPoints.Find(head + FileScoped(2)[FileScoped(0).Length..]));
    }

    [Theory]
    [InlineData("using System.Linq;\n")]
    [InlineData("namespace Late;\n")]
    [InlineData("[assembly: System.CLSCompliant(true)]\n")]
    [InlineData("System.Console.WriteLine(1);\n")]
    [InlineData("extern alias Other;\n")]
    public void What_is_only_legal_at_the_start_of_a_file_is_judged_by_the_whole_parse(string inserted)
    {
        foreach (string text in new[] { FileScoped(30), BlockNamespace(30) })
        {
            // Put the construct right at a cut in the middle, where a piece would start with it.
            var cuts = CSharpSplitPoints.Find(text);
            int middle = cuts[cuts.Count / 2].At;
            string broken = text[..middle] + "\n" + inserted + text[middle..];
            bool expected = WholeFileHasErrors(broken);
            Assert.Equal(expected, SmallPieces().Check(broken, "Big.cs").Count > 0);

            // However finely the file is cut, a piece starting with the construct must not pass for clean.
            Assert.True(!expected || !CSharpPieceParser.IsCleanInPieces(broken, Options, pieces: 64, minimumLength: 200));
        }
    }

    [Fact]
    public void Random_edits_are_judged_exactly_as_the_whole_file_parse_judges_them()
    {
        var random = new Random(20261121);
        string[] bases = [FileScoped(12), BlockNamespace(12)];
        char[] alphabet = ['{', '}', '(', ')', ';', '"', '\'', '@', '$', '/', '*', '#', '\n', 'x', ' ', '[', ']', ','];
        int broken = 0;
        for (int round = 0; round < 300; round++)
        {
            string text = bases[round % 2];
            for (int edit = 0, edits = random.Next(1, 3); edit < edits; edit++)
            {
                int at = random.Next(text.Length);
                text = random.Next(3) switch
                {
                    0 => text.Remove(at, 1),
                    1 => text.Insert(at, alphabet[random.Next(alphabet.Length)].ToString()),
                    _ => text.Remove(at, 1).Insert(at, alphabet[random.Next(alphabet.Length)].ToString()),
                };
            }

            bool expected = WholeFileHasErrors(text);
            broken += expected ? 1 : 0;
            Assert.True(expected == SmallPieces().Check(text, "Big.cs").Count > 0, $"round {round}: whole parse says errors={expected}\n{text}");
            if (expected)
            {
                Assert.False(CSharpPieceParser.IsCleanInPieces(text, Options, pieces: 16, minimumLength: 200), $"round {round}: pieces passed a broken file\n{text}");
            }
        }

        // The edits must exercise both answers, or the comparison proves little.
        Assert.InRange(broken, 30, 290);
    }
}
