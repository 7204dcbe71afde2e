using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Matching;

namespace PatchBuild.Core.Tests.Aider;

/// <summary>
/// Generated files and generated edits (replace, delete, insert after, insert before), rendered once as an Aider
/// answer and once as an ap patch: both must leave the same bytes. Half the blocks drop their indentation, so the
/// indentation rung is exercised as well as the exact one.
/// </summary>
public sealed class AiderPropertyTests
{
    public sealed record Edit(LocatorAction Action, int Target, string[] Content, bool Outdented);

    public sealed record Scenario(string[] Lines, string Newline, IReadOnlyList<Edit> Edits)
    {
        public string Text => string.Concat(Lines.Select(l => l + Newline));

        public override string ToString() =>
            $"{Text.Replace("\r", "\\r").Replace("\n", "\\n")}\n{string.Join("\n", Edits.Select(e => $"{e.Action} line {e.Target + 1} '{Lines[e.Target]}' -> [{string.Join(" | ", e.Content)}] outdented={e.Outdented}"))}";
    }

    private static readonly Gen<Scenario> Scenarios =
        from lineSpecs in Gen.ListOf(Gen.Choose(0, 1000)).Where(l => l.Count >= 3)
        from editSpecs in Gen.NonEmptyListOf(Gen.Choose(0, 1000))
        from newline in Gen.Elements("\n", "\r\n")
        select Build([.. lineSpecs], [.. editSpecs], newline);

    private static Scenario Build(int[] lineSpecs, int[] editSpecs, string newline)
    {
        var lines = new List<string>();
        var unique = new List<int>();
        for (int i = 0; i < lineSpecs.Length; i++)
        {
            int v = lineSpecs[i];
            string indent = v % 7 == 0 ? "\t" : new string(' ', v % 3 * 4);
            if (v % 5 == 0)
            {
                lines.Add(indent + "}");
            }
            else if (v % 11 == 0)
            {
                lines.Add("");
            }
            else
            {
                unique.Add(lines.Count);
                lines.Add($"{indent}stmt_{i}({v});");
            }
        }

        var edits = new List<Edit>();
        var free = new List<int>(unique);
        for (int k = 0; k < editSpecs.Length && free.Count > 0; k++)
        {
            int v = editSpecs[k];
            int target = free[v % free.Count];
            free.Remove(target);
            string indent = lines[target][..(lines[target].Length - lines[target].TrimStart().Length)];
            var action = (LocatorAction)(v % 4);
            string[] content = action == LocatorAction.Delete ? [] : v % 3 == 0 ? [$"{indent}new_{k}_a();", $"{indent}    new_{k}_b();"] : [$"{indent}new_{k}();"];
            edits.Add(new Edit(action, target, content, Outdented: v % 2 == 1 && indent.Length > 0));
        }

        return new Scenario([.. lines], newline, edits);
    }

    private static string AiderAnswer(Scenario scenario)
    {
        var answer = new StringBuilder("Here are the edits.\n\n");
        foreach (var edit in scenario.Edits)
        {
            string target = scenario.Lines[edit.Target];
            string[] replace = edit.Action switch
            {
                LocatorAction.InsertAfter => [target, .. edit.Content],
                LocatorAction.InsertBefore => [.. edit.Content, target],
                _ => edit.Content,
            };
            string[] search = [target];
            if (edit.Outdented)
            {
                int indent = target.Length - target.TrimStart().Length;
                search = [target[indent..]];
                replace = [.. replace.Select(l => l[indent..])];
            }

            answer.Append("f.txt\n```\n<<<<<<< SEARCH\n");
            foreach (string line in search)
            {
                answer.Append(line).Append('\n');
            }

            answer.Append("=======\n");
            foreach (string line in replace)
            {
                answer.Append(line).Append('\n');
            }

            answer.Append(">>>>>>> REPLACE\n```\n\n");
        }

        return answer.ToString();
    }

    private static LocatorModification ApModification(Scenario scenario, Edit edit)
    {
        var modification = new LocatorModification(edit.Action) { Snippet = scenario.Lines[edit.Target].Trim() };
        return edit.Action == LocatorAction.Delete ? modification : modification with { Content = string.Join("\n", edit.Content) };
    }

    [Fact]
    public void Random_edits_as_aider_blocks_leave_the_same_bytes_as_the_same_edits_in_ap()
    {
        var property = Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            using var aider = new AiderTestKit();
            using var ap = new ApTestWorkspace();
            aider.Folder.Write("f.txt", scenario.Text);
            ap.Write("f.txt", scenario.Text);

            var aiderResult = aider.ApplyAsync(AiderAnswer(scenario)).GetAwaiter().GetResult();
            var apResult = ap.ApplyAsync(ap.Patch("f.txt", [.. scenario.Edits.Select(e => ApModification(scenario, e))])).GetAwaiter().GetResult();

            Assert.True(apResult.Success, "ap: " + apResult.Error?.Message + "\n" + scenario);
            Assert.True(aiderResult.Success, "aider: " + aiderResult.Error?.Message + " " + aiderResult.Error?.Hint + "\n" + scenario);
            Assert.Equal(Encoding.UTF8.GetString(ap.Bytes("f.txt")), Encoding.UTF8.GetString(File.ReadAllBytes(aider.Folder.Combine("f.txt"))));
            return true;
        });

        Check.One(Fixed, property);
    }

    // A fixed seed, so CI runs the same 100 cases every time; change it to explore.
    private static readonly Config Fixed = Config.QuickThrowOnFailure.WithMaxTest(100)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(0x41D3_2026UL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None)));
}
