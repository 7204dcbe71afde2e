using PatchBuild.Core.Checks;
using PatchBuild.Core.State;

namespace PatchBuild.Core.Tests.Checks;

/// <summary>The check engine against real git repositories: what the hook and `patchbuild check` find, and where.</summary>
public sealed class RepositoryCheckerTests : IDisposable
{
    private const string Conflict = "line 1\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> feature\n";
    private readonly GitTestRepository _repo = GitTestRepository.Create();

    public void Dispose() => _repo.Dispose();

    private Task<CheckReport> Check(CheckScope scope = CheckScope.StagedChanges, bool? requireApplied = null, string? root = null) =>
        RepositoryChecker.RunAsync(new CheckRequest(root ?? _repo.Root, scope) { RequireApplied = requireApplied });

    // Journals as PatchBuild's own writer writes them.
    private void WriteJournal(string stateFolder, params JournalRecord[] records)
    {
        string folder = Path.Combine(_repo.Root, stateFolder);
        Directory.CreateDirectory(folder);
        var writer = new JournalWriter(Path.Combine(folder, JournalWriter.FileName));
        foreach (var record in records)
        {
            writer.Append(record);
        }
    }

    private void CommitGreeter()
    {
        _repo.Write("src/Greeter.cs", TestPatches.Greeter);
        _repo.Write("README.md", "Demo\n====\n");
        _repo.Stage(".");
        _repo.Commit("initial");
    }

    [Fact]
    public async Task A_clean_commit_of_many_files_has_no_findings()
    {
        for (int i = 0; i < 20; i++)
        {
            _repo.Write($"src/File{i}.cs", $"class C{i} {{ }}\n");
        }

        _repo.Write("docs/Guide.md", "Guide\n=======\n\nText.\n");
        _repo.Stage(".");

        var report = await Check();

        Assert.Empty(report.Findings);
        Assert.Equal(21, report.FilesChecked);
        Assert.False(report.HasErrors);
    }

    [Fact]
    public async Task Staged_conflict_markers_are_found_with_file_and_line()
    {
        CommitGreeter();
        _repo.Write("src/Notes.txt", Conflict);
        _repo.Stage("src/Notes.txt");

        var finding = Assert.Single((await Check()).Findings);

        Assert.Equal(CheckRules.ConflictMarkers, finding.Rule);
        Assert.Equal("src/Notes.txt", finding.File);
        Assert.Equal(2, finding.Line);
        Assert.NotNull(finding.Hint);
    }

    [Fact]
    public async Task A_partially_staged_file_is_judged_by_its_staged_version()
    {
        CommitGreeter();
        _repo.Write("src/Notes.txt", "clean\n");
        _repo.Stage("src/Notes.txt");
        _repo.Write("src/Notes.txt", Conflict); // unstaged: not part of the commit

        Assert.Empty((await Check()).Findings);
        Assert.Single((await Check(CheckScope.WorkingTree)).Findings, f => f.Rule == CheckRules.ConflictMarkers);

        _repo.Stage("src/Notes.txt");
        _repo.Write("src/Notes.txt", "fixed on disk, not staged\n");

        Assert.Single((await Check()).Findings, f => f.Rule == CheckRules.ConflictMarkers);
        Assert.Empty((await Check(CheckScope.WorkingTree)).Findings);
        Assert.Equal("fixed on disk, not staged\n", _repo.Read("src/Notes.txt"));
    }

    [Fact]
    public async Task Staged_leftovers_are_each_reported_and_deleting_one_is_fine()
    {
        CommitGreeter();
        _repo.Write("old.orig", "x\n");
        _repo.Stage("old.orig");
        _repo.Commit("a leftover slipped in");
        _repo.Git("rm", "-q", "old.orig");
        foreach (string path in new[] { "afailed.ap", "src/afailed.md", "src/Greeter.cs.rej", "src/Greeter.cs.orig", ".patchbuild/backups/1/Greeter.cs" })
        {
            _repo.Write(path, "leftover\n");
            _repo.Stage(path);
        }

        var findings = (await Check()).Findings;

        Assert.All(findings, f => Assert.Equal(CheckRules.Leftover, f.Rule));
        Assert.Equal(
            [".patchbuild/backups/1/Greeter.cs", "afailed.ap", "src/Greeter.cs.orig", "src/Greeter.cs.rej", "src/afailed.md"],
            findings.Select(f => f.File!).ToArray());
    }

