using FsCheck;
using FsCheck.Fluent;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Matching;

namespace PatchBuild.Core.Tests.Ap;

public sealed class ApplyPropertyTests : IDisposable
{
    private readonly ApTestWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    /// <summary>A generated file and a list of modifications that resolve against it.</summary>
    public sealed record Scenario(string Text, IReadOnlyList<LocatorModification> Mods, IReadOnlyList<string> Written, IReadOnlyList<string> Removed)
    {
        public override string ToString() => $"{Text.Replace("\r", "\\r").Replace("\n", "\\n")} | {string.Join("; ", Mods.Select(m => $"{m.Action} [{m.Anchor}] '{m.Snippet}' -> '{m.Content}'"))}";
    }

    private static readonly Gen<Scenario> Scenarios =
        from lineSpecs in Gen.ListOf(Gen.Choose(0, 1000)).Where(l => l.Count >= 3)
        from modSpecs in Gen.NonEmptyListOf(Gen.Choose(0, 1000))
        from newline in Gen.Elements("\n", "\r\n", "\r")
        from finalNewline in Gen.Elements(true, false)
        select Build([.. lineSpecs], [.. modSpecs], newline, finalNewline);

    private static Scenario Build(int[] lineSpecs, int[] modSpecs, string newline, bool finalNewline)
    {
        var lines = new List<string>();
        var unique = new List<int>();
        for (int i = 0; i < lineSpecs.Length; i++)
        {
            int v = lineSpecs[i];
            string indent = v % 7 == 0 ? "\t" : new string(' ', v % 4 * 2);
            if (v % 5 == 0)
            {
                lines.Add(indent + "}");
            }
            else
            {
                unique.Add(lines.Count);
                lines.Add($"{indent}stmt_{i}({v});");
            }

            if (v % 3 == 0)
            {
                lines.Add("");
            }
        }

        var targeted = new HashSet<int>();
        var mods = new List<LocatorModification>();
        var written = new List<string>();
        var removed = new List<string>();
        for (int k = 0; k < modSpecs.Length; k++)
        {
            var free = unique.Where(u => !targeted.Contains(u)).ToList();
            if (free.Count < 2)
            {
                break;
            }

            int v = modSpecs[k];
            int target = free[v % free.Count];
            targeted.Add(target);
            var action = (LocatorAction)(v % 4);
            string content = v % 3 == 0 ? $"new_{k}_a();\n    new_{k}_b();" : $"new_{k}();";
            var mod = new LocatorModification(action) { Snippet = lines[target].Trim() };
            if (action != LocatorAction.Delete)
            {
                mod = mod with { Content = content };
                written.AddRange(LocatorTextLines(content));
            }

            if (action is LocatorAction.Replace or LocatorAction.Delete)
            {
                removed.Add(lines[target].Trim());
            }

            // Anchor on an earlier line no modification touches, so it survives both runs.
            var anchors = unique.Where(u => u < target && !targeted.Contains(u) && modSpecs.Length > 0).ToList();
            if (v % 2 == 0 && anchors.Count > 0)
            {
                int anchor = anchors[v % anchors.Count];
                targeted.Add(anchor);
                mod = mod with { Anchor = lines[anchor].Trim() };
            }

            mods.Add(mod);
        }

        string text = string.Join(newline, lines) + (finalNewline ? newline : "");
        return new Scenario(text, mods, written, removed);
    }

    private static IEnumerable<string> LocatorTextLines(string content) => content.Split('\n').Select(l => l.Trim());

    [Fact]
    public void Applying_twice_is_a_no_op_the_second_time()
    {
        var property = Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            if (scenario.Mods.Count == 0)
            {
                return true;
            }

            _ws.Write("f.txt", scenario.Text);
            var patch = _ws.Patch("f.txt", [.. scenario.Mods]);
            var first = _ws.ApplyAsync(patch).GetAwaiter().GetResult();
            Assert.True(first.Success, first.Error?.Message + " " + first.Error?.Hint);
            string once = _ws.Read("f.txt");
            var normalized = once.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToHashSet();
            Assert.All(scenario.Written, w => Assert.Contains(w, normalized));
            Assert.All(scenario.Removed, r => Assert.DoesNotContain(r, normalized));
            string newline = scenario.Text.Contains("\r\n") ? "\r\n" : scenario.Text.Contains('\r') ? "\r" : "\n";
            string withoutOwnEndings = once.Replace(newline, "");
            Assert.DoesNotContain('\n', withoutOwnEndings);
            Assert.DoesNotContain('\r', withoutOwnEndings);
            Assert.EndsWith(newline, once);

            byte[] bytes = _ws.Bytes("f.txt");
            var second = _ws.ApplyAsync(patch).GetAwaiter().GetResult();
            Assert.True(second.Success, second.Error?.Message);
            Assert.Equal(scenario.Mods.Count, second.Files.Single().Skipped);
            Assert.Equal(bytes, _ws.Bytes("f.txt"));
            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(80), property);
    }
}
