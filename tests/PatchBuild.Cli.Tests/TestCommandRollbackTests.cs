using System.Diagnostics;
using System.Text.Json;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// `patchbuild apply --test` when the command fails, through the real tool: the patch is undone as `patchbuild
/// rollback --id` undoes it (what the build does when PatchBuildTestCommand fails): an edit the test command made away
/// from the patch survives, and the journal shows the apply rolled back by a rollback entry.
/// </summary>
public sealed class TestCommandRollbackTests : IDisposable
{
    private const string Original = "first\nsecond\nthird\nfourth\nfifth\nsixth\n";

    private readonly string _root = Directory.CreateTempSubdirectory("pb-test-rollback-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_failing_test_command_rolls_the_patch_back_like_rollback_by_id()
    {
        File.WriteAllText(Path.Combine(_root, "patchbuild.json"), "{}");
        File.WriteAllText(Path.Combine(_root, "a.txt"), Original);
        File.WriteAllText(Path.Combine(_root, "edit-and-fail.sh"), "sed -i '1i // touched by the test' a.txt\nexit 3\n");
        File.WriteAllText(Path.Combine(_root, "afix.ap"), """
            5e5e5e5e AP 3.2
            5e5e5e5e FILE
            a.txt
            5e5e5e5e REPLACE
            5e5e5e5e snippet
            sixth
            5e5e5e5e content
            sixth, patched
            5e5e5e5e END

            """);

        var apply = await RunAsync("apply", "afix.ap", "--root", _root, "--test", "sh edit-and-fail.sh");

        Assert.True(apply.ExitCode != 0, apply.Out);
        Assert.Contains("the patch was rolled back", apply.Out + apply.Error);
        Assert.Equal("// touched by the test\n" + Original, File.ReadAllText(Path.Combine(_root, "a.txt")));
        var history = await RunAsync("history", "--root", _root, "--json");
        using var document = JsonDocument.Parse(history.Out);
        var entries = document.RootElement.GetProperty("entries").EnumerateArray().ToList();
        // Newest first.
        Assert.Equal(["rollback applied", "apply rolled back"], entries.Select(e => $"{e.GetProperty("kind").GetString()} {e.GetProperty("status").GetString()}"));
        Assert.Equal(entries[0].GetProperty("id").GetString(), entries[1].GetProperty("rolledBackBy").GetString());
    }

    private async Task<HistoryProcessKit.Run> RunAsync(params string[] args)
    {
        using var process = Process.Start(HistoryProcessKit.StartInfo(_root, null, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new HistoryProcessKit.Run(process.ExitCode, await stdout, await stderr);
    }
}
