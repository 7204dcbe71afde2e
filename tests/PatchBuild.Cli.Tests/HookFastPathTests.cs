using PatchBuild.Core.Git;
using PatchBuild.Core.Git.Hooks;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// The installed hook decides in sh, with git's own commands, whether the engine has anything to judge (issue 16).
/// Differential: for each staged set, in a real repository, the verdict of a real `git commit` through the installed
/// hook equals the verdict of `patchbuild hook run pre-commit` on the same index; and the table says whether the
/// hook was expected to skip starting .NET, so a fast path that ran the engine every time (or never) fails too.
/// The hook records a wrapper as its tool: the wrapper notes that it started, then runs the CLI under test.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HookFastPathTests : IDisposable
{
    private const string Conflict = "x\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> feature\n";
    private const string Greeter = "namespace Demo;\n\npublic static class Greeter\n{\n    public static string Greet() => \"Hello\";\n}\n";
    private const string Garbage = "this is not a patch in any format\n";
    private readonly List<string> _cleanup = [];

    // rm, not Directory.Delete: .NET cannot name (so cannot delete) a file whose name is not UTF-8.
    public void Dispose()
    {
        foreach (string folder in _cleanup)
        {
            using var rm = System.Diagnostics.Process.Start("rm", ["-rf", "--", folder]);
            rm.WaitForExit();
        }
    }

    /// <param name="Name">What the staged set is (the xunit case name).</param>
    /// <param name="Stage">Prepares the repository and stages the set; may commit first with --no-verify.</param>
    /// <param name="Engine">True when the hook must start the engine; false when git alone must let it pass.</param>
    /// <param name="Blocked">The engine's verdict this case is built for; null only where the table does not care.</param>
    private sealed record StagedSet(string Name, Action<HookTestRepository> Stage, bool Engine, bool? Blocked)
    {
        public override string ToString() => Name;
    }

    private static StagedSet Set(string name, Action<HookTestRepository> stage, bool engine, bool? blocked) => new(name, stage, engine, blocked);

    private static Action<HookTestRepository> Files(params (string Path, string Content)[] files) => repo =>
    {
        foreach (var (path, content) in files)
        {
            repo.Write(path, content);
        }

        // Literal pathspecs: the odd names of the table are files, not globs or pathspec magic, for git add too.
        repo.Git(["--literal-pathspecs", "add", "-f", "--", .. files.Select(f => f.Path)]);
    };

    // Names .NET cannot spell (bytes that are not UTF-8) or that need care: written and staged by sh, name in argv.
    private static Action<HookTestRepository> ShellFile(string printfName, string content) => repo =>
    {
        var result = repo.Run("sh", ["-c", "name=$(printf \"$1\"); printf '%s' \"$2\" > \"$name\" && git add -f -- \"$name\"", "sh", printfName, content]);
        Assert.True(result.ExitCode == 0, result.Error);
    };

    private static void CommitUnchecked(HookTestRepository repo, params (string Path, string Content)[] files)
    {
        Files(files)(repo);
        repo.Git("commit", "-q", "--no-verify", "-m", "setup");
    }

    private const string ApplyingPatch = """
        e4a2f1b8 AP 3.2
        e4a2f1b8 FILE
        src/Greeter.cs
        e4a2f1b8 REPLACE
        e4a2f1b8 snippet
        public static string Greet() => "Hello";
        e4a2f1b8 content
            public static string Greet() => "Hello, world";

        """;

    private const string StaleJsonPatch = """{ "patches": [ { "file_path": "src/Missing.json", "operations": [ { "op": "replace", "path": "/a", "value": 1 } ] } ] }""";

    // By name, so xunit lists (and reruns) each staged set as a case of its own.
    public static TheoryData<string> Sets() => [.. AllSets.Select(s => s.Name)];

    private static readonly StagedSet[] AllSets =
    [
        // Nothing PatchBuild judges: git alone lets these through.
        Set("plain source files", Files(("src/A.cs", "class A { }\n"), ("src/B.cs", "class B { }\n")), engine: false, blocked: false),
        Set("whitespace errors only", Files(("src/A.cs", "class A { }   \n\t\n")), engine: false, blocked: false),
        Set("a markdown underline", Files(("docs/Guide.md", "Title\n=======\n")), engine: false, blocked: false),
        Set("a staged deletion of a committed patch", repo =>
        {
            CommitUnchecked(repo, ("afix.ap", Garbage));
            repo.Git("rm", "-q", "--cached", "afix.ap");
        }, engine: false, blocked: false),
        Set("conflict markers only in the unstaged half of a file", repo =>
        {
            Files(("src/A.cs", "class A { }\n"))(repo);
            repo.Write("src/A.cs", Conflict);
        }, engine: false, blocked: false),
        Set("a name with spaces", Files(("src/with space.cs", "class A { }\n")), engine: false, blocked: false),
        Set("a name with a leading dash", Files(("-leading.cs", "class A { }\n")), engine: false, blocked: false),
        Set("a name with a single quote", Files(("src/it's.cs", "class A { }\n")), engine: false, blocked: false),
        Set("a name with glob characters", Files(("src/[ab]*?.cs", "class A { }\n")), engine: false, blocked: false),
        Set("a name that looks like pathspec magic", Files((":(top)x.cs", "class A { }\n")), engine: false, blocked: false),

        // Patch files by every default name, in any case and folder: the engine judges them.
        Set("afix.ap", Files(("afix.ap", Garbage)), engine: true, blocked: true),
        Set("an upper-case .AP", Files(("notes.AP", Garbage)), engine: true, blocked: true),
        Set("patch.json", Files(("patch.json", "{ not json")), engine: true, blocked: true),
        Set("a *.patch.json", Files(("fix.patch.json", "{ not json")), engine: true, blocked: true),
        Set("a *.patch", Files(("fix.patch", Garbage)), engine: true, blocked: null),
        Set("a *.DIFF", Files(("Fix.DIFF", Garbage)), engine: true, blocked: null),
        Set("a patch name in a subfolder", Files(("sub/dir/afix.ap", Garbage)), engine: true, blocked: true),
        Set("a patch that applies", Files(("afix.ap", ApplyingPatch)), engine: true, blocked: false),
        Set("a patch named with a space", Files(("odd name.ap", Garbage)), engine: true, blocked: true),
        Set("a patch named with a leading dash", Files(("-x.ap", Garbage)), engine: true, blocked: true),
        Set("a link with a patch name", repo =>
        {
            repo.Write("notes.txt", "notes\n");
            File.CreateSymbolicLink(repo.FullPath("afix.ap"), "notes.txt");
            repo.Stage("notes.txt", "afix.ap");
        }, engine: true, blocked: true),

        // Leftovers.
        Set("afailed.ap", Files(("afailed.ap", Garbage)), engine: true, blocked: true),
        Set("afailed.md", Files(("src/afailed.md", "report\n")), engine: true, blocked: true),
        Set("a .rej", Files(("src/Greeter.cs.rej", "hunk\n")), engine: true, blocked: true),
        Set("an upper-case .ORIG", Files(("src/Greeter.cs.ORIG", "old\n")), engine: true, blocked: true),
        Set("a file under .patchbuild", Files((".patchbuild/history.jsonl", "{}\n")), engine: true, blocked: true),
        Set("a file under a nested .patchbuild", Files(("proj/.patchbuild/x", "x\n")), engine: true, blocked: true),

        // Conflict markers, by git grep on the staged blobs.
        Set("conflict markers in a .cs file", Files(("src/A.cs", Conflict)), engine: true, blocked: true),
        Set("conflict markers committed earlier, another line changed now", repo =>
        {
            CommitUnchecked(repo, ("src/A.cs", Conflict));
            Files(("src/A.cs", Conflict + "more\n"))(repo);
        }, engine: true, blocked: true),
        Set("a lone conflict opener (the engine decides: not a conflict)", Files(("docs/a.md", "<<<<<<< quoted\n")), engine: true, blocked: false),
        Set("conflict markers in a file named like a glob of another file", repo =>
        {
            CommitUnchecked(repo, ("a.cs", "class A { }\n"));
            Files(("[a].cs", Conflict))(repo);
        }, engine: true, blocked: true),

        // Content that makes a file a patch whatever its name.
        Set("a JSON file with a patches array", Files(("changes.json", StaleJsonPatch)), engine: true, blocked: true),
        Set("an ap header in a .txt", Files(("notes.txt", "e4a2f1b8 AP 3.2\n" + Garbage)), engine: true, blocked: null),
        Set("a Codex patch in a .md", Files(("answer.md", "*** Begin Patch\n*** Update File: src/Missing.cs\n@@\n-a\n+b\n*** End Patch\n")), engine: true, blocked: true),

        // Settings.
        Set("patchbuild.json staged", Files(("patchbuild.json", "{}\n"), ("src/A.cs", "class A { }\n")), engine: true, blocked: false),
        Set("an invalid patchbuild.json staged", Files(("patchbuild.json", "{\n")), engine: true, blocked: true),
        Set("a custom patch-name pattern, a matching file staged", repo =>
        {
            CommitUnchecked(repo, ("patchbuild.json", """{ "patches": { "patterns": ["**/*.aidr"] } }"""));
            Files(("answer.aidr", Garbage))(repo);
        }, engine: true, blocked: true),
        Set("a custom patch-name pattern, plain files staged", repo =>
        {
            CommitUnchecked(repo, ("patchbuild.json", """{ "patches": { "patterns": ["**/*.aidr"] } }"""));
            Files(("src/A.cs", "class A { }\n"))(repo);
        }, engine: true, blocked: false),
        Set("requireApplied with a committed pending patch", repo =>
        {
            CommitUnchecked(repo, ("patchbuild.json", """{ "hook": { "requireApplied": true } }"""), ("afix.ap", ApplyingPatch));
            Files(("src/A.cs", "class A { }\n"))(repo);
        }, engine: true, blocked: true),

        // Journals on disk, at the top and at a workspace root above a staged file.
        Set("an unfinished apply in the top journal", repo =>
        {
            repo.Write(".patchbuild/.gitignore", "*\n");
            repo.Write(".patchbuild/history.jsonl", "{\"type\":\"begin\",\"id\":\"t1\",\"kind\":\"apply\"}\n");
            Files(("src/A.cs", "class A { }\n"))(repo);
        }, engine: true, blocked: true),
        Set("an unfinished apply in a project's journal", repo =>
        {
            repo.Write("proj/.patchbuild/.gitignore", "*\n");
            repo.Write("proj/.patchbuild/history.jsonl", "{\"type\":\"begin\",\"id\":\"t1\",\"kind\":\"apply\"}\n");
            Files(("proj/src/deep/A.cs", "class A { }\n"), ("proj/src/deep/B.cs", "class B { }\n"))(repo);
        }, engine: true, blocked: true),
        Set("a project's journal beside, not above, the staged file", repo =>
        {
            repo.Write("other/.patchbuild/.gitignore", "*\n");
            repo.Write("other/.patchbuild/history.jsonl", "{\"type\":\"begin\",\"id\":\"t1\",\"kind\":\"apply\"}\n");
            Files(("proj/A.cs", "class A { }\n"))(repo);
        }, engine: false, blocked: false),

        // Names git quotes (control characters, quotes, backslashes, bytes that are not ASCII) go to the engine.
        Set("a name with a newline", ShellFile("src/new\\nline.cs", "class A { }\n"), engine: true, blocked: false),
        Set("a name with a newline before a patch name", ShellFile("a\\nafix.ap", Garbage), engine: true, blocked: null),
        Set("a name with a double quote", ShellFile("src/say\"hi\".cs", "class A { }\n"), engine: true, blocked: false),
        Set("a name with a tab", ShellFile("src/tab\\tname.cs", "class A { }\n"), engine: true, blocked: false),
        Set("a name that is not UTF-8", ShellFile("src/caf\\351.cs", "class A { }\n"), engine: true, blocked: false),
        Set("a non-ASCII letter that folds into a patch name", ShellFile("fix.d\\304\\261ff", Garbage), engine: true, blocked: null),
        Set("conflict markers in a file whose name is not UTF-8", ShellFile("src/caf\\351.cs", Conflict), engine: true, blocked: true),
    ];

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_installed_hook_agrees_with_hook_run(string name)
    {
        var set = AllSets.Single(s => s.Name == name);
        var repo = NewRepository();
        string marker = InstallWithWrapper(repo);
        set.Stage(repo);
        int before = repo.CommitCount();

        var engine = repo.PatchBuild("hook", "run", "pre-commit");
        var commit = repo.Commit("change");

        if (set.Blocked is { } blocked)
        {
            Assert.True(blocked == (engine.ExitCode != 0), $"hook run exit {engine.ExitCode}: {engine.Error}");
        }

        Assert.True((engine.ExitCode == 0) == (commit.ExitCode == 0), $"hook run exit {engine.ExitCode}, commit exit {commit.ExitCode}: {commit.Error}");
        Assert.Equal(set.Engine, File.Exists(marker));
        Assert.Equal(commit.ExitCode == 0 ? before + 1 : before, repo.CommitCount());
    }

    public static TheoryData<string> HostileNames() =>
    [
        "$(touch pwned).cs",
        "`touch pwned`.cs",
        "a;touch pwned;.cs",
        "x' ; touch pwned ; '.cs",
        "x\" ; touch pwned ; \".cs",
        "$(touch pwned).ap",
        "-e touch pwned.cs",
        "--exec=touch pwned.cs",
    ];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void A_hostile_file_name_runs_nothing_and_gets_the_engines_verdict(string name)
    {
        var repo = NewRepository();
        string marker = InstallWithWrapper(repo);
        repo.Write("src/" + name, Conflict);
        repo.Write(name, "class A { }\n");
        repo.Stage("src/" + name, name);

        var engine = repo.PatchBuild("hook", "run", "pre-commit");
        var commit = repo.Commit("change");

        Assert.NotEqual(0, engine.ExitCode); // the conflict in src/ blocks
        Assert.NotEqual(0, commit.ExitCode);
        Assert.True(File.Exists(marker));
        Assert.Empty(Directory.GetFiles(repo.Root, "pwned", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(repo.Root, ".git", "hooks", "pwned")));
    }

    [Fact]
    public void A_hostile_name_with_nothing_to_judge_passes_without_the_engine_and_runs_nothing()
    {
        var repo = NewRepository();
        string marker = InstallWithWrapper(repo);
        foreach (string name in new[] { "$(touch pwned).cs", "`touch pwned`.cs", "a;touch pwned;.cs", "x' ; touch pwned ; '.cs" })
        {
            repo.Write(name, "class A { }\n");
            repo.Stage(name);
        }

        var commit = repo.Commit("change");

        Assert.True(commit.ExitCode == 0, commit.Error);
        Assert.False(File.Exists(marker));
        Assert.Empty(Directory.GetFiles(repo.Root, "pwned", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_hostile_patchbuild_json_goes_to_the_engine_and_runs_nothing()
    {
        var repo = NewRepository();
        string marker = InstallWithWrapper(repo);
        repo.Write("patchbuild.json", """{ "patches": { "patterns": ["$(touch pwned)", "`touch pwned`"] }, "hook": { "requireApplied": "'; touch pwned; '" } }""");
        repo.Stage("patchbuild.json");

        var engine = repo.PatchBuild("hook", "run", "pre-commit");
        var commit = repo.Commit("change");

        Assert.NotEqual(0, engine.ExitCode); // requireApplied must be true or false: PB2009
        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("PB2009", commit.Error);
        Assert.True(File.Exists(marker));
        Assert.Empty(Directory.GetFiles(repo.Root, "pwned", SearchOption.AllDirectories));
    }

    [Fact]
    public void Commit_all_is_judged_by_the_temporary_index_git_hands_the_hook()
    {
        var repo = NewRepository();
        string marker = InstallWithWrapper(repo);
        repo.Write("src/Greeter.cs", Conflict); // tracked, changed on disk, not staged: only `commit -a` stages it

        var commit = repo.Commit("change", null, "-a");

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("src/Greeter.cs:2: error PB2004", commit.Error);
        Assert.True(File.Exists(marker));
    }

    [Fact]
    public void Install_is_idempotent_and_upgrades_a_hook_without_the_fast_path()
    {
        var repo = NewRepository();
        var installer = new HookInstaller(GitRepository.Find(repo.Root)!);
        var tool = new ToolCommand(null, HookTestRepository.CliAssembly, null);
        string older = HookScript.Create("pre-commit", tool).Replace("if ! engine_needed; then", "if false; then", StringComparison.Ordinal);
        File.WriteAllText(installer.HookPath, older);

        Assert.Equal(HookInstallOutcome.Updated, installer.Install(tool).Outcome);
        Assert.Contains("if ! engine_needed; then", File.ReadAllText(installer.HookPath));
        Assert.Equal(HookInstallOutcome.AlreadyInstalled, installer.Install(tool).Outcome);
        Assert.False(File.Exists(installer.PreviousPath));
    }

    // After the first apply a repository has a top-level .patchbuild, and often a patchbuild.json: the engine then
    // writes .git/patchbuild-hook-state, and later commits with nothing to judge skip it again (HookStateStamp).
    [Fact]
    public void After_an_apply_the_engine_records_the_state_and_later_plain_commits_skip_it()
    {
        var repo = AppliedRepository("""{ "hook": { "requireApplied": false } }""", out string marker);

        var first = repo.Commit("apply result");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(File.Exists(marker), "the first commit after the apply must start the engine");
        Assert.True(File.Exists(StampPath(repo)));

        File.Delete(marker);
        Files(("src/B.cs", "class B { }\n"))(repo);
        var second = repo.Commit("plain");

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.False(File.Exists(marker), "nothing changed since the engine's check: git alone must let the commit pass");
    }

    // The change, and the engine's verdict on the commit that follows. The settings the engine reads are the index's
    // version (staged or committed), so an unstaged edit changes the stamp's facts but not the verdict.
    public static TheoryData<string, bool> StateChanges() => new()
    {
        { "patterns added to patchbuild.json on disk", false },
        { "patterns added and staged", true },
        { "requireApplied set on disk", false },
        { "patchbuild.json made invalid", true },
        { "an unfinished apply appended to the journal", true },
        { "the journal replaced by a link", false },
        { "patchbuild.json replaced by a link to the same text", false },
        { "the journal removed", false },
        { "the stamp rewritten by hand", false },
        { "the stamp emptied", false },
        { "the stamp replaced by a link", false },
    };

    // Whatever changes the settings, the journal or the stamp itself after the engine's check: the script must not
    // trust the stamp, so the engine runs, and the commit gets exactly the engine's verdict.
    [Theory]
    [MemberData(nameof(StateChanges))]
    public void A_change_to_the_settings_the_journal_or_the_stamp_runs_the_engine(string change, bool blocked)
    {
        var repo = AppliedRepository("""{ "hook": { "requireApplied": false } }""", out string marker);
        var first = repo.Commit("apply result");
        Assert.True(first.ExitCode == 0 && File.Exists(StampPath(repo)), first.Error);
        File.Delete(marker);
        string journal = repo.FullPath(".patchbuild/history.jsonl");

        switch (change)
        {
            case "patterns added to patchbuild.json on disk":
                repo.Write("patchbuild.json", """{ "patches": { "patterns": ["**/*.aidr"] } }""");
                Files(("answer.aidr", Garbage))(repo);
                break;
            case "patterns added and staged":
                Files(("patchbuild.json", """{ "patches": { "patterns": ["**/*.aidr"] } }"""), ("answer.aidr", Garbage))(repo);
                break;
            case "requireApplied set on disk":
                repo.Write("patchbuild.json", """{ "hook": { "requireApplied": true } }""");
                repo.Write("afix2.ap", ApplyingPatch.Replace("Hello, world", "Hi", StringComparison.Ordinal).Replace("\"Hello\";", "\"Hello, world\";", StringComparison.Ordinal));
                repo.Git("add", "afix2.ap");
                repo.Git("commit", "-q", "--no-verify", "-m", "pending patch");
                Files(("src/B.cs", "class B { }\n"))(repo);
                break;
            case "patchbuild.json made invalid":
                repo.Write("patchbuild.json", "{\n");
                repo.Git("add", "patchbuild.json");
                repo.Git("commit", "-q", "--no-verify", "-m", "broken settings");
                Files(("src/B.cs", "class B { }\n"))(repo);
                break;
            case "an unfinished apply appended to the journal":
                File.AppendAllText(journal, "{\"type\":\"begin\",\"id\":\"t9\",\"kind\":\"apply\"}\n");
                Files(("src/B.cs", "class B { }\n"))(repo);
                break;
            case "the journal replaced by a link":
                string elsewhere = Path.Combine(repo.Root, "elsewhere.jsonl");
                File.Move(journal, elsewhere);
                File.CreateSymbolicLink(journal, elsewhere);
                Files(("src/B.cs", "class B { }\n"))(repo);
                break;
            case "patchbuild.json replaced by a link to the same text":
                string settings = repo.FullPath("patchbuild.json");
                string copy = Path.Combine(repo.Root, "settings-copy.json");
                File.Move(settings, copy);
                File.CreateSymbolicLink(settings, copy);
                Files(("src/B.cs", "class B { }\n"))(repo);
                break;
            case "the journal removed":
                File.Delete(journal);
                Files(("src/B.cs", "class B { }\n"))(repo);
                break;
            case "the stamp rewritten by hand":
                File.WriteAllText(StampPath(repo), HookStateStamp.Header + "\n");
                Files(("src/B.cs", "class B { }\n"))(repo);
                break;
            case "the stamp emptied":
                File.WriteAllText(StampPath(repo), "");
                Files(("src/B.cs", "class B { }\n"))(repo);
                break;
            case "the stamp replaced by a link":
                string real = Path.Combine(repo.Root, "stamp-copy");
                File.Move(StampPath(repo), real);
                File.CreateSymbolicLink(StampPath(repo), real);
                Files(("src/B.cs", "class B { }\n"))(repo);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }

        var commit = repo.Commit("after the change");

        Assert.True(File.Exists(marker), $"'{change}' must start the engine");
        Assert.True(blocked == (commit.ExitCode != 0), $"commit exit {commit.ExitCode}: {commit.Error}");
    }

    [Fact]
    public void Settings_that_add_patch_names_or_require_applied_patches_leave_no_stamp()
    {
        foreach (string settings in new[] { """{ "patches": { "patterns": ["**/*.aidr"] } }""", """{ "hook": { "requireApplied": true } }""" })
        {
            var repo = AppliedRepository(settings, out string marker);
            var first = repo.Commit("apply result");
            Assert.True(first.ExitCode == 0, first.Error);
            Assert.False(File.Exists(StampPath(repo)), settings);

            File.Delete(marker);
            Files(("src/B.cs", "class B { }\n"))(repo);
            repo.Commit("plain");
            Assert.True(File.Exists(marker), $"{settings}: the engine must judge every commit");
        }
    }

    [Fact]
    public void A_linked_work_tree_always_runs_the_engine()
    {
        var repo = AppliedRepository("{}", out string marker);
        Assert.True(repo.Commit("apply result").ExitCode == 0);
        string worktree = Path.Combine(Path.GetTempPath(), "pb-wt-" + Guid.NewGuid().ToString("N")[..8]);
        _cleanup.Add(worktree);
        repo.Git("worktree", "add", "-q", worktree);
        File.WriteAllText(Path.Combine(worktree, "patchbuild.json"), "{}");
        File.WriteAllText(Path.Combine(worktree, "C.cs"), "class C { }\n");
        repo.Run("git", ["add", "C.cs"], folder: worktree);
        File.Delete(marker);

        var commit = repo.Run("git", ["commit", "-q", "-m", "in the work tree"], folder: worktree);

        Assert.True(commit.ExitCode == 0, commit.Error);
        Assert.True(File.Exists(marker));
        Assert.False(File.Exists(Path.Combine(worktree, ".git", HookStateStamp.FileName)));
    }

    private static string StampPath(HookTestRepository repo) => Path.Combine(repo.Root, ".git", HookStateStamp.FileName);

    // A repository with committed settings, the hook installed with a marking wrapper, and one real apply done by the
    // tool (so .patchbuild holds a real journal and the archived patch); the apply's result is staged, not committed.
    private HookTestRepository AppliedRepository(string settings, out string marker)
    {
        var repo = NewRepository();
        CommitUnchecked(repo, ("patchbuild.json", settings));
        marker = InstallWithWrapper(repo);
        repo.Write("afix.ap", ApplyingPatch);
        var apply = repo.PatchBuild("apply", "afix.ap");
        Assert.True(apply.ExitCode == 0, apply.Output + apply.Error);
        Assert.True(File.Exists(repo.FullPath(".patchbuild/history.jsonl")));
        repo.Git("add", "src/Greeter.cs");
        return repo;
    }

    private HookTestRepository NewRepository()
    {
        var repo = HookTestRepository.Create();
        _cleanup.Add(repo.Root);
        repo.Write("README.md", "Demo\n");
        repo.Write("src/Greeter.cs", Greeter);
        repo.Stage(".");
        repo.Git("commit", "-q", "-m", "initial");
        return repo;
    }

    // The hook's tool is a wrapper that leaves a mark, then runs the CLI under test: the mark says the engine started.
    private string InstallWithWrapper(HookTestRepository repo)
    {
        string folder = Path.Combine(Path.GetTempPath(), "pb-wrap-" + Guid.NewGuid().ToString("N")[..8]);
        _cleanup.Add(folder);
        Directory.CreateDirectory(folder);
        string marker = Path.Combine(folder, "engine-started");
        string wrapper = Path.Combine(folder, "patchbuild");
        File.WriteAllText(wrapper, $"#!/bin/sh\n: > '{marker}'\nexec {Support.CliRunner.ToolShellCommand} \"$@\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        var result = new HookInstaller(GitRepository.Find(repo.Root)!).Install(new ToolCommand(wrapper, null, null));
        Assert.Equal(HookInstallOutcome.Installed, result.Outcome);
        return marker;
    }
}
