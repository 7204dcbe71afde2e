using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using PatchBuild.Core.Formats;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;
using PatchBuild.Core.Tests.Support;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Planning;

/// <summary>
/// Edits of many files are planned on every core; the outcome must be the one planning them in turn gives: the
/// same results in the same order, the same warnings, the same first failure with nothing after it planned, the
/// same planned bytes. Patches are generated with what ends or splits a run (a second block for the same file, a
/// created file, a missing file, a snippet that is not there, a path that escapes) at generated places.
/// </summary>
public sealed class ConcurrentPlanningTests
{
    private const string Id = "c0ffee01";

    public sealed record Case(int Files, int[] Specs, bool Strict)
    {
        public override string ToString() => $"files={Files} strict={Strict} specs=[{string.Join(",", Specs)}]";
    }

    private static readonly Gen<Case> Cases =
        from files in Gen.Choose(8, 40)
        from length in Gen.Choose(1, 60)
        from specs in Gen.Choose(0, 999).ArrayOf(length)
        from strict in Gen.Elements(false, true)
        select new Case(files, specs, strict);

    [Fact]
    public void Generated_many_file_patches_plan_the_same_on_all_cores_as_in_turn()
    {
        int concurrentRuns = 0;
        var property = Prop.ForAll(Arb.From(Cases), @case =>
        {
            using var tree = new TempFolder();
            string patch = Write(tree.Path, @case);
            if (Compare(tree.Path, patch, @case.Strict, @case.ToString()))
            {
                concurrentRuns++;
            }
        });

        Check.One(Fixed, property);
        Assert.True(concurrentRuns > 25, $"only {concurrentRuns} of 60 cases had a run long enough to plan concurrently");
    }

