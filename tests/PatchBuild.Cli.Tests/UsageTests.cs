using PatchBuild.Core.Tests.Support;
using System.Text.Json;
using PatchBuild.Cli.Tests.Support;

namespace PatchBuild.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public async Task Apply_without_a_patch_is_a_usage_error()
    {
        var run = await CliRunner.InProcessAsync("apply");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("patch", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error_not_a_missing_file()
    {
        using var folder = new TempFolder();
        string patch = folder.Write("afix.ap", "x");
        var run = await CliRunner.InProcessAsync("apply", patch, "--no-such-option");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_that_is_not_a_folder_is_a_usage_error()
    {
        using var folder = new TempFolder();
        string patch = folder.Write("afix.ap", "x");
        var run = await CliRunner.InProcessAsync("apply", patch, "--root", folder.Combine("missing"));
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Missing_patch_file_fails_with_json_error_and_report_file()
    {
        using var folder = new TempFolder();
        string report = folder.Combine("report.json");
        var run = await CliRunner.InProcessAsync("apply", folder.Combine("nope.ap"), "--json", "--report", report);
        Assert.Equal(1, run.ExitCode);

        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("FAILED", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("FILE_NOT_FOUND", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetProperty("hint").GetString()));

        using var written = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal("FAILED", written.RootElement.GetProperty("status").GetString());
        Assert.Contains("FILE_NOT_FOUND", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_is_no_known_patch_format_is_refused_and_nothing_changes()
    {
        using var folder = new TempFolder();
        folder.Write("Program.cs", "class P {}\n");
        string patch = folder.Write("notes.txt", "just some words\n");
        var run = await CliRunner.InProcessAsync("apply", patch, "--json");
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("INVALID_PATCH_FILE", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("class P {}\n", folder.Read("Program.cs"));
    }

    [Fact]
    public async Task Real_process_reports_usage_error_with_exit_code_2()
    {
        using var folder = new TempFolder();
        var run = await CliRunner.ProcessAsync(folder.Path, "apply");
        Assert.Equal(2, run.ExitCode);
    }
}
