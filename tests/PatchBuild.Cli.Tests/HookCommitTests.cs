using PatchBuild.Core.Git.Hooks;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// Real `git commit` through the hook that `patchbuild hook install` writes, calling the CLI this solution builds.
/// Each blocking rule blocks; clean commits, reviewed patches and the escape hatches pass.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HookCommitTests : IDisposable
{
    private const string Conflict = "x\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> feature\n";
    private const string Greeter = "namespace Demo;\n\npublic static class Greeter\n{\n    public static string Greet() => \"Hello\";\n}\n";
    private readonly HookTestRepository _repo = HookTestRepository.Create();
    private readonly List<string> _cleanup = [];

    public HookCommitTests()
    {
        _repo.Write("README.md", "Demo\n====\n");
        _repo.Write("src/Greeter.cs", Greeter);
        _repo.Stage(".");
        _repo.Git("commit", "-q", "-m", "initial");
    }

    public void Dispose()
    {
        _repo.Dispose();
        _cleanup.ForEach(HookTestRepository.DeleteFolder);
    }

    private void Install(string? folder = null)
    {
        var result = _repo.PatchBuildIn(folder, "hook", "install");
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
    }

    private static string ApPatch(string snippet) => $"""
        e4a2f1b8 AP 3.2
        e4a2f1b8 FILE
        src/Greeter.cs
        e4a2f1b8 REPLACE
        e4a2f1b8 snippet
        {snippet}
        e4a2f1b8 content
            public static string Greet() => "Hello, world";

        """;

    private void AssertBlocked(ProcessResult commit, string ruleId, string location)
    {
        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains($"{location}: error {ruleId}: ", commit.Error);
        Assert.Contains("Fix: ", commit.Error);
        Assert.Contains("commit blocked", commit.Error);
        Assert.Equal(1, _repo.CommitCount());
    }

    [Fact]
    public void Install_records_the_cli_that_ran_it()
    {
        Install();

        string hook = _repo.Read(".git/hooks/pre-commit");
        Assert.Contains(HookScript.Marker, hook);
        Assert.Contains(Support.CliRunner.NativeTool is null
            ? $"PATCHBUILD_RECORDED_DLL='{HookTestRepository.CliAssembly}'"
            : $"PATCHBUILD_RECORDED_EXE='{Support.CliRunner.NativeTool}'", hook);
    }

    [Fact]
    public void A_clean_commit_passes()
    {
        Install();
        for (int i = 0; i < 20; i++)
        {
            _repo.Write($"src/File{i}.cs", $"class C{i} {{ }}\n");
        }

        _repo.Stage("src");
        var commit = _repo.Commit();

        Assert.True(commit.ExitCode == 0, commit.Error);
        Assert.Equal(2, _repo.CommitCount());
    }

    [Fact]
    public void Conflict_markers_block_the_commit()
    {
        Install();
        _repo.Write("src/Notes.txt", Conflict);
        _repo.Stage("src/Notes.txt");

        AssertBlocked(_repo.Commit(), "PB2004", "src/Notes.txt:2");
    }

    [Fact]
    public void Leftovers_block_the_commit()
    {
        Install();
        _repo.Write("src/Greeter.cs.rej", "rejected hunk\n");
        _repo.Stage("src/Greeter.cs.rej");

        AssertBlocked(_repo.Commit(), "PB2005", "src/Greeter.cs.rej");
    }

    [Fact]
    public void An_interrupted_apply_blocks_the_commit()
    {
        Install();
        _repo.Write(".patchbuild/.gitignore", "*\n");
        _repo.Write(".patchbuild/history.jsonl", "{\"type\":\"begin\",\"id\":\"t1\",\"kind\":\"apply\"}\n");
        _repo.Write("src/Other.cs", "class Other { }\n");
        _repo.Stage("src/Other.cs");

        AssertBlocked(_repo.Commit(), "PB2006", ".patchbuild/history.jsonl:1");
    }

    [Fact]
    public void An_unparsable_patch_blocks_the_commit()
    {
        Install();
        _repo.Write("patch.json", "{ not json");
        _repo.Stage("patch.json");

        var commit = _repo.Commit();

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Matches(@"patch\.json(:\d+)?: error PB2001: ", commit.Error);
        Assert.Equal(1, _repo.CommitCount());
    }

    [Fact]
    public void A_partially_staged_file_is_judged_by_what_is_committed_and_the_working_tree_is_untouched()
    {
        Install();
        _repo.Write("src/Notes.txt", "clean\n");
        _repo.Stage("src/Notes.txt");
        _repo.Write("src/Notes.txt", Conflict);

        var commit = _repo.Commit();

        Assert.True(commit.ExitCode == 0, commit.Error);
        Assert.Equal(Conflict, _repo.Read("src/Notes.txt"));
        Assert.Equal(" M src/Notes.txt\n", _repo.Git("status", "--porcelain"));
    }

    [Fact]
    public void PATCHBUILD_SKIP_skips_the_checks_with_a_warning_and_no_verify_skips_the_hook()
    {
        Install();
        _repo.Write("src/Notes.txt", Conflict);
        _repo.Stage("src/Notes.txt");

        var skipped = _repo.Commit("skip", new Dictionary<string, string> { ["PATCHBUILD_SKIP"] = "1" });
        Assert.True(skipped.ExitCode == 0, skipped.Error);
        Assert.Contains("PATCHBUILD_SKIP", skipped.Error);
        Assert.Contains("warning", skipped.Error);

        _repo.Write("b.orig", "x\n");
        _repo.Stage("b.orig");
        var unverified = _repo.Commit("no verify", null, "--no-verify");
        Assert.True(unverified.ExitCode == 0, unverified.Error);
        Assert.Equal(3, _repo.CommitCount());
    }

    [Fact]
    public void With_core_hooksPath_the_hook_is_installed_there_and_runs()
    {
        _repo.Git("config", "core.hooksPath", ".githooks");
        Install();
        Assert.True(File.Exists(_repo.FullPath(".githooks/pre-commit")));
        _repo.Write("a.orig", "x\n");
        _repo.Stage("a.orig");

        AssertBlocked(_repo.Commit(), "PB2005", "a.orig");
    }

    [Fact]
    public void In_a_linked_worktree_the_hook_runs_against_that_worktrees_index()
    {
        string worktree = _repo.Root + "-wt";
        _cleanup.Add(worktree);
        _repo.Git("worktree", "add", "-q", "-b", "side", worktree);
        Install(worktree);
        File.WriteAllText(Path.Combine(worktree, "bad.txt"), Conflict);
        _repo.Run("git", ["add", "bad.txt"], folder: worktree);

        var blocked = _repo.Run("git", ["commit", "-q", "-m", "x"], folder: worktree);
        Assert.NotEqual(0, blocked.ExitCode);
        Assert.Contains("bad.txt:2: error PB2004", blocked.Error);

        File.WriteAllText(Path.Combine(worktree, "bad.txt"), "resolved\n");
        _repo.Run("git", ["add", "bad.txt"], folder: worktree);
        var passed = _repo.Run("git", ["commit", "-q", "-m", "x"], folder: worktree);
        Assert.True(passed.ExitCode == 0, passed.Error);
    }

    [Fact]
    public void An_existing_hook_is_kept_runs_first_can_fail_the_commit_and_is_restored_by_uninstall()
    {
        string hook = _repo.FullPath(".git/hooks/pre-commit");
        string foreign = "#!/bin/sh\necho \"previous hook ran\" >&2\n[ -f \"$PWD/block-me\" ] && exit 3\nexit 0\n";
        File.WriteAllText(hook, foreign);
        File.SetUnixFileMode(hook, (UnixFileMode)0b111_101_101);
        Install();

        _repo.Write("a.txt", "a\n");
        _repo.Stage("a.txt");
        var passed = _repo.Commit();
        Assert.True(passed.ExitCode == 0, passed.Error);
        Assert.Contains("previous hook ran", passed.Error);

        _repo.Write("block-me", "");
        _repo.Write("b.txt", "b\n");
        _repo.Stage("b.txt");
        var failed = _repo.Commit();
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("previous hook ran", failed.Error);
        Assert.DoesNotContain("patchbuild", failed.Error); // it failed before PatchBuild ran

        var uninstall = _repo.PatchBuild("hook", "uninstall");
        Assert.Equal(0, uninstall.ExitCode);
        Assert.Equal(foreign, File.ReadAllText(hook));
        Assert.False(File.Exists(hook + HookScript.PreviousSuffix));
    }

    [Fact]
    public void The_hook_finds_dotnet_when_a_gui_client_gives_a_bare_path()
    {
        Install();
        string bin = Path.Combine(Path.GetTempPath(), "pb-bin-" + Guid.NewGuid().ToString("N")[..8]);
        _cleanup.Add(bin);
        Directory.CreateDirectory(bin);
        foreach (string tool in new[] { "git", "sh", "grep" })
        {
            string target = new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).First(File.Exists);
            File.CreateSymbolicLink(Path.Combine(bin, tool), target);
        }

        string hook = File.ReadAllText(_repo.FullPath(".git/hooks/pre-commit"));
        File.WriteAllText(_repo.FullPath(".git/hooks/pre-commit"), hook.Replace("PATCHBUILD_RECORDED_DOTNET='/", "PATCHBUILD_RECORDED_DOTNET='/nonexistent/", StringComparison.Ordinal));
        _repo.Write("a.orig", "x\n");
        _repo.Stage("a.orig");

        var commit = _repo.Run("git", ["commit", "-q", "-m", "x"], new Dictionary<string, string> { ["PATH"] = bin, ["DOTNET_ROOT"] = "" });

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("a.orig: error PB2005", commit.Error); // dotnet was found and PatchBuild ran
    }

    [Fact]
    public void A_missing_tool_fails_with_the_command_that_installs_it()
    {
        string hook = _repo.FullPath(".git/hooks/pre-commit");
        File.WriteAllText(hook, HookScript.Create("pre-commit", new ToolCommand(null, "/nonexistent/patchbuild.dll", null)));
        File.SetUnixFileMode(hook, (UnixFileMode)0b111_101_101);
        string home = Path.Combine(Path.GetTempPath(), "pb-home-" + Guid.NewGuid().ToString("N")[..8]);
        _cleanup.Add(home);
        Directory.CreateDirectory(home);
        // A commit with nothing to judge passes in the hook script without the tool; one with a patch needs it.
        _repo.Write("a.txt", "a\n");
        _repo.Stage("a.txt");
        var env = new Dictionary<string, string> { ["HOME"] = home, ["PATH"] = "/usr/bin:/bin" };
        Assert.Equal(0, _repo.Commit("plain", env).ExitCode);
        _repo.Write("afix.ap", "not a patch\n");
        _repo.Stage("afix.ap");

        var commit = _repo.Commit("x", env);

        Assert.Equal(1, commit.ExitCode);
        Assert.Contains("dotnet tool install --local PatchBuild.Tool", commit.Error);
        Assert.Contains("--no-verify", commit.Error);
    }

    // ---- The tests below need the ap parser/applier on main. ----

    [Fact]
    public void A_safe_patch_that_applies_may_be_committed_for_review()
    {
        Install();
        _repo.Write("afix.ap", ApPatch("public static string Greet() => \"Hello\";"));
        _repo.Stage("afix.ap");

        var commit = _repo.Commit();

        Assert.True(commit.ExitCode == 0, commit.Error);
        Assert.Equal(Greeter, _repo.Read("src/Greeter.cs"));
    }

    [Fact]
    public void A_stale_patch_blocks_the_commit()
    {
        Install();
        _repo.Write("afix.ap", ApPatch("public static string Greet() => \"Bonjour\";"));
        _repo.Stage("afix.ap");

        var commit = _repo.Commit();

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Matches(@"afix\.ap:\d+: error PB2003: ", commit.Error);
    }

    [Fact]
    public void An_unsafe_patch_blocks_the_commit()
    {
        Install();
        _repo.Write("afix.ap", ApPatch("public static string Greet() => \"Hello\";").Replace("src/Greeter.cs", "../Greeter.cs", StringComparison.Ordinal));
        _repo.Stage("afix.ap");

        var commit = _repo.Commit();

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Matches(@"afix\.ap(:\d+)?: error PB(2002|1001): ", commit.Error);
    }

    [Fact]
    public void RequireApplied_blocks_a_pending_patch()
    {
        Install();
        _repo.Write("patchbuild.json", "{ \"hook\": { \"requireApplied\": true } }\n");
        _repo.Write("afix.ap", ApPatch("public static string Greet() => \"Hello\";"));
        _repo.Stage("patchbuild.json", "afix.ap");

        var commit = _repo.Commit();

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("afix.ap: error PB2008: ", commit.Error);
    }
}
