using System.Diagnostics;
using Xunit.Abstractions;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// The commit protocol against real process deaths: a 20-file patch applied by the real `patchbuild` CLI, stopped
/// abruptly (Environment.FailFast after the k-th write, for every k; and SIGKILL at random moments), then recovered
/// by the next command. After recovery every file must be old or every file new — never a mix.
/// </summary>
public sealed class HistoryCrashTests(ITestOutputHelper output)
{
    private const int Files = 20;

    [Fact]
    public async Task A_crash_after_any_write_leaves_the_tree_wholly_old_after_recovery()
    {
        int oldCount = 0, newCount = 0;
        for (int k = 0; k <= Files; k++)
        {
            using var kit = new HistoryProcessKit(Files);
            var crashed = await kit.ApplyAsync(new Dictionary<string, string> { ["PATCHBUILD_FAULT_AFTER_WRITES"] = k.ToString() });
            Assert.True(crashed.ExitCode != 0, $"k={k}: the process should have been stopped; stdout: {crashed.Out}");
            Assert.True(kit.JournalHasUnfinishedBegin(), $"k={k}: the journal should hold the interrupted entry");
            if (k is > 0 and < Files)
            {
                Assert.Equal(HistoryProcessKit.TreeState.Mixed, kit.State()); // the crash really landed mid-commit
            }

            var entries = await kit.HistoryAsync();

            var state = kit.State();
            Assert.True(state != HistoryProcessKit.TreeState.Mixed, $"k={k}: mixed tree after recovery");
            Assert.Empty(kit.StrayTempFiles());
            Assert.False(kit.JournalHasUnfinishedBegin());
            Assert.Equal("interrupted, undone", Assert.Single(entries).GetProperty("status").GetString());
            if (state == HistoryProcessKit.TreeState.AllOld)
            {
                oldCount++;
            }
            else
            {
                newCount++;
            }

            if (k % 5 == 0)
            {
                var again = await kit.ApplyAsync();
                Assert.True(again.ExitCode == 0, $"k={k}: re-apply after recovery failed: {again.Out}{again.Error}");
                Assert.Equal(HistoryProcessKit.TreeState.AllNew, kit.State());
            }
        }

        output.WriteLine($"fault injection: {Files + 1} crashes (k = 0..{Files}); after recovery {oldCount} all-old, {newCount} all-new, 0 mixed");
        Assert.Equal(Files + 1, oldCount + newCount);
    }

    // From 64 files on, the temp files are made durable by one file-system barrier (syncfs on a local Linux file
    // system) instead of a flush each: a crash right after "begin", after the first rename, mid-way, before the
    // last and after all of them must recover the same way.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(35)]
    [InlineData(69)]
    [InlineData(70)]
    public async Task A_crash_in_a_commit_large_enough_for_one_file_system_barrier_recovers_to_a_whole_tree(int k)
    {
        const int files = 70;
        using var kit = new HistoryProcessKit(files);
        var crashed = await kit.ApplyAsync(new Dictionary<string, string> { ["PATCHBUILD_FAULT_AFTER_WRITES"] = k.ToString() });
        Assert.True(crashed.ExitCode != 0, $"k={k}: the process should have been stopped; stdout: {crashed.Out}");
        Assert.True(kit.JournalHasUnfinishedBegin(), $"k={k}: the journal should hold the interrupted entry");
        Assert.Equal(k is > 0 and < files ? HistoryProcessKit.TreeState.Mixed : k == 0 ? HistoryProcessKit.TreeState.AllOld : HistoryProcessKit.TreeState.AllNew, kit.State());

        var entries = await kit.HistoryAsync();

        Assert.NotEqual(HistoryProcessKit.TreeState.Mixed, kit.State());
        Assert.Empty(kit.StrayTempFiles());
        Assert.False(kit.JournalHasUnfinishedBegin());
        Assert.Equal("interrupted, undone", Assert.Single(entries).GetProperty("status").GetString());
        var again = await kit.ApplyAsync();
        Assert.True(again.ExitCode == 0, $"k={k}: re-apply after recovery failed: {again.Out}{again.Error}");
        Assert.Equal(HistoryProcessKit.TreeState.AllNew, kit.State());
    }

