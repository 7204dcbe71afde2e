using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PatchBuild.Core.Model;
using static PatchBuild.Core.Tests.Ap.ParserTestKit;

namespace PatchBuild.Core.Tests.Ap;

/// <summary>Whatever text arrives, parsing ends, and the only failure is a PatchException with one of the parser's codes.</summary>
public class ParserRobustnessTests
{
    private static readonly string[] ParserCodes =
        [ErrorCodes.InvalidPatchFile, ErrorCodes.PatchTruncated, ErrorCodes.EmptyReplace, ErrorCodes.InvalidModification, ErrorCodes.MissingContent];

    private static readonly string[] ValidPatches =
    [
        Patch("# Summary: s", "{id} AP 3.2", "{id} FILE", "src/calculator.py", "{id} INSERT_AFTER", "{id} snippet", "import math",
            "{id} content", "from typing import List", "", "{id} REPLACE", "{id} anchor", "def add(a, b):", "{id} snippet", "return a + b",
            "{id} content", "    return sum(a)", "", "{id} DELETE", "{id} snippet", "def get_pi():", "    return 3.14",
            "{id} include_leading_blank_lines 1"),
        Patch("{id} AP 3.2", "{id} FILE CRLF", "a.cs", "{id} REPLACE", "{id} snippet", "void A()", "{id} snippet_tail", "}",
            "{id} content", "void B() { }", "{id} include_trailing_blank_lines 1", "{id} scope_end",
            "{id} FILE", "new.txt", "{id} CREATE", "{id} content", "hello", "{id} FILE", "dir", "{id} CREATE",
            "{id} FILE", "old.cs", "{id} RENAME", "new.cs", "{id} FILE", "gone.cs", "{id} DELETE", "{id} END"),
        Patch("{id} AP 3.2", "{id} FILE", "r.md", "{id} RECREATE", "{id} content", "# T", "", "body",
            "{id} FILE", "b.py", "{id} INSERT_BEFORE", "{id} snippet", "^", "{id} content", "#!/usr/bin/env python"),
    ];

    private static readonly string[] LineVocabulary =
    [
        "{id} AP 3.2", "{id} AP", "{id} FILE", "{id} FILE CRLF", "{id} FILE a.cs", "{id} REPLACE", "{id} replace:", "{id} INSERT_AFTER",
        "{id} INSERT_BEFORE", "{id} DELETE", "{id} CREATE", "{id} RECREATE", "{id} RENAME", "{id} RENAME b.cs", "{id} END",
        "{id} snippet", "{id} anchor", "{id} snippet_tail", "{id} content", "{id} include_leading_blank_lines 1",
        "{id} include_trailing_blank_lines x", "{id} scope_end", "{id} WHAT", "{id}", "0badc0de content", "0badc0de AP 3.2",
        "a.cs", "^", "$", "x();", "", "   ", "# Summary: s", "#", "```ap", "```", "~~~", "}", "{",
    ];

    private static bool ParsesOrFailsCleanly(string text)
    {
        foreach (bool strict in new[] { false, true })
        {
            try
            {
                var patch = Parse(text, strict);
                if (!IsWellFormed(patch))
                {
                    return false;
                }
            }
            catch (PatchException ex) when (ParserCodes.Contains(ex.Error.Code) && ex.Error.Line is > 0 && !string.IsNullOrEmpty(ex.Error.Hint))
            {
            }
        }

        return true;
    }

    // What the rest of the engine relies on from a parsed ap patch.
    private static bool IsWellFormed(PatchSet patch)
    {
        var mods = Modifications(patch);
        return patch.Files.Count > 0
            && patch.Files.All(f => !string.IsNullOrWhiteSpace(f.Path) && f.PatchLine > 0)
            && patch.Files.All(f => f.Kind != FileChangeKind.Rename || !string.IsNullOrWhiteSpace(f.NewPath))
            && mods.Select(m => m.Number).SequenceEqual(Enumerable.Range(1, mods.Count))
            && mods.All(m => !string.IsNullOrEmpty(m.Snippet) && m.PatchLine > 0 && m.RawText.Length > 0)
            && mods.All(m => (m.Action == LocatorAction.Delete) == (m.Content is null));
    }

    private static string Join(IEnumerable<string> lines, string newline) =>
        string.Join(newline, lines).Replace("{id}", Id, StringComparison.Ordinal);

