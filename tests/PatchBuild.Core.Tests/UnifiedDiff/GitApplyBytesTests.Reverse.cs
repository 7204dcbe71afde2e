using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace PatchBuild.Core.Tests.UnifiedDiff;

/// <summary>
/// The same generated trees, with real git as the oracle for `--reverse` (git apply -R on the edited tree) and for
/// the lenient reading of a diff whose @@ counts a model got wrong (git apply of the correct diff).
/// </summary>
public sealed partial class GitApplyBytesTests
{
    // Fixed seeds: CI runs the same cases every time; change a seed to explore.
    private static readonly Config ReverseRuns = Config.QuickThrowOnFailure.WithMaxTest(40)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(0x5EED_0012UL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None)));

    private static readonly Config RecountRuns = Config.QuickThrowOnFailure.WithMaxTest(40)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(0x5EED_0C0DUL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None)));

    [Fact]
    public void Generated_diffs_reversed_by_us_come_out_as_git_apply_R_writes_them()
    {
        int changed = 0;
        Check.One(ReverseRuns, Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            if (AssertReverseSameAsGit(scenario))
            {
                changed++;
            }
        }));
        Assert.True(changed > 20, $"only {changed} scenarios changed something");
    }

    [Fact]
    public void Generated_diffs_with_wrong_counts_apply_as_the_correct_diff_does_with_git_apply()
    {
        int changed = 0;
        Check.One(RecountRuns, Prop.ForAll(Arb.From(Scenarios), Gen.Choose(1, 5).ToArbitrary(), (scenario, skew) =>
        {
            if (AssertRecountedSameAsGit(scenario, skew))
            {
                changed++;
            }
        }));
        Assert.True(changed > 20, $"only {changed} scenarios changed something");
    }

    [Fact]
    public void Reversing_a_rename_with_changes_restores_the_old_name_and_content() =>
        AssertReverseSameAsGit(new(
            new() { ["old/name.txt"] = "one\ntwo\nthree\nfour\nfive\nsix\n"u8.ToArray() },
            new() { ["old/name.txt"] = null, ["new/name.txt"] = "one\ntwo\nTHREE\nfour\nfive\nsix\n"u8.ToArray() },
            "rename with edit"));

    /// <summary>git diff of the scenario; git apply -R and PatchBuild --reverse each undo it on a copy of the edited tree.</summary>
    private static bool AssertReverseSameAsGit(Scenario scenario)
    {
        using var repo = new TempTree("oracle-");
        string? diffFile = CommitAndDiff(repo, scenario);
        if (diffFile is null)
        {
            return false;
        }

        using var byGit = EditedCopy(scenario, "gitapplyR-");
        using var byUs = EditedCopy(scenario, "oursR-");
        Git.Run(byGit.Root, "init", "-q");
        Git.Run(byGit.Root, "apply", "-R", diffFile);
        var result = Engine.Create().ApplyFilesAsync([diffFile], new ApplyOptions { Root = byUs.Root, Reverse = true }).GetAwaiter().GetResult();
        string diffText = Latin1.GetString(File.ReadAllBytes(diffFile)).Replace("\r", "\\r");
        Assert.True(result.Success, $"{scenario}\n{result.Error?.Code}: {result.Error?.Message}\n{diffText}");
        AssertSameTree(byGit.Snapshot(), byUs.Snapshot(), scenario, "our --reverse wrote", diffText);
        return true;
    }

    /// <summary>git's diff with every @@ count made wrong by <paramref name="skew"/>: we read it by its bodies and must write what git apply writes from the correct diff.</summary>
    private static bool AssertRecountedSameAsGit(Scenario scenario, int skew)
    {
        using var repo = new TempTree("oracle-");
        string? diffFile = CommitAndDiff(repo, scenario);
        if (diffFile is null)
        {
            return false;
        }

        using var byGit = new TempTree("gitapply-");
        using var byUs = new TempTree("oursRecount-");
        foreach (var (path, bytes) in scenario.Original)
        {
            byGit.WriteBytes(path, bytes);
            byUs.WriteBytes(path, bytes);
        }

        Git.Run(byGit.Root, "init", "-q");
        Git.Run(byGit.Root, "apply", diffFile);
        // Latin-1 maps bytes to chars one to one, so the skewed diff keeps every other byte.
        string diff = Latin1.GetString(File.ReadAllBytes(diffFile));
        string skewed = HunkCounts.Replace(diff, m =>
            $"@@ -{m.Groups[1].Value},{int.Parse(m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : "1") + skew} +{m.Groups[3].Value},{Math.Max(0, int.Parse(m.Groups[4].Value.Length > 0 ? m.Groups[4].Value : "1") - skew)} @@");
        string skewedFile = Path.Combine(repo.Root, ".git", "skewed.patch");
        File.WriteAllBytes(skewedFile, Latin1.GetBytes(skewed));
        var result = Engine.Create().ApplyFilesAsync([skewedFile], new ApplyOptions { Root = byUs.Root }).GetAwaiter().GetResult();
        string shown = skewed.Replace("\r", "\\r");
        Assert.True(result.Success, $"{scenario}\n{result.Error?.Code}: {result.Error?.Message}\n{shown}");
        Assert.Contains(result.Warnings, w => w.Code == "DIFF_HUNK_RECOUNTED");
        AssertSameTree(byGit.Snapshot(), byUs.Snapshot(), scenario, "we wrote from the skewed diff", shown);
        return true;
    }

    private static readonly Regex HunkCounts = new(@"^@@ -(\d+),?(\d*) \+(\d+),?(\d*) @@", RegexOptions.Multiline);

    private static string? CommitAndDiff(TempTree repo, Scenario scenario)
    {
        foreach (var (path, bytes) in scenario.Original)
        {
            repo.WriteBytes(path, bytes);
        }

        Git.Run(repo.Root, "init", "-q");
        Git.Run(repo.Root, "add", "-A");
        Git.Run(repo.Root, "commit", "-q", "--allow-empty", "-m", "original");
        foreach (var (path, bytes) in scenario.Edited)
        {
            if (bytes is null)
            {
                File.Delete(repo.PathOf(path));
            }
            else
            {
                repo.WriteBytes(path, bytes);
            }
        }

        Git.Run(repo.Root, "add", "-A");
        string diffFile = Path.Combine(repo.Root, ".git", "change.patch");
        Git.Run(repo.Root, "diff", "--cached", "-M", "--no-color", "--no-ext-diff", "--output=" + diffFile);
        return new FileInfo(diffFile).Length == 0 ? null : diffFile;
    }

    // The tree git's edit left: the originals with the scenario's edits (null deletes).
    private static TempTree EditedCopy(Scenario scenario, string name)
    {
        var tree = new TempTree(name);
        foreach (var (path, bytes) in scenario.Original)
        {
            tree.WriteBytes(path, bytes);
        }

        foreach (var (path, bytes) in scenario.Edited)
        {
            if (bytes is null)
            {
                File.Delete(tree.PathOf(path));
            }
            else
            {
                tree.WriteBytes(path, bytes);
            }
        }

        return tree;
    }
}
