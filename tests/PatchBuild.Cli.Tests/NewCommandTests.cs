using PatchBuild.Cli.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>`patchbuild new`: real files in a temp folder, the CLI in process; the attacker's table of inputs.</summary>
public sealed class NewCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pb-new-").FullName;

    public NewCommandTests()
    {
        File.WriteAllText(Path.Combine(_root, "A.cs"), "namespace N;\n\npublic class A\n{\n    public int X() => 1;\n    public int Y() => 1;\n}\n");
    }

    [Fact]
    public async Task Replace_writes_a_patch_that_the_engine_applies()
    {
        string patch = Path.Combine(_root, "afix.ap");
        var run = await CliRunner.InProcessAsync("new", "--root", _root, "--file", "A.cs", "--replace", "public int Y() => 1;", "--with", "    public int Y() => 2;", "--out", patch);
        Assert.Equal(0, run.ExitCode);
        var apply = await CliRunner.InProcessAsync("apply", patch, "--root", _root, "--force");
        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("public int Y() => 2;", File.ReadAllText(Path.Combine(_root, "A.cs")), StringComparison.Ordinal);
    }

    // The patch records the base it was written against; a file that drifted since is still patched (also with
    // --strict), and the report says so.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_changed_after_the_patch_was_written_is_patched_with_a_warning(bool strict)
    {
        string patch = Path.Combine(_root, "afix.ap");
        var run = await CliRunner.InProcessAsync("new", "--root", _root, "--file", "A.cs", "--replace", "public int Y() => 1;", "--with", "    public int Y() => 2;", "--out", patch);
        Assert.Equal(0, run.ExitCode);
        string file = Path.Combine(_root, "A.cs");
        File.WriteAllText(file, File.ReadAllText(file).Replace("X() => 1", "X() => 7", StringComparison.Ordinal));
        string[] args = strict ? ["apply", patch, "--root", _root, "--force", "--strict"] : ["apply", patch, "--root", _root, "--force"];
        var apply = await CliRunner.InProcessAsync(args);
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        Assert.Contains("changed since the patch was written", apply.Out + apply.Error, StringComparison.Ordinal);
        Assert.Equal("namespace N;\n\npublic class A\n{\n    public int X() => 7;\n    public int Y() => 2;\n}\n", File.ReadAllText(file));
    }

    [Fact]
    public async Task A_partial_line_is_no_locator_and_empty_content_is_refused()
    {
        var run = await CliRunner.InProcessAsync("new", "--root", _root, "--file", "A.cs", "--replace", "=> 1;", "--with", "x");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SNIPPET_NOT_FOUND", run.Error, StringComparison.Ordinal);
        run = await CliRunner.InProcessAsync("new", "--root", _root, "--file", "A.cs", "--insert-after", "{", "--content", "-");
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task A_locator_that_is_not_found_names_the_closest_lines()
    {
        var run = await CliRunner.InProcessAsync("new", "--root", _root, "--file", "A.cs", "--replace", "public int Z() => 1;", "--with", "x");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SNIPPET_NOT_FOUND", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 5", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x.cs")]
    [InlineData("/etc/passwd")]
    [InlineData(".git/config")]
    [InlineData("sub/../../x.cs")]
    [InlineData("missing.cs")]
    public async Task Paths_outside_the_root_or_in_git_are_refused(string path)
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        File.WriteAllText(Path.Combine(_root, ".git", "config"), "[core]\n");
        var before = Snapshot();
        var run = await CliRunner.InProcessAsync("new", "--root", _root, "--file", path, "--replace", "a", "--with", "b");
        Assert.Equal(1, run.ExitCode);
        Assert.Matches("INVALID_FILE_PATH|FILE_NOT_FOUND", run.Error);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task A_link_out_of_the_root_is_refused()
    {
        string outside = Directory.CreateTempSubdirectory("pb-new-out-").FullName;
        File.WriteAllText(Path.Combine(outside, "secret.cs"), "class S {}\n");
        File.CreateSymbolicLink(Path.Combine(_root, "link.cs"), Path.Combine(outside, "secret.cs"));
        var run = await CliRunner.InProcessAsync("new", "--root", _root, "--from-diff", "link.cs", Path.Combine(_root, "A.cs"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("INVALID_FILE_PATH", run.Error, StringComparison.Ordinal);
        Directory.Delete(outside, true);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x00, 0x62, 0x0A })]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x61, 0xE9, 0x62, 0x0A })]
    public async Task A_new_version_that_is_not_text_is_refused(byte[] bytes)
    {
        string newVersion = Path.Combine(_root, "new.bin");
        File.WriteAllBytes(newVersion, bytes);
        var run = await CliRunner.InProcessAsync("new", "--root", _root, "--from-diff", "A.cs", newVersion);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ENCODING", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_out_file_is_kept_without_force()
    {
        string newVersion = Path.Combine(_root, "new.cs");
        File.WriteAllText(newVersion, File.ReadAllText(Path.Combine(_root, "A.cs")).Replace("X() => 1", "X() => 3", StringComparison.Ordinal));
        string patch = Path.Combine(_root, "afix.ap");
        File.WriteAllText(patch, "keep me");
        var run = await CliRunner.InProcessAsync("new", "--root", _root, "--from-diff", "A.cs", newVersion, "--out", patch);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FILE_EXISTS", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(patch));
        run = await CliRunner.InProcessAsync("new", "--root", _root, "--from-diff", "A.cs", newVersion, "--out", patch, "--force");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("X() => 3", File.ReadAllText(patch), StringComparison.Ordinal);
        run = await CliRunner.InProcessAsync("new", "--root", _root, "--from-diff", "A.cs", newVersion, "--out", Path.Combine(_root, ".git", "p.ap"));
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task A_revision_that_looks_like_an_option_is_refused()
    {
        var run = await CliRunner.InProcessAsync("new", "--root", _root, "--from-git", "--output=/tmp/x");
        Assert.NotEqual(0, run.ExitCode);
    }

    // --from-git against a real repository: the patch written from HEAD~1, applied to a fresh checkout of HEAD~1,
    // must give the working tree's bytes for every kind of change git reports.
    [Fact]
    public async Task From_git_rebuilds_the_working_tree_from_an_older_revision()
    {
        using var repo = HookTestRepository.Create();
        repo.Write("A.cs", Member("A", 1));
        repo.Write("Gone.cs", Member("Gone", 1));
        repo.Write("src/Old.cs", Member("Moved", 7));
        repo.Write("B.cs", Member("B", 1));
        repo.Stage(".");
        repo.Git("commit", "-q", "-m", "one");
        repo.Write("B.cs", Member("B", 2));
        repo.Stage("B.cs");
        repo.Git("commit", "-q", "-m", "two");
        repo.Write("A.cs", Member("A", 1).Replace("return 1;", "int y = 2;\n        return y;", StringComparison.Ordinal));
        repo.Write("New.cs", Member("New", 3));
        File.Delete(repo.FullPath("Gone.cs"));
        repo.Git("mv", "src/Old.cs", "src/Moved.cs");

        string patch = Path.Combine(_root, "git.ap");
        var run = await CliRunner.InProcessAsync("new", "--root", repo.Root, "--from-git", "HEAD~1", "--out", patch);
        Assert.True(run.ExitCode == 0, run.Error);
        string text = File.ReadAllText(patch);
        Assert.Matches(@"FILE\nNew\.cs\n[0-9a-f]{8} CREATE\n", text);
        Assert.Matches(@"FILE\nGone\.cs\n[0-9a-f]{8} DELETE\n", text);
        Assert.Matches(@"FILE\nsrc/Old\.cs\n[0-9a-f]{8} RENAME\nsrc/Moved\.cs\n", text);
        Assert.Matches(@"FILE\nB\.cs\n\n?[0-9a-f]{8} REPLACE\n[0-9a-f]{8} snippet\n        return 1;\n", text);
        Assert.Contains("# base A.cs sha256:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AUTHOR_RECREATED", run.Error, StringComparison.Ordinal);

        string checkout = CheckOut(repo, "HEAD~1");
        try
        {
            Assert.Contains("return 1;", File.ReadAllText(Path.Combine(checkout, "B.cs")), StringComparison.Ordinal);
            var apply = await CliRunner.InProcessAsync("apply", patch, "--root", checkout, "--force");
            Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
            Assert.Equal(TreeBytes(repo.Root), TreeBytes(checkout));
        }
        finally
        {
            HookTestRepository.DeleteFolder(checkout);
        }
    }

    [Fact]
    public async Task From_git_skips_a_binary_file_with_a_warning()
    {
        using var repo = HookTestRepository.Create();
        repo.Write("A.cs", Member("A", 1));
        repo.Stage(".");
        repo.Git("commit", "-q", "-m", "one");
        File.WriteAllBytes(repo.FullPath("blob.dat"), [0x50, 0x4B, 0x00, 0x01, 0x0A]);
        repo.Write("A.cs", Member("A", 2));
        var run = await CliRunner.InProcessAsync("new", "--root", repo.Root, "--from-git");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("AUTHOR_SKIPPED", run.Error, StringComparison.Ordinal);
        Assert.Contains("blob.dat", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("blob.dat", run.Out, StringComparison.Ordinal);
        Assert.Contains("return 2;", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from-git=-p")]
    [InlineData("--from-git=--output=/tmp/pb-new-x")]
    [InlineData("--from-git=-")]
    [InlineData("--from-git=HEAD:A.cs")]
    [InlineData("--from-git=no-such-branch")]
    [InlineData("--from-git=HEAD\nHEAD")]
    public async Task From_git_refuses_a_revision_that_is_an_option_or_no_commit(string option)
    {
        using var repo = HookTestRepository.Create();
        repo.Write("A.cs", Member("A", 1));
        repo.Stage(".");
        repo.Git("commit", "-q", "-m", "one");
        repo.Write("A.cs", Member("A", 2));
        var before = TreeBytes(repo.Root);
        var run = await CliRunner.InProcessAsync("new", "--root", repo.Root, option.Replace("\\n", "\n", StringComparison.Ordinal));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("GIT_FAILED", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/pb-new-x"));
        Assert.Equal(before, TreeBytes(repo.Root));
    }

    // Git stores a link as the name of its target; ap can only describe files, so links are left out, whatever they
    // point at, and never read through.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task From_git_skips_links_and_never_reads_through_one_out_of_the_root(bool committedLink)
    {
        string outside = Directory.CreateTempSubdirectory("pb-new-out-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "secret.cs"), "class TopSecret {}\n");
            using var repo = HookTestRepository.Create();
            repo.Write("A.cs", Member("A", 1));
            if (committedLink)
            {
                File.CreateSymbolicLink(repo.FullPath("link.cs"), "A.cs");
            }

            repo.Stage(".");
            repo.Git("commit", "-q", "-m", "one");
            File.Delete(repo.FullPath("link.cs"));
            File.CreateSymbolicLink(repo.FullPath("link.cs"), Path.Combine(outside, "secret.cs"));
            repo.Write("A.cs", Member("A", 2));
            var run = await CliRunner.InProcessAsync("new", "--root", repo.Root, "--from-git");
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.DoesNotContain("TopSecret", run.Out + run.Error, StringComparison.Ordinal);
            Assert.Contains("AUTHOR_SKIPPED", run.Error, StringComparison.Ordinal);
            Assert.Contains("link.cs", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("link.cs", run.Out, StringComparison.Ordinal);
            Assert.Contains("return 2;", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outside, true);
        }
    }

    private static string Member(string name, int value) =>
        $"namespace N;\n\npublic class {name}\n{{\n    public int Get()\n    {{\n        return {value};\n    }}\n\n    public string Name() => \"{name}\";\n}}\n";

    private static string CheckOut(HookTestRepository repo, string revision)
    {
        string folder = Path.Combine(Path.GetTempPath(), "pb-new-co-" + Guid.NewGuid().ToString("N")[..10]);
        repo.Git("clone", "-q", "--no-checkout", repo.Root, folder);
        repo.Run("git", ["-C", folder, "checkout", "-q", repo.Git("rev-parse", revision).Trim()]);
        return folder;
    }

    // Every file's bytes, leaving out git's folder and the state folder apply keeps (backups, history).
    private static SortedDictionary<string, string> TreeBytes(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar)[0] is not (".git" or ".patchbuild"))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => Convert.ToHexString(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