    [Fact]
    public void Random_strings_never_escape_as_anything_but_a_patch_exception()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), s => ParsesOrFailsCleanly(s ?? ""))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_lines_of_ap_vocabulary_never_escape_as_anything_but_a_patch_exception()
    {
        var lines = Gen.OneOf(Gen.Elements(LineVocabulary), ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""));
        var texts = Gen.Zip(lines.ListOf(), Gen.Elements("\n", "\r\n", "\r"))
            .Select(pair => Join(pair.Item1, pair.Item2));

        Prop.ForAll(texts.ToArbitrary(), ParsesOrFailsCleanly)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Valid_patches_with_lines_dropped_duplicated_or_shuffled_never_escape_as_anything_but_a_patch_exception()
    {
        var mutated =
            from patch in Gen.Elements(ValidPatches)
            from seed in Gen.Choose(0, int.MaxValue)
            from steps in Gen.Choose(1, 6)
            select Mutate(patch, new Random(seed), steps);

        Prop.ForAll(mutated.ToArbitrary(), ParsesOrFailsCleanly)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    private static string Mutate(string patch, Random random, int steps)
    {
        var lines = patch.Split('\n').ToList();
        for (int step = 0; step < steps && lines.Count > 0; step++)
        {
            int i = random.Next(lines.Count);
            switch (random.Next(5))
            {
                case 0: lines.RemoveAt(i); break;
                case 1: lines.Insert(i, lines[i]); break;
                case 2:
                    int j = random.Next(lines.Count);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                case 3: lines.RemoveRange(i, lines.Count - i); break;
                default: lines = lines.OrderBy(_ => random.Next()).ToList(); break;
            }
        }

        return string.Join('\n', lines);
    }

    [Fact]
    public void Valid_sample_patches_parse_in_both_modes()
    {
        foreach (string patch in ValidPatches)
        {
            Assert.True(IsWellFormed(Parse(patch, strict: true)));
        }
    }

    [Fact]
    public void Random_bytes_decoded_as_text_parse_or_fail_cleanly()
    {
        var random = new Random(20240601);
        for (int round = 0; round < 200; round++)
        {
            var bytes = new byte[random.Next(0, 4000)];
            random.NextBytes(bytes);
            string text = Encoding.UTF8.GetString(bytes);
            Assert.True(ParsesOrFailsCleanly(text));
            Assert.True(ParsesOrFailsCleanly(Patch("{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet") + text));
        }
    }

    [Fact]
    public void A_huge_single_line_value_is_kept_whole()
    {
        string huge = new('x', 5_000_000);
        var mod = Single(Parse(Patch("{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet", "a", "{id} content") + huge));

        Assert.Equal(huge.Length, mod.Content!.Length);
    }

    [Fact]
    public void A_huge_line_that_starts_like_a_directive_is_handled()
    {
        string line = Id + " " + new string('R', 3_000_000);
        Assert.True(ParsesOrFailsCleanly(line));
        Assert.True(ParsesOrFailsCleanly(Id + " FILE " + new string('a', 3_000_000) + "\n" + Id + " DELETE"));
        Assert.True(ParsesOrFailsCleanly("\n".PadLeft(200_000, '#') + Id + " AP 3.2"));
    }

    [Fact]
    public void A_hundred_thousand_line_value_parses()
    {
        var body = string.Join('\n', Enumerable.Range(0, 100_000).Select(i => $"line {i}"));
        var mod = Single(Parse(Patch("{id} AP 3.2", "{id} FILE", "a.cs", "{id} INSERT_AFTER", "{id} snippet", "^", "{id} content") + body));

        Assert.Equal(100_000, mod.Content!.Split('\n').Length);
    }

    [Theory]
    [InlineData("{id} FILE")]
    [InlineData("# comment")]
    [InlineData("{id} snippet")]
    [InlineData("0badc0de DELETE")]
    [InlineData("```")]
    [InlineData("")]
    public void A_hundred_thousand_repeated_lines_parse_or_fail_cleanly(string line)
    {
        string text = Patch("{id} AP 3.2", "{id} FILE", "a.cs", "{id} REPLACE", "{id} snippet", "x", "{id} content", "y")
            + string.Concat(Enumerable.Repeat(line.Replace("{id}", Id, StringComparison.Ordinal) + "\n", 100_000));

        Assert.True(ParsesOrFailsCleanly(text));
    }

    [Fact]
    public void A_thousand_modifications_parse_with_their_numbers_and_lines()
    {
        var lines = new List<string> { "{id} AP 3.2", "{id} FILE", "big.cs" };
        for (int i = 0; i < 1000; i++)
        {
            lines.AddRange(["{id} REPLACE", "{id} snippet", $"Call{i}();", "{id} content", $"Renamed{i}();", ""]);
        }

        var mods = Modifications(Parse(Patch([.. lines]), strict: true));

        Assert.Equal(1000, mods.Count);
        Assert.Equal(Enumerable.Range(1, 1000), mods.Select(m => m.Number));
        Assert.Equal((4 + 6 * 999, "Call999();", "Renamed999();"), (mods[999].PatchLine, mods[999].Snippet, mods[999].Content));
    }
}
