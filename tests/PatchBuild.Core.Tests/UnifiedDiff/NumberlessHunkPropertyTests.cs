using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.UnifiedDiff;

/// <summary>
/// Generated files over a small alphabet (so lines repeat) and a numberless hunk cut from a random place: it applies
/// there when its old lines occur once in the file, and is AMBIGUOUS_MATCH, with nothing written, when they occur
/// more than once. A naive count is the oracle.
/// </summary>
public sealed class NumberlessHunkPropertyTests
{
    private static readonly Config Fixed = Config.QuickThrowOnFailure.WithMaxTest(150)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(0x5EED_0A0BUL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None)));

    [Fact]
    public void A_numberless_hunk_applies_where_its_lines_occur_once_and_is_ambiguous_otherwise()
    {
        var cases =
            from lines in Gen.ListOf(Gen.Elements("a", "b", "c", "d", "e", "f", "g", "h"))
            from start in Gen.Choose(0, 1000)
            from length in Gen.Choose(1, 5)
            select (Lines: lines.Take(60).ToList(), Start: start, Length: length);
        int unique = 0, ambiguous = 0;
        Prop.ForAll(Arb.From(cases), c =>
        {
            if (c.Lines.Count == 0)
            {
                return;
            }

            int start = c.Start % c.Lines.Count;
            int length = Math.Min(c.Length, c.Lines.Count - start);
            var old = c.Lines.GetRange(start, length);
            int occurrences = Enumerable.Range(0, c.Lines.Count - length + 1).Count(p => c.Lines.GetRange(p, length).SequenceEqual(old));
            string file = string.Concat(c.Lines.Select(l => l + "\n"));
            // Keep the hunk's lines as context and add one line after its first: a numberless hunk with context only.
            string diff = "--- a/f.txt\n+++ b/f.txt\n@@ @@\n " + old[0] + "\n+NEW\n" + string.Concat(old.Skip(1).Select(l => " " + l + "\n"));
            using var tree = new TempTree("numberless-");
            tree.Write("f.txt", file);

            var result = Engine.ApplyAsync(tree, diff).GetAwaiter().GetResult();

            if (occurrences == 1)
            {
                unique++;
                Assert.True(result.Success, result.Error?.Message);
                var expected = c.Lines.ToList();
                expected.Insert(start + 1, "NEW");
                Assert.Equal(string.Concat(expected.Select(l => l + "\n")), tree.Read("f.txt"));
            }
            else
            {
                ambiguous++;
                Assert.Equal(ErrorCodes.AmbiguousMatch, result.Error?.Code);
                Assert.Equal(file, tree.Read("f.txt"));
            }
        }).Check(Fixed);
        Assert.True(unique > 20 && ambiguous > 20, $"unique {unique}, ambiguous {ambiguous}");
    }

    [Fact]
    public async Task Two_thousand_numberless_hunks_on_a_large_file_apply_in_order()
    {
        using var tree = new TempTree("many-");
        var lines = Enumerable.Range(0, 40_000).Select(i => $"line {i}").ToList();
        tree.Write("big.txt", string.Concat(lines.Select(l => l + "\n")));
        var diff = new System.Text.StringBuilder("--- a/big.txt\n+++ b/big.txt\n");
        for (int i = 10; i < 40_000; i += 20)
        {
            diff.Append("@@ @@\n ").Append(lines[i]).Append("\n-").Append(lines[i + 1]).Append("\n+changed ").Append(i + 1).Append('\n');
            lines[i + 1] = $"changed {i + 1}";
        }

        var result = await Engine.ApplyAsync(tree, diff.ToString());

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(string.Concat(lines.Select(l => l + "\n")), tree.Read("big.txt"));
    }
}