    [Fact]
    public async Task A_crash_while_large_files_are_kept_by_hard_link_leaves_no_mixed_tree()
    {
        // 1,200 padding lines make each file about 70 KB: over the size from which the replaced file is hard-linked.
        const int largeFiles = 6;
        foreach (int k in new[] { 0, 1, 3, largeFiles })
        {
            using var kit = new HistoryProcessKit(largeFiles, paddingLines: 1200);
            var crashed = await kit.ApplyAsync(new Dictionary<string, string> { ["PATCHBUILD_FAULT_AFTER_WRITES"] = k.ToString() });
            Assert.True(crashed.ExitCode != 0, $"k={k}: the process should have been stopped; stdout: {crashed.Out}{crashed.Error}");
            Assert.Equal(largeFiles, Directory.GetFiles(Path.Combine(kit.Root, ".patchbuild", "backups", "blobs")).Length);

            var entries = await kit.HistoryAsync();

            Assert.Equal(HistoryProcessKit.TreeState.AllOld, kit.State());
            Assert.Empty(kit.StrayTempFiles());
            Assert.Equal("interrupted, undone", Assert.Single(entries).GetProperty("status").GetString());
            var again = await kit.ApplyAsync();
            Assert.True(again.ExitCode == 0, $"k={k}: re-apply after recovery failed: {again.Out}{again.Error}");
            Assert.Equal(HistoryProcessKit.TreeState.AllNew, kit.State());
            Assert.Equal(0, (await kit.RunAsync(null, "rollback", "--root", kit.Root)).ExitCode);
            Assert.Equal(HistoryProcessKit.TreeState.AllOld, kit.State());
        }
    }

    [Fact]
    public async Task Kill_9_at_random_moments_never_leaves_a_mixed_tree()
    {
        var random = new Random(20261121);
        int iterations = 20, killedMidCommit = 0, old = 0, fresh = 0, finishedBeforeKill = 0;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            using var kit = new HistoryProcessKit(Files);
            var environment = new Dictionary<string, string> { ["PATCHBUILD_TEST_WRITE_DELAY_MS"] = "15" };
            using var process = Process.Start(HistoryProcessKit.StartInfo(kit.Root, environment, "apply", kit.PatchFile, "--root", kit.Root))!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();

            // Half the kills aim inside the commit (after "begin" is journaled), half anywhere from the start.
            if (iteration % 2 == 0)
            {
                var clock = Stopwatch.StartNew();
                while (!kit.JournalHasUnfinishedBegin() && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(2);
                }

                await Task.Delay(random.Next(0, Files * 15));
            }
            else
            {
                await Task.Delay(random.Next(50, 2500));
            }

            if (process.HasExited)
            {
                finishedBeforeKill++;
            }
            else
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
            if (kit.JournalHasUnfinishedBegin())
            {
                killedMidCommit++;
            }

            await kit.HistoryAsync();
            var state = kit.State();
            Assert.True(state != HistoryProcessKit.TreeState.Mixed, $"iteration {iteration}: mixed tree after recovery");
            Assert.Empty(kit.StrayTempFiles());
            if (state == HistoryProcessKit.TreeState.AllOld)
            {
                old++;
            }
            else
            {
                fresh++;
            }
        }

        output.WriteLine($"kill -9: {iterations} runs, {killedMidCommit} killed mid-commit (recovered), {finishedBeforeKill} finished before the kill; after recovery {old} all-old, {fresh} all-new, 0 mixed");
        Assert.True(killedMidCommit > 0, "no kill landed inside a commit; the test proved nothing");
    }

    [Fact]
    public async Task A_crash_during_rollback_is_recovered_to_the_applied_state()
    {
        foreach (int k in new[] { 0, 7, 20 })
        {
            using var kit = new HistoryProcessKit(Files);
            Assert.Equal(0, (await kit.ApplyAsync()).ExitCode);
            var crashed = await kit.RunAsync(new Dictionary<string, string> { ["PATCHBUILD_FAULT_AFTER_WRITES"] = k.ToString() }, "rollback", "--root", kit.Root);
            Assert.NotEqual(0, crashed.ExitCode);

            var entries = await kit.HistoryAsync();

            Assert.Equal(HistoryProcessKit.TreeState.AllNew, kit.State());
            Assert.Equal(["interrupted, undone", "applied"], entries.Select(e => e.GetProperty("status").GetString()));
            Assert.Equal(0, (await kit.RunAsync(null, "rollback", "--root", kit.Root)).ExitCode);
            Assert.Equal(HistoryProcessKit.TreeState.AllOld, kit.State());
        }
    }
}
