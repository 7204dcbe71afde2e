using PatchBuild.Core.Tests.Support;
using System.Text.Json;
using PatchBuild.Cli.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>The `apply` contract users script against: output lines, JSON report, exit codes, files on disk.</summary>
public sealed class ApplyCommandTests : IDisposable
{
    private const string Calculator = "import os\n\ndef add(a, b):\n    return a + b\n\ndef subtract(a, b):\n    # Subtract b from a\n    result = a - b\n    return result\n\ndef multiply(a, b):\n    return a * b\n";

    private const string CalculatorPatch = """
        # Summary: refactor calculator
        f9e8d7c6 AP 3.2

        f9e8d7c6 FILE
        calculator.py

        f9e8d7c6 INSERT_AFTER
        f9e8d7c6 snippet
        import os
        f9e8d7c6 content
        import sys

        f9e8d7c6 REPLACE
        f9e8d7c6 anchor
        def subtract(a, b):
        f9e8d7c6 snippet
        result = a - b
        f9e8d7c6 content
        result = a - b  # checked

        f9e8d7c6 DELETE
        f9e8d7c6 snippet
        def multiply(a, b):
            return a * b
        f9e8d7c6 include_leading_blank_lines 1
        f9e8d7c6 END

        """;

    private const string Expected = "import os\nimport sys\n\ndef add(a, b):\n    return a + b\n\ndef subtract(a, b):\n    # Subtract b from a\n    result = a - b  # checked\n    return result\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Applies_the_spec_example_and_prints_one_line_per_file()
    {
        _folder.Write("calculator.py", Calculator);
        string patch = _folder.Write("afix.ap", CalculatorPatch);

        var run = await CliRunner.InProcessAsync("apply", patch);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Expected, _folder.Read("calculator.py"));
        Assert.Contains("✓ calculator.py  3 modifications", run.Out, StringComparison.Ordinal);
        Assert.Contains("Patch applied to 1 file(s)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applying_again_succeeds_and_reports_already_applied()
    {
        _folder.Write("calculator.py", Calculator);
        string patch = _folder.Write("afix.ap", CalculatorPatch);
        await CliRunner.InProcessAsync("apply", patch);

        var again = await CliRunner.InProcessAsync("apply", patch, "--json");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(Expected, _folder.Read("calculator.py"));
        using var json = JsonDocument.Parse(again.Out);
        Assert.Equal("SUCCESS", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("skipped", json.RootElement.GetProperty("files")[0].GetProperty("status").GetString());
        Assert.Contains("~ calculator.py  skipped: already applied", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_prints_the_diff_and_writes_nothing()
    {
        _folder.Write("calculator.py", Calculator);
        string patch = _folder.Write("afix.ap", CalculatorPatch);

        var run = await CliRunner.InProcessAsync("apply", patch, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Calculator, _folder.Read("calculator.py"));
        Assert.Contains("+import sys", run.Out, StringComparison.Ordinal);
        Assert.Contains("-def multiply(a, b):", run.Out, StringComparison.Ordinal);
        Assert.Contains("No files modified (dry-run mode)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_snippet_fails_with_code_hint_and_nothing_written()
    {
        _folder.Write("calculator.py", Calculator);
        _folder.Write("other.py", "x = 1\n");
        string patch = _folder.Write("afix.ap", """
            abcdef01 AP 3.2
            abcdef01 FILE
            other.py
            abcdef01 REPLACE
            abcdef01 snippet
            x = 1
            abcdef01 content
            x = 2
            abcdef01 FILE
            calculator.py
            abcdef01 REPLACE
            abcdef01 snippet
            def divide(a, b):
            abcdef01 content
            def divide(a, b):  # never
            abcdef01 END
            """);

        var run = await CliRunner.InProcessAsync("apply", patch, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("x = 1\n", _folder.Read("other.py"));
        Assert.Equal(Calculator, _folder.Read("calculator.py"));
        using var json = JsonDocument.Parse(run.Out);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("FAILED", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("SNIPPET_NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Equal("calculator.py", error.GetProperty("file").GetString());
        Assert.Equal(2, error.GetProperty("modification").GetInt32());
        Assert.True(error.GetProperty("line").GetInt32() >= 11);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("hint").GetString()));
        Assert.Contains("✗ calculator.py  SNIPPET_NOT_FOUND", run.Error, StringComparison.Ordinal);
        Assert.Contains("Fix: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partial_applies_what_resolves_and_writes_a_retry_patch()
    {
        _folder.Write("a.py", "x = 1\ny = 2\n");
        string patch = _folder.Write("afix.ap", """
            abcdef01 AP 3.2
            abcdef01 FILE
            a.py
            abcdef01 REPLACE
            abcdef01 snippet
            x = 1
            abcdef01 content
            x = 10
            abcdef01 REPLACE
            abcdef01 snippet
            z = 3
            abcdef01 content
            z = 30
            abcdef01 END
            """);

        var run = await CliRunner.InProcessAsync("apply", patch, "--partial", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("x = 10\ny = 2\n", _folder.Read("a.py"));
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("PARTIAL", json.RootElement.GetProperty("status").GetString());
        Assert.Contains("z = 3", _folder.Read("afailed.ap"), StringComparison.Ordinal);
        Assert.Contains("SNIPPET_NOT_FOUND", _folder.Read("afailed.md"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_formats_in_one_command_are_one_transaction()
    {
        _folder.Write("a.py", "x = 1\n");
        _folder.Write("appsettings.json", "{\n  \"Level\": \"Info\"\n}\n");
        string ap = _folder.Write("afix.ap", "abcdef01 AP 3.2\nabcdef01 FILE\na.py\nabcdef01 REPLACE\nabcdef01 snippet\nx = 1\nabcdef01 content\nx = 2\nabcdef01 END\n");
        string json = _folder.Write("patch.json", """{"patches":[{"file_path":"appsettings.json","operations":[{"op":"replace","path":"/Missing","value":"Debug"}]}]}""");

        var failing = await CliRunner.InProcessAsync("apply", ap, json);
        Assert.Equal(1, failing.ExitCode);
        Assert.Equal("x = 1\n", _folder.Read("a.py"));

        _folder.Write("patch.json", """{"patches":[{"file_path":"appsettings.json","operations":[{"op":"replace","path":"/Level","value":"Debug"}]}]}""");
        var passing = await CliRunner.InProcessAsync("apply", ap, json);
        Assert.Equal(0, passing.ExitCode);
        Assert.Equal("x = 2\n", _folder.Read("a.py"));
        Assert.Equal("{\n  \"Level\": \"Debug\"\n}\n", _folder.Read("appsettings.json"));
        Assert.Contains("✓ appsettings.json - Applied successfully", passing.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_option_resolves_targets_elsewhere()
    {
        _folder.Write("src/a.py", "x = 1\n");
        string patch = _folder.Write("patches/afix.ap", "abcdef01 AP 3.2\nabcdef01 FILE\nsrc/a.py\nabcdef01 REPLACE\nabcdef01 snippet\nx = 1\nabcdef01 content\nx = 2\nabcdef01 END\n");

        var run = await CliRunner.InProcessAsync("apply", patch, "--root", _folder.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("x = 2\n", _folder.Read("src/a.py"));
    }

    [Fact]
    public async Task A_patch_reaching_outside_the_root_is_refused()
    {
        string patch = _folder.Write("inner/afix.ap", "abcdef01 AP 3.2\nabcdef01 FILE\n../escaped.py\nabcdef01 CREATE\nabcdef01 content\nx = 1\nabcdef01 END\n");

        var run = await CliRunner.InProcessAsync("apply", patch, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists(_folder.Combine("escaped.py")));
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("INVALID_FILE_PATH", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Archive_moves_the_applied_patch_under_patchbuild()
    {
        _folder.Write("a.py", "x = 1\n");
        string patch = _folder.Write("afix.ap", "abcdef01 AP 3.2\nabcdef01 FILE\na.py\nabcdef01 REPLACE\nabcdef01 snippet\nx = 1\nabcdef01 content\nx = 2\nabcdef01 END\n");

        var run = await CliRunner.InProcessAsync("apply", patch, "--archive");

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(patch));
        Assert.Single(Directory.GetFiles(_folder.Combine(".patchbuild/applied")));
        Assert.Contains("*", _folder.Read(".patchbuild/.gitignore"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_process_applies_and_exits_zero()
    {
        _folder.Write("calculator.py", Calculator);
        _folder.Write("afix.ap", CalculatorPatch);

        var run = await CliRunner.ProcessAsync(_folder.Path, "apply", "afix.ap");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Expected, _folder.Read("calculator.py"));
    }
}
