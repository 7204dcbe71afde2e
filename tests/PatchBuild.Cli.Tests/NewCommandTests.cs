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

    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
