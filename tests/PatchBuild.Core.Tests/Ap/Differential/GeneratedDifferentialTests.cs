using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace PatchBuild.Core.Tests.Ap.Differential;

/// <summary>
/// Generated files and generated ap patches (REPLACE, INSERT_AFTER, INSERT_BEFORE, DELETE with snippets drawn from
/// the file, anchors, CREATE of a new file), run through the reference patcher and our engine: both must agree.
/// </summary>
public sealed class GeneratedDifferentialTests
{
    private const string Id = DifferentialCases.Id;

    /// <summary>A generated tree and patch; ToString shows both so a failing case can be replayed by hand.</summary>
    public sealed record Generated(string File, string Patch, bool Strict)
    {
        public override string ToString() => $"strict={Strict}\n--- file ---\n{File}--- patch ---\n{Patch}";
    }

    private static readonly Gen<Generated> Cases =
        from lineSpecs in Gen.ListOf(Gen.Choose(0, 1000)).Where(l => l.Count >= 4)
        from modSpecs in Gen.NonEmptyListOf(Gen.Choose(0, 1000))
        from strict in Gen.Elements(false, false, true)
        from create in Gen.Elements(false, false, true)
        select Build([.. lineSpecs], [.. modSpecs], strict, create);

    private static Generated Build(int[] lineSpecs, int[] modSpecs, bool strict, bool create)
    {
        // Lines repeat on purpose (v % 9 picks from a small pool) so that ambiguity and anchors come up.
        var lines = new List<string>();
        for (int i = 0; i < lineSpecs.Length; i++)
        {
            int v = lineSpecs[i];
            string indent = new(' ', v % 3 * 4);
            lines.Add(v % 11 == 0 ? "" : v % 4 == 0 ? $"{indent}shared_{v % 9}();" : $"{indent}line_{i}_{v}();");
        }

        // A line repeated on the next line is never an anchor here: that is the pinned adjacent-anchor difference
        // (KnownDifferences), which would otherwise be found again and again.
        var adjacentTwins = Enumerable.Range(1, lines.Count - 1).Where(i => lines[i].Length > 0 && lines[i].Trim() == lines[i - 1].Trim())
            .Select(i => lines[i].Trim()).ToHashSet(StringComparer.Ordinal);
        var patch = new StringBuilder($"{Id} AP 3.2\n{Id} FILE\nf.txt\n");
        var used = new HashSet<int>();
        var targets = new List<(int Line, int Spec)>();
        foreach (int v in modSpecs.Take(4))
        {
            int line = v % lines.Count;
            if (lines[line].Length > 0 && used.Add(line) && used.Add(line + 1))
            {
                targets.Add((line, v));
            }
        }

        // Top to bottom, as the spec asks of patch authors (out-of-order patches are hand-written cases, where the
        // patchers differ on purpose for DELETE).
        targets.Sort((a, b) => a.Line.CompareTo(b.Line));

        int k = 0;
        foreach (var (line, v) in targets)
        {
            string action = (v % 4) switch { 0 => "REPLACE", 1 => "INSERT_AFTER", 2 => "INSERT_BEFORE", _ => "DELETE" };
            patch.Append($"{Id} {action}\n");
            int anchorLine = Enumerable.Range(0, line).Reverse().FirstOrDefault(a => lines[a].Length > 0 && !used.Contains(a) && !adjacentTwins.Contains(lines[a].Trim()), -1);
            if (v % 5 == 0 && anchorLine >= 0)
            {
                patch.Append($"{Id} anchor\n{lines[anchorLine].Trim()}\n");
            }

            string snippet = lines[line].Trim();
            if (v % 3 == 0 && line + 1 < lines.Count && lines[line + 1].Length > 0)
            {
                snippet += "\n" + lines[line + 1];
            }

            patch.Append($"{Id} snippet\n{snippet}\n");
            if (action != "DELETE")
            {
                string indent = v % 2 == 0 ? "" : "    ";
                patch.Append($"{Id} content\n{indent}new_{k}();\n" + (v % 7 == 0 ? $"{indent}new_{k}_b();\n" : ""));
            }

            k++;
        }

        if (create)
        {
            patch.Append($"{Id} FILE\nmade/new.txt\n{Id} CREATE\n{Id} content\nhello {k}\n");
        }

        patch.Append($"{Id} END\n");
        return new Generated(string.Join("\n", lines) + "\n", patch.ToString(), strict);
    }

    [Fact]
    public void Generated_patches_give_the_same_result_as_the_reference()
    {
        var property = Prop.ForAll(Arb.From(Cases), generated =>
        {
            var @case = new DifferentialCase("generated", new Dictionary<string, string> { ["f.txt"] = generated.File }, generated.Patch, generated.Strict);
            var verdict = DifferentialRunner.RunAsync(@case).GetAwaiter().GetResult();
            Assert.True(verdict.Agrees, verdict + "\n" + generated);
            return true;
        });

        Check.One(Fixed, property);
    }

    // A fixed seed: the suite runs the same 60 generated cases every time, so CI never meets a new disagreement at
    // random. To explore, change the seed; a new disagreement is fixed, or pinned as a hand-written case in
    // DifferentialCases with its reason in KnownDifferences and docs/formats/ap.md (as the adjacent-anchor case was).
    private static readonly Config Fixed = Config.QuickThrowOnFailure.WithMaxTest(60)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(0x0A93_2026UL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None)));
}
