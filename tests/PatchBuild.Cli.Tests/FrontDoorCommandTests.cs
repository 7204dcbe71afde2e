using System.Text.Json;
using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Prompts;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>Issue 12 §3–4 at the command line: `apply -` from standard input, --format, --reverse, `prompt`.</summary>
public sealed class FrontDoorCommandTests : IDisposable
{
    private const string Diff = "--- a/src/a.txt\n+++ b/src/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n";

    private readonly TempFolder _folder = new();

    public FrontDoorCommandTests()
    {
        _folder.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        _folder.Write("src/a.txt", "one\ntwo\nthree\n");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_real_process_applies_a_patch_piped_to_apply_dash()
    {
        // Started from a sub-folder: the root is the project above it, as for a patch file saved there.
        var run = await CliRunner.ProcessWithInputAsync(Path.Combine(_folder.Path, "src"), Diff, "apply", "-", "--json");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal("one\nTWO\nthree\n", _folder.Read("src/a.txt"));
        using var report = JsonDocument.Parse(run.Out);
        Assert.Equal("SUCCESS", report.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Dry_run_from_standard_input_prints_the_diff_and_writes_nothing()
    {
        var before = _folder.Snapshot();

        var run = await CliRunner.InProcessWithInputAsync(Diff, "apply", "-", "--dry-run", "--root", _folder.Path);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("+TWO", run.Out, StringComparison.Ordinal);
        Assert.Contains("Previewing patch: (standard input)", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, _folder.Snapshot());
    }

    [Fact]
    public async Task Empty_or_unrecognised_standard_input_is_refused_with_what_it_looked_like()
    {
        var before = _folder.Snapshot();

        var empty = await CliRunner.InProcessWithInputAsync("", "apply", "-", "--root", _folder.Path, "--json");
        var prose = await CliRunner.InProcessWithInputAsync("Sure, here is the fix.\nChange two to TWO.\n", "apply", "-", "--root", _folder.Path, "--json");

        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("Standard input was empty", empty.Out, StringComparison.Ordinal);
        Assert.Equal(1, prose.ExitCode);
        using var report = JsonDocument.Parse(prose.Out);
        var error = report.RootElement.GetProperty("error");
        Assert.Equal("INVALID_PATCH_FILE", error.GetProperty("code").GetString());
        Assert.Contains("| Sure, here is the fix.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("diff: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, _folder.Snapshot());
    }

    [Fact]
    public async Task Format_overrides_the_name_and_a_wrong_name_is_a_usage_error()
    {
        string patch = _folder.Write("answer.ap", Diff);

        var bad = await CliRunner.InProcessAsync("apply", patch, "--format", "git");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("ap|codex|aider|diff|patch-json", bad.Error, StringComparison.Ordinal);

        var run = await CliRunner.InProcessAsync("apply", patch, "--format", "diff");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal("one\nTWO\nthree\n", _folder.Read("src/a.txt"));
    }

    [Fact]
    public async Task Reverse_undoes_the_diff_as_git_apply_R()
    {
        string patch = _folder.Write("fix.patch", Diff);
        Assert.Equal(0, (await CliRunner.InProcessAsync("apply", patch)).ExitCode);

        var run = await CliRunner.InProcessAsync("apply", "-R", patch);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal("one\ntwo\nthree\n", _folder.Read("src/a.txt"));
    }

    [Theory]
    [InlineData(new string[0], DialectPrompts.Ap)]
    [InlineData(new[] { "ap" }, DialectPrompts.Ap)]
    [InlineData(new[] { "codex" }, DialectPrompts.Codex)]
    [InlineData(new[] { "aider" }, DialectPrompts.Aider)]
    [InlineData(new[] { "diff" }, DialectPrompts.Diff)]
    public async Task Prompt_prints_the_dialects_instructions(string[] dialect, string expected)
    {
        var run = await CliRunner.InProcessAsync(["prompt", .. dialect]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Out);
    }

    [Fact]
    public async Task Prompt_for_an_unknown_dialect_is_a_usage_error()
    {
        var run = await CliRunner.InProcessAsync("prompt", "patch-json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("ap|codex|aider|diff", run.Error, StringComparison.Ordinal);
    }
}