    // A fixed seed, so CI meets the same 60 cases every time (change it to explore).
    private static readonly Config Fixed = Config.QuickThrowOnFailure.WithMaxTest(60)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(0x5EED_2026UL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None)));

    [Theory]
    [InlineData(0)] // the first file's snippet is missing
    [InlineData(7)]
    [InlineData(19)] // the last one
    public void The_first_failure_stops_the_plan_where_planning_in_turn_stops(int failing)
    {
        using var tree = new TempFolder();
        var text = new StringBuilder($"{Id} AP 3.2\n");
        for (int i = 0; i < 20; i++)
        {
            File.WriteAllText(Path.Combine(tree.Path, $"f{i}.txt"), $"alpha_{i}();\nbeta_{i}();\n");
            string snippet = i == failing || i == failing + 3 ? "not_in_the_file();" : $"beta_{i}();";
            text.Append($"{Id} FILE\nf{i}.txt\n{Id} REPLACE\n{Id} snippet\n{snippet}\n{Id} content\ngamma_{i}();\n");
        }

        string patch = Path.Combine(tree.Path, "afix.ap");
        File.WriteAllText(patch, text.Append($"{Id} END\n").ToString());
        Assert.True(Compare(tree.Path, patch, strict: false, $"failing={failing}"));

        var (outcome, _, _) = Plan(tree.Path, patch, strict: false, inTurn: false);
        Assert.Equal(failing + 1, outcome.Files.Count);
        Assert.Equal(FileStatus.Failed, outcome.Files[^1].Status);
        Assert.Single(outcome.Errors);
    }

    [Fact]
    public void An_edit_of_a_folder_the_plan_created_files_in_is_judged_in_turn()
    {
        // "made/new.txt" is created first, so "made" is a folder only in the plan; its edit must say so, which a
        // detached workspace (that has not seen the creation) could not.
        using var tree = new TempFolder();
        var text = new StringBuilder($"{Id} AP 3.2\n{Id} FILE\nmade/new.txt\n{Id} CREATE\n{Id} content\nhello\n");
        for (int i = 0; i < 12; i++)
        {
            File.WriteAllText(Path.Combine(tree.Path, $"f{i}.txt"), $"alpha_{i}();\n");
            string file = i == 9 ? "made" : $"f{i}.txt";
            text.Append($"{Id} FILE\n{file}\n{Id} REPLACE\n{Id} snippet\nalpha_{i}();\n{Id} content\nbeta_{i}();\n");
        }

        string patch = Path.Combine(tree.Path, "afix.ap");
        File.WriteAllText(patch, text.Append($"{Id} END\n").ToString());
        Assert.True(Compare(tree.Path, patch, strict: false, "folder"));
        var (outcome, _, _) = Plan(tree.Path, patch, strict: false, inTurn: false);
        Assert.Contains("folder", Assert.Single(outcome.Errors).Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 7)] // the folder's file is edited after the folder
    [InlineData(7, 3)] // and before it
    public void An_edit_of_a_folder_on_disk_inside_a_run_fails_as_in_turn(int folderAt, int fileBelowAt)
    {
        using var tree = new TempFolder();
        Directory.CreateDirectory(Path.Combine(tree.Path, "dir"));
        var text = new StringBuilder($"{Id} AP 3.2\n");
        for (int i = 0; i < 12; i++)
        {
            string file = i == folderAt ? "dir" : i == fileBelowAt ? "dir/x.txt" : $"f{i}.txt";
            if (i != folderAt)
            {
                File.WriteAllText(Path.Combine(tree.Path, file), $"alpha_{i}();\n");
            }

            text.Append($"{Id} FILE\n{file}\n{Id} REPLACE\n{Id} snippet\nalpha_{i}();\n{Id} content\nbeta_{i}();\n");
        }

        string patch = Path.Combine(tree.Path, "afix.ap");
        File.WriteAllText(patch, text.Append($"{Id} END\n").ToString());
        Assert.True(Compare(tree.Path, patch, strict: false, "folder on disk"));
        var (outcome, _, _) = Plan(tree.Path, patch, strict: false, inTurn: false);
        Assert.Contains("folder", Assert.Single(outcome.Errors).Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diff_of_many_files_plans_the_same_on_all_cores_as_in_turn()
    {
        using var tree = new TempFolder();
        var diff = new StringBuilder();
        for (int i = 0; i < 24; i++)
        {
            string ending = i % 3 == 0 ? "\r\n" : "\n";
            File.WriteAllBytes(Path.Combine(tree.Path, $"d{i}.cs"), Encoding.UTF8.GetBytes($"class C{i}{ending}{{{ending}    int x = {i};{ending}}}{ending}"));
            string context = i == 17 ? "    int y = 0;" : $"    int x = {i};";
            diff.Append($"--- a/d{i}.cs\n+++ b/d{i}.cs\n@@ -1,4 +1,4 @@\n class C{i}\n {{\n-{context}\n+    int x = {i + 100};\n }}\n");
        }

        string patch = Path.Combine(tree.Path, "change.patch");
        File.WriteAllText(patch, diff.ToString());
        Assert.True(Compare(tree.Path, patch, strict: false, "diff"));
        Assert.True(Compare(tree.Path, patch, strict: true, "diff strict"));
    }

    /// <summary>Plans the patch both ways on fresh workspaces; true when the concurrent way had a run to plan.</summary>
    private static bool Compare(string root, string patch, bool strict, string label)
    {
        var (concurrent, concurrentChanges, planner) = Plan(root, patch, strict, inTurn: false);
        var (inTurn, inTurnChanges, _) = Plan(root, patch, strict, inTurn: true);
        Assert.Equal(Describe(inTurn), Describe(concurrent));
        Assert.Equal(inTurnChanges.Select(c => c.Path.Relative), concurrentChanges.Select(c => c.Path.Relative));
        for (int i = 0; i < inTurnChanges.Count; i++)
        {
            Assert.True((inTurnChanges[i].After ?? []).AsSpan().SequenceEqual(concurrentChanges[i].After ?? []), $"{label}: {inTurnChanges[i].Path.Relative} planned differently");
        }

        return planner.PlannedConcurrently > 0;
    }

    private static (PatchPlanner.PlanOutcome Outcome, IReadOnlyList<PlannedChange> Changes, PatchPlanner Planner) Plan(string root, string patch, bool strict, bool inTurn)
    {
        var set = new PatchEngine().LoadAsync(patch, new ParseOptions { Strict = strict }, null).GetAwaiter().GetResult();
        var workspace = new PatchWorkspace(root);
        var planner = new PatchPlanner(PatchFormats.All.SelectMany(f => f.Appliers).ToList()) { InTurn = inTurn };
        var outcome = planner.Plan(workspace, [set], new ApplyOptions { Root = root, Strict = strict });
        return (outcome, workspace.GetChanges(), planner);
    }

    private static string Describe(PatchPlanner.PlanOutcome outcome)
    {
        var text = new StringBuilder();
        foreach (var file in outcome.Files)
        {
            text.Append($"file {file with { Notes = [], Error = null }} notes=[{string.Join("|", file.Notes)}] error={Describe(file.Error)}\n");
        }

        foreach (var warning in outcome.Warnings)
        {
            text.Append($"warning {warning}\n");
        }

        foreach (var error in outcome.Errors)
        {
            text.Append($"error {Describe(error)}\n");
        }

        foreach (var (_, change, modification, error) in outcome.Failures)
        {
            text.Append($"failure {change.Path} {modification?.Number} {Describe(error)}\n");
        }

        return text.Append($"conflicts {outcome.Conflicts.Count}\n").ToString();
    }

    private static string Describe(PatchError? error) => error is null ? "none"
        : $"{error with { Context = new Dictionary<string, object?>() }} context=[{string.Join("|", error.Context.Select(kv => $"{kv.Key}={kv.Value}"))}]";

    // A tree of files and one ap patch over them; specs pick, per FILE block, the file and what the block does.
    private static string Write(string root, Case @case)
    {
        for (int i = 0; i < @case.Files; i++)
        {
            string folder = Path.Combine(root, "src", $"m{i % 5}");
            Directory.CreateDirectory(folder);
            var lines = Enumerable.Range(0, 12).Select(k => k % 4 == 0 ? "shared();" : $"line_{i}_{k}();");
            File.WriteAllText(Path.Combine(folder, $"f{i}.cs"), string.Join(i % 4 == 0 ? "\r\n" : "\n", lines) + "\n");
        }

        var text = new StringBuilder($"{Id} AP 3.2\n");
        int next = 0;
        foreach (int spec in @case.Specs.Length > 0 ? @case.Specs : [1])
        {
            // Mostly the next file in order (long runs), sometimes an earlier one again or something that ends a run.
            int file = spec % 25 == 0 ? spec % @case.Files : next++ % @case.Files;
            string path = $"src/m{file % 5}/f{file}.cs";
            switch (spec % 53)
            {
                case 5:
                    text.Append($"{Id} FILE\nsrc/made/n{spec}.cs\n{Id} CREATE\n{Id} content\nmade_{spec}();\n");
                    continue;
                case 6:
                    text.Append($"{Id} FILE\nsrc/missing{spec}.cs\n{Id} REPLACE\n{Id} snippet\nshared();\n{Id} content\nx();\n");
                    continue;
                case 7:
                    text.Append($"{Id} FILE\n../outside{spec}.cs\n{Id} REPLACE\n{Id} snippet\nshared();\n{Id} content\nx();\n");
                    continue;
            }

            text.Append($"{Id} FILE\n{path}\n");
            int line = 1 + (spec % 11);
            // "shared();" is on several lines: ambiguous, so refused in strict mode; "absent();" is on none.
            string snippet = spec % 13 == 0 ? "shared();" : spec % 29 == 3 ? "absent();" : line % 4 == 0 ? $"line_{file}_{line + 1}();" : $"line_{file}_{line}();";
            string action = (spec / 7 % 4) switch { 0 => "REPLACE", 1 => "INSERT_AFTER", 2 => "INSERT_BEFORE", _ => "DELETE" };
            text.Append($"{Id} {action}\n{Id} snippet\n{snippet}\n");
            if (action != "DELETE")
            {
                // An unclosed bracket now and then: a warning, which must come out in the same order.
                text.Append(spec % 7 == 1 ? $"{Id} content\nadded_{spec}(;\n" : $"{Id} content\nadded_{spec}();\n");
            }
        }

        string patch = Path.Combine(root, "afix.ap");
        File.WriteAllText(patch, text.Append($"{Id} END\n").ToString());
        return patch;
    }
}
