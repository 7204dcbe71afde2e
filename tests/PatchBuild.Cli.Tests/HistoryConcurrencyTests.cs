using System.Diagnostics;

namespace PatchBuild.Cli.Tests;

/// <summary>Two real `patchbuild` processes on one workspace serialize on .patchbuild/lock.</summary>
public sealed class HistoryConcurrencyTests
{
    [Fact]
    public async Task The_same_patch_applied_by_two_processes_at_once_is_applied_exactly_once()
    {
        using var kit = new HistoryProcessKit(files: 8);
        var slow = new Dictionary<string, string> { ["PATCHBUILD_TEST_WRITE_DELAY_MS"] = "40" };

        var first = kit.ApplyAsync(slow);
        var second = kit.ApplyAsync(slow);
        var runs = await Task.WhenAll(first, second);

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Out + r.Error));
        Assert.Equal(HistoryProcessKit.TreeState.AllNew, kit.State());
        var entry = Assert.Single(await kit.HistoryAsync());
        Assert.Equal("applied", entry.GetProperty("status").GetString());
        Assert.Equal(8, entry.GetProperty("files").GetArrayLength());
        Assert.Single(runs, r => r.Out.Contains("Nothing to change", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_process_that_cannot_get_the_lock_in_time_fails_with_LOCKED_naming_the_holder()
    {
        using var kit = new HistoryProcessKit(files: 20);
        var slow = new Dictionary<string, string> { ["PATCHBUILD_TEST_WRITE_DELAY_MS"] = "200" };
        using var holder = Process.Start(HistoryProcessKit.StartInfo(kit.Root, slow, "apply", kit.PatchFile, "--root", kit.Root))!;
        var holderOut = holder.StandardOutput.ReadToEndAsync();
        _ = holder.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!kit.JournalHasUnfinishedBegin() && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(10);
        }

        kit.Write("other.ap", $"{HistoryProcessKit.PatchId} AP 3.2\n{HistoryProcessKit.PatchId} FILE\nx.txt\n{HistoryProcessKit.PatchId} CREATE\n{HistoryProcessKit.PatchId} content\nx\n");
        var blocked = await kit.RunAsync(null, "apply", Path.Combine(kit.Root, "other.ap"), "--root", kit.Root, "--lock-timeout", "0.3", "--json");

        Assert.Equal(1, blocked.ExitCode);
        Assert.Contains("\"code\": \"LOCKED\"", blocked.Out, StringComparison.Ordinal);
        Assert.Contains($"pid {holder.Id}", blocked.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(kit.Root, "x.txt")));
        await holder.WaitForExitAsync();
        Assert.Equal(0, holder.ExitCode);
        Assert.Contains("applied", await holderOut, StringComparison.Ordinal);
    }
}
