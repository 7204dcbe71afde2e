using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// Issue 14 §1 and §5 at the CLI: the MSBuild task's arguments file is read as data, and what the CLI prints from a
/// patch (names, messages, diff lines, secrets) cannot steer the terminal or a CI runner.
/// </summary>
public sealed class ReportEscapingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Each_element_of_the_arguments_file_is_one_argument_and_never_a_response_file()
    {
        string marker = _folder.Combine("pwned");
        // A name that a split at quotes or spaces would turn into --test; and a token that looks like a response file.
        string hostile = _folder.Write($"afixA\" --test \"touch {marker}\" --report \"r.ap", "1a2b3c4d AP 3.2\n1a2b3c4d FILE\nout.txt\n1a2b3c4d CREATE\n1a2b3c4d content\nok\n1a2b3c4d END\n");
        _folder.Write("evil.rsp", $"--test \"touch {marker}\"\n");
        string args = _folder.Write("args.json", System.Text.Json.JsonSerializer.Serialize(new[] { hostile, "--root", _folder.Path, "--json" }));

        var run = await CliRunner.InProcessAsync("apply", EngineArgumentsFile.Option, args);

        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        Assert.Equal("ok\n", _folder.Read("out.txt"));
        Assert.False(File.Exists(marker));

        string atArgs = _folder.Write("at.json", System.Text.Json.JsonSerializer.Serialize(new[] { "@" + _folder.Combine("evil.rsp"), "--root", _folder.Path }));
        var at = await CliRunner.InProcessAsync("apply", EngineArgumentsFile.Option, atArgs);
        Assert.NotEqual(0, at.ExitCode);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task An_arguments_file_that_is_not_a_json_string_array_is_a_usage_error()
    {
        string args = _folder.Write("args.json", "--test touch pwned");
        var run = await CliRunner.InProcessAsync("apply", EngineArgumentsFile.Option, args);
        Assert.Equal(CliApp.ExitUsage, run.ExitCode);
        Assert.Contains("JSON array of strings", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dry_run_printout_escapes_control_characters_and_ci_commands_from_the_patch()
    {
        _folder.Write("notes.txt", "keep\n");
        string patch = _folder.Write("afix.ap", "5e6f7a8b AP 3.2\n5e6f7a8b FILE\nnotes.txt\n5e6f7a8b INSERT_AFTER\n5e6f7a8b snippet\nkeep\n5e6f7a8b content\n" +
            "title \u001b]0;pwned\u0007 clear \u001b[2J back\rover \u202eevil\n::error file=x::injected\n##vso[task.setvariable variable=PATH]evil\n5e6f7a8b END\n");

        var run = await CliRunner.InProcessAsync("apply", patch, "--dry-run");

        string all = run.Out + run.Error;
        Assert.DoesNotContain('\u001b', all);
        Assert.DoesNotContain('\u0007', all);
        Assert.DoesNotContain('\r', all);
        Assert.DoesNotContain('\u202e', all);
        Assert.DoesNotContain("##vso[", all, StringComparison.OrdinalIgnoreCase);
        Assert.All(all.Split('\n'), line => Assert.False(line.TrimStart().StartsWith("::", StringComparison.Ordinal), line));
        Assert.Contains("\\x1B]0;pwned\\x07", all, StringComparison.Ordinal);
        Assert.Equal("keep\n", _folder.Read("notes.txt"));
    }

    [Fact]
    public async Task A_blocked_secret_is_never_printed_in_full_by_the_dry_run_or_the_json_report()
    {
        const string key = "AKIAIOSFODNN7EXAMPLE";
        string patch = _folder.Write("afix.ap", $"9a8b7c6d AP 3.2\n9a8b7c6d FILE\nsrc/Aws.cs\n9a8b7c6d CREATE\n9a8b7c6d content\nclass Aws {{ const string Key = \"{key}\"; }}\n9a8b7c6d END\n");

        var dryRun = await CliRunner.InProcessAsync("apply", patch, "--dry-run");
        var json = await CliRunner.InProcessAsync("apply", patch, "--dry-run", "--json");

        Assert.NotEqual(0, dryRun.ExitCode);
        foreach (string output in new[] { dryRun.Out, dryRun.Error, json.Out, json.Error })
        {
            Assert.DoesNotContain(key, output, StringComparison.Ordinal);
        }

        Assert.Contains("AKIA…MPLE", dryRun.Out + json.Out, StringComparison.Ordinal);
    }
}
