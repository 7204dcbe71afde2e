using System.Text.Json;
using PatchBuild.Cli.Tests.Support;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Cli.Tests;

/// <summary>What a new user reads: suggestions for a mistyped option, the hook's tool, rollback's archive note, failure reasons.</summary>
public sealed class NewUserMessagesTests
{
    private const string Greeter = "class Greeter\n{\n    string Greet() => \"Hello\";\n}\n";

    private static string Replace(string file, string snippet, string content) => $"""
        9c8d7e6f AP 3.2
        9c8d7e6f FILE
        {file}
        9c8d7e6f REPLACE
        9c8d7e6f snippet
        {snippet}
        9c8d7e6f content
        {content}
        9c8d7e6f END

        """;

    [Theory]
    [InlineData("apply", "--dryrun", "--dry-run")]
    [InlineData("apply", "--stirct", "--strict")]
    [InlineData("rollback", "--dryrun", "--dry-run")]
    [InlineData("check", "--Staged", "--staged")]
    public async Task A_mistyped_option_gets_a_did_you_mean(string command, string typed, string meant)
    {
        using var folder = new TempFolder();
        string patch = folder.Write("afix.ap", Replace("Greeter.cs", "a();", "b();"));
        string[] args = command == "apply" ? [command, patch, typed] : [command, typed, "--root", folder.Path];

        var run = await CliRunner.InProcessAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Did you mean '{meant}'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warning_names_its_patch_line_once()
    {
        using var folder = new TempFolder();
        folder.Write("a.cs", "class A {}\n");
        string patch = folder.Write("p.diff", "--- a/a.cs\n+++ b/a.cs\n@@ -1 +1 @@\n-class A {}\n+class B {}\n");

        var run = await CliRunner.InProcessAsync("apply", patch, "--root", folder.Path, "--force");

        Assert.Equal(0, run.ExitCode);
        string warning = Assert.Single(run.Out.Split('\n'), l => l.Contains("PB1010", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(warning, @"\(patch line \d+\)"));
    }

    [Fact]
    public async Task An_option_like_nothing_known_gets_no_suggestion()
    {
        using var folder = new TempFolder();
        string patch = folder.Write("afix.ap", Replace("Greeter.cs", "a();", "b();"));

        var run = await CliRunner.InProcessAsync("apply", patch, "--no-such-option");

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("Did you mean", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_install_names_the_local_tool_manifest_when_there_is_one()
    {
        using var repo = HookTestRepository.Create();
        var without = await CliRunner.InProcessAsync("hook", "install", "--root", repo.Root);
        Assert.Contains("Without a local tool manifest", without.Out, StringComparison.Ordinal);

        repo.Write(".config/dotnet-tools.json", """{ "version": 1, "isRoot": true, "tools": { "patchbuild.tool": { "version": "0.1.0", "commands": ["patchbuild"] } } }""");
        var with = await CliRunner.InProcessAsync("hook", "install", "--root", repo.Root);

        Assert.Equal(0, with.ExitCode);
        Assert.DoesNotContain("Without a local tool manifest", with.Out, StringComparison.Ordinal);
        Assert.Contains($"from the local tool manifest {repo.FullPath(".config/dotnet-tools.json")}", with.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_of_an_archived_patch_says_where_the_patch_file_is()
    {
        using var folder = new TempFolder();
        folder.Write("Greeter.cs", Greeter);
        string patch = folder.Write("afix.ap", Replace("Greeter.cs", "string Greet() => \"Hello\";", "    string Greet() => \"Hi\";"));
        var apply = await CliRunner.InProcessAsync("apply", patch, "--archive");
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        string archived = Assert.Single(Directory.GetFiles(folder.Combine(".patchbuild/applied")));

        var rollback = await CliRunner.InProcessAsync("rollback", "--root", folder.Path, "--json");

        Assert.Equal(0, rollback.ExitCode);
        Assert.Equal(Greeter, folder.Read("Greeter.cs"));
        Assert.Contains($"is archived at {archived}; move it back to apply it again.", rollback.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(rollback.Out);
        var entry = Assert.Single(json.RootElement.GetProperty("archivedPatches").EnumerateArray());
        Assert.Equal(archived, entry.GetProperty("archivedAt").GetString());
        Assert.Equal(patch, entry.GetProperty("patchFile").GetString());
    }

    [Fact]
    public async Task A_run_with_one_change_never_blames_another_change()
    {
        using var folder = new TempFolder();
        folder.Write("Greeter.cs", Greeter);
        string patch = folder.Write("afix.ap", Replace("Greeter.cs", "string Greet() => \"Hello\";", "    string Greet() => \"Hi\"; }}"));

        var run = await CliRunner.InProcessAsync("apply", patch, "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        string reason = json.RootElement.GetProperty("files")[0].GetProperty("reason").GetString()!;
        Assert.DoesNotContain("another", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("another change", run.Error, StringComparison.Ordinal);
        Assert.Equal(Greeter, folder.Read("Greeter.cs"));
    }

    [Fact]
    public async Task A_change_held_back_by_a_failure_in_another_file_says_so()
    {
        using var folder = new TempFolder();
        folder.Write("Greeter.cs", Greeter);
        folder.Write("Other.cs", Greeter);
        string patch = folder.Write("afix.ap", """
            9c8d7e6f AP 3.2
            9c8d7e6f FILE
            Greeter.cs
            9c8d7e6f REPLACE
            9c8d7e6f snippet
            string Greet() => "Hello";
            9c8d7e6f content
                string Greet() => "Hi";
            9c8d7e6f FILE
            Other.cs
            9c8d7e6f REPLACE
            9c8d7e6f snippet
            string Greet() => "Hello";
            9c8d7e6f content
                string Greet() => "Hi"; }}
            9c8d7e6f END

            """);

        var run = await CliRunner.InProcessAsync("apply", patch, "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var greeter = json.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "Greeter.cs");
        Assert.Equal("not written: a change to another file in this run failed", greeter.GetProperty("reason").GetString());
    }
}