    [Fact]
    public async Task An_interrupted_apply_in_the_journal_blocks_even_a_clean_commit()
    {
        CommitGreeter();
        WriteJournal(".patchbuild", new JournalRecord { Type = JournalRecord.Begin, Id = "tx1", Kind = JournalRecord.KindApply });
        _repo.Write("src/Other.cs", "class Other { }\n");
        _repo.Stage("src/Other.cs");

        var finding = Assert.Single((await Check()).Findings);

        Assert.Equal(CheckRules.InterruptedApply, finding.Rule);
        Assert.Equal(".patchbuild/history.jsonl", finding.File);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public async Task A_journal_at_a_nested_workspace_root_is_read_when_its_files_are_committed()
    {
        CommitGreeter();
        WriteJournal("src/.patchbuild",
            new JournalRecord { Type = JournalRecord.Begin, Id = "a", Kind = JournalRecord.KindApply },
            new JournalRecord { Type = JournalRecord.Aborted, Id = "a", Reason = "disk full" });
        _repo.Write("src/Other.cs", "class Other { }\n");
        _repo.Stage("src/Other.cs");

        var finding = Assert.Single((await Check()).Findings);

        Assert.Equal(CheckRules.FailedApply, finding.Rule);
        Assert.Equal("src/.patchbuild/history.jsonl", finding.File);
    }

    [Fact]
    public async Task Index_scope_judges_every_staged_file_and_ignores_unstaged_edits()
    {
        _repo.Write("a.txt", Conflict);
        _repo.Stage("a.txt");
        _repo.Commit("conflict committed earlier");
        _repo.Write("b.txt", Conflict); // untracked, never staged

        Assert.Empty((await Check()).Findings); // nothing staged now
        Assert.Equal(["a.txt"], (await Check(CheckScope.Index)).Findings.Select(f => f.File!).ToArray());
        Assert.Equal(["a.txt", "b.txt"], (await Check(CheckScope.WorkingTree)).Findings.Select(f => f.File!).ToArray());
    }

    [Fact]
    public async Task Root_limits_the_check_to_a_folder_and_paths_stay_relative_to_the_top()
    {
        _repo.Write("a/x.txt", Conflict);
        _repo.Write("b/y.txt", Conflict);
        _repo.Stage(".");

        var report = await Check(CheckScope.Index, root: _repo.FullPath("b"));

        Assert.Equal(["b/y.txt"], report.Findings.Select(f => f.File!).ToArray());
    }

    [Fact]
    public async Task Outside_git_the_working_tree_is_walked_and_staged_checks_fail_clearly()
    {
        string folder = Path.Combine(Path.GetTempPath(), "pb-nogit-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(folder, "src"));
        try
        {
            File.WriteAllText(Path.Combine(folder, "src", "x.txt"), Conflict);
            File.WriteAllText(Path.Combine(folder, "y.rej"), "x");

            var working = await RepositoryChecker.RunAsync(new CheckRequest(folder, CheckScope.WorkingTree));
            var staged = await RepositoryChecker.RunAsync(new CheckRequest(folder, CheckScope.Index));

            Assert.Equal(["src/x.txt", "y.rej"], working.Findings.Select(f => f.File!).ToArray());
            Assert.Equal(CheckRules.CheckError, Assert.Single(staged.Findings).Rule);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Invalid_patchbuild_json_is_reported()
    {
        _repo.Write("patchbuild.json", "{ \"hook\": { \"requireApplied\": tru } }");
        _repo.Stage("patchbuild.json");

        var finding = Assert.Single((await Check()).Findings);

        Assert.Equal(CheckRules.CheckError, finding.Rule);
        Assert.Equal("patchbuild.json", finding.File);
    }

    [Fact]
    public async Task A_patch_file_that_is_not_a_patch_is_unparsable()
    {
        CommitGreeter();
        _repo.Write("src/patch.json", "{ this is not json");
        _repo.Stage("src/patch.json");

        var finding = Assert.Single((await Check()).Findings);

        Assert.Equal(CheckRules.UnparsablePatch, finding.Rule);
        Assert.Equal("src/patch.json", finding.File);
        Assert.NotNull(finding.ErrorCode);
    }

    // ---- The tests below need the ap parser/applier and the unified diff format on main. ----

    [Fact]
    public async Task A_safe_patch_that_applies_may_be_committed_for_review()
    {
        CommitGreeter();
        _repo.Write("afix.ap", TestPatches.ApReplace());
        _repo.Stage("afix.ap");

        var report = await Check();

        Assert.Empty(report.Findings);
        var verdict = Assert.Single(report.Patches);
        Assert.True(verdict.Pending);
        Assert.Equal(TestPatches.Greeter, _repo.Read("src/Greeter.cs")); // the dry run wrote nothing
        Assert.Equal("A  afix.ap\n", _repo.Git("status", "--porcelain"));
    }

    [Fact]
    public async Task A_stale_patch_is_blocked_at_its_line()
    {
        CommitGreeter();
        _repo.Write("afix.ap", TestPatches.ApReplace(snippet: "public static string Greet() => \"Goodbye\";"));
        _repo.Stage("afix.ap");

        var finding = Assert.Single((await Check()).Findings);

        Assert.Equal(CheckRules.StalePatch, finding.Rule);
        Assert.Equal("afix.ap", finding.File);
        Assert.NotNull(finding.Line);
        Assert.NotNull(finding.ErrorCode);
    }

    [Fact]
    public async Task A_patch_that_deletes_code_that_was_never_there_is_a_finding()
    {
        // Issue 11: a hallucinated "remove the insecure helper" must not pass the hook as an applied no-op.
        CommitGreeter();
        _repo.Write("afix.ap", "e4a2f1b8 AP 3.2\ne4a2f1b8 FILE\nsrc/Greeter.cs\ne4a2f1b8 DELETE\ne4a2f1b8 snippet\npublic static string InsecureHelper() => \"\";\ne4a2f1b8 END\n");
        _repo.Stage("afix.ap");

        var finding = Assert.Single((await Check()).Findings);

        Assert.Equal(CheckRules.StalePatch, finding.Rule);
        Assert.Equal("afix.ap", finding.File);
        Assert.Equal("NOTHING_TO_DELETE", finding.ErrorCode);
        Assert.Contains("Greet()", finding.Message);
        Assert.Equal(TestPatches.Greeter, _repo.Read("src/Greeter.cs"));
    }

    [Fact]
    public async Task Staleness_is_judged_against_the_staged_targets_not_the_working_tree()
    {
        CommitGreeter();
        _repo.Write("src/Greeter.cs", TestPatches.Greeter.Replace("Hello", "Hi", StringComparison.Ordinal));
        _repo.Stage("src/Greeter.cs");
        _repo.Write("src/Greeter.cs", TestPatches.Greeter); // on disk the patch would apply; staged it would not
        _repo.Write("afix.ap", TestPatches.ApReplace());
        _repo.Stage("afix.ap");

        Assert.Equal(CheckRules.StalePatch, Assert.Single((await Check()).Findings).Rule);
        Assert.Empty((await Check(CheckScope.WorkingTree)).Findings);
    }

    [Fact]
    public async Task A_patch_in_a_project_folder_resolves_its_targets_from_that_folder()
    {
        CommitGreeter();
        _repo.Write("src/Demo.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        _repo.Write("src/afix.ap", TestPatches.ApReplace(target: "Greeter.cs"));
        _repo.Stage("src");

        var report = await Check();

        Assert.Empty(report.Findings);
        Assert.True(Assert.Single(report.Patches).Pending);
    }

    [Fact]
    public async Task A_patch_queued_in_a_plain_subfolder_resolves_its_targets_from_the_repository_top()
    {
        CommitGreeter();
        _repo.Write("queued/afix.ap", TestPatches.ApReplace(target: "src/Greeter.cs"));
        _repo.Stage("queued/afix.ap");

        var report = await Check();

        Assert.Empty(report.Findings);
        Assert.True(Assert.Single(report.Patches).Pending);
    }

    [Fact]
    public async Task A_patch_that_leaves_the_repository_is_unsafe()
    {
        CommitGreeter();
        _repo.Write("afix.ap", TestPatches.ApReplace(target: "../outside/Greeter.cs"));
        _repo.Stage("afix.ap");

        var finding = Assert.Single((await Check()).Findings);

        Assert.Equal(CheckRules.UnsafePatch, finding.Rule);
        Assert.Equal("afix.ap", finding.File);
    }

    [Fact]
    public async Task A_patch_that_writes_into_dot_git_is_unsafe()
    {
        CommitGreeter();
        _repo.Write("afix.ap", TestPatches.ApReplace(target: ".git/hooks/pre-commit"));
        _repo.Stage("afix.ap");

        Assert.Equal(CheckRules.UnsafePatch, Assert.Single((await Check()).Findings).Rule);
    }

    [Fact]
    public async Task A_patch_that_breaks_a_safety_rule_is_reported_under_that_rule()
    {
        CommitGreeter();
        _repo.Write("afix.ap", TestPatches.ApReplace().Replace("\"Hello, world\"", "\"DROP TABLE Users\"", StringComparison.Ordinal));
        _repo.Stage("afix.ap");

        var finding = Assert.Single((await Check()).Findings);

        Assert.Equal(CheckRules.UnsafePatch, finding.Rule);
        Assert.Equal("PB1004", finding.SafetyRuleId);
        Assert.Equal("PB1004", finding.ReportedRule.Id);
        Assert.Equal("afix.ap", finding.File);
        Assert.NotNull(finding.Line);
    }

    [Fact]
    public async Task A_patch_whose_result_does_not_compile_fails_the_full_check_but_not_the_fast_hook_check()
    {
        CommitGreeter();
        _repo.Write("afix.ap", TestPatches.ApReplace().Replace("=> \"Hello, world\";", "=> \"Hello, world\" +;", StringComparison.Ordinal));
        _repo.Stage("afix.ap");

        var full = await Check(CheckScope.Index);
        var hook = await RepositoryChecker.RunAsync(new CheckRequest(_repo.Root, CheckScope.StagedChanges) { ValidateResult = false });

        var finding = Assert.Single(full.Findings);
        Assert.Equal(CheckRules.StalePatch, finding.Rule);
        Assert.Equal("afix.ap", finding.File);
        Assert.Empty(hook.Findings);
    }

    [Fact]
    public async Task A_stale_unified_diff_is_blocked()
    {
        _repo.Write("src/Greeter.cs", TestPatches.Greeter.Replace("Hello", "Howdy", StringComparison.Ordinal));
        _repo.Stage(".");
        _repo.Commit();
        _repo.Write("fix.patch", TestPatches.UnifiedDiff);
        _repo.Stage("fix.patch");

        Assert.Equal(CheckRules.StalePatch, Assert.Single((await Check()).Findings).Rule);
    }

    [Fact]
    public async Task RequireApplied_blocks_pending_patches_and_passes_applied_ones()
    {
        CommitGreeter();
        _repo.Write("patchbuild.json", "{ \"hook\": { \"requireApplied\": true } }\n");
        _repo.Write("afix.ap", TestPatches.ApReplace());
        _repo.Stage("patchbuild.json", "afix.ap");

        var pending = Assert.Single((await Check()).Findings);
        Assert.Equal(CheckRules.PendingPatch, pending.Rule);
        Assert.Equal("afix.ap", pending.File);

        _repo.Write("src/Greeter.cs", TestPatches.GreeterApplied);
        _repo.Stage("src/Greeter.cs");

        Assert.Empty((await Check()).Findings);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RequireApplied_is_read_from_a_committed_or_an_untracked_patchbuild_json(bool committed)
    {
        CommitGreeter();
        _repo.Write("patchbuild.json", "{ \"hook\": { \"requireApplied\": true } }\n");
        if (committed)
        {
            _repo.Stage("patchbuild.json");
            _repo.Commit("settings");
        }

        _repo.Write("afix.ap", TestPatches.ApReplace());
        _repo.Stage("afix.ap");

        Assert.Equal(CheckRules.PendingPatch, Assert.Single((await Check()).Findings).Rule);
    }

    [Fact]
    public async Task RequireApplied_also_sees_an_untracked_patch_dropped_into_the_tree()
    {
        CommitGreeter();
        _repo.Write("src/afix.ap", TestPatches.ApReplace(target: "Greeter.cs"));
        _repo.Write("src/Other.cs", "class Other { }\n");
        _repo.Stage("src/Other.cs");

        Assert.Empty((await Check()).Findings);
        var finding = Assert.Single((await Check(requireApplied: true)).Findings);
        Assert.Equal(CheckRules.PendingPatch, finding.Rule);
        Assert.Equal("src/afix.ap", finding.File);
    }
}
