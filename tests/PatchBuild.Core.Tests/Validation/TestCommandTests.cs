using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Safety;
using PatchBuild.Core.Validation;

namespace PatchBuild.Core.Tests.Validation;

/// <summary>The test command after commit, with shell commands that really pass, fail and hang.</summary>
public sealed class TestCommandTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Runner_reports_exit_code_and_keeps_the_last_twenty_lines()
    {
        var streamed = new List<string>();
        var result = await TestCommandRunner.RunAsync("for i in $(seq 1 30); do echo line $i; done; echo oops >&2; exit 3", _tree.Root, TimeSpan.FromMinutes(1), l => { lock (streamed) { streamed.Add(l); } });
        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Passed);
        Assert.Equal(20, result.LastLines.Count);
        Assert.Contains("oops", result.LastLines);
        Assert.Contains("line 30", result.LastLines);
        Assert.DoesNotContain("line 5", result.LastLines);
        Assert.Equal(31, streamed.Count);
    }

    [Fact]
    public async Task Runner_runs_in_the_root_folder()
    {
        _tree.Write("marker.txt", "here\n");
        var result = await TestCommandRunner.RunAsync("cat marker.txt", _tree.Root);
        Assert.True(result.Passed);
        Assert.Equal(["here"], result.LastLines);
    }

    [Fact]
    public async Task Runner_kills_a_command_that_overruns_its_timeout()
    {
        var result = await TestCommandRunner.RunAsync("echo started; sleep 60", _tree.Root, TimeSpan.FromSeconds(1));
        Assert.True(result.TimedOut);
        Assert.Null(result.ExitCode);
        Assert.Contains("started", result.LastLines);
    }

    [Fact]
    public async Task A_failing_test_command_rolls_every_change_back()
    {
        _tree.Write("src/A.txt", "old a\n");
        _tree.Write("src/Gone.txt", "keep me\n");
        var options = new ApplyOptions { TestCommand = "echo checking; test -f src/New.txt && exit 1" };
        var result = await _tree.ApplyAsync(options,
            TempTree.Recreate("src/A.txt", "new a\n"), TempTree.Create("src/New.txt", "new\n"), TempTree.Delete("src/Gone.txt"));

        Assert.Equal(ErrorCodes.TestFailed, result.Error!.Code);
        Assert.Equal(true, result.Error.Context["rolledBack"]);
        Assert.Contains("checking", (IEnumerable<string>)result.Error.Context["output"]!);
        Assert.Equal("old a\n", _tree.Read("src/A.txt"));
        Assert.False(_tree.Exists("src/New.txt"));
        Assert.Equal("keep me\n", _tree.Read("src/Gone.txt"));
    }

    [Fact]
    public async Task A_timed_out_test_command_rolls_back_too()
    {
        _tree.Write("a.txt", "old\n");
        var result = await _tree.ApplyAsync(new ApplyOptions { TestCommand = "sleep 60", TestTimeout = TimeSpan.FromSeconds(1) }, TempTree.Recreate("a.txt", "new\n"));
        Assert.Equal(ErrorCodes.TestFailed, result.Error!.Code);
        Assert.Equal(true, result.Error.Context["timedOut"]);
        Assert.Equal("old\n", _tree.Read("a.txt"));
    }

    [Fact]
    public async Task A_passing_test_command_keeps_the_patch_and_dry_run_never_runs_it()
    {
        _tree.Write("a.txt", "old\n");
        var dry = await new PatchEngine().DryRunAsync([new PatchSet(PatchFormat.Ap, [TempTree.Recreate("a.txt", "new\n")])],
            new ApplyOptions { Root = _tree.Root, TestCommand = "touch ran.flag" });
        SafetyAssert.Passed(dry);
        Assert.False(_tree.Exists("ran.flag"));

        var result = await _tree.ApplyAsync(new ApplyOptions { TestCommand = "grep -q new a.txt" }, TempTree.Recreate("a.txt", "new\n"));
        SafetyAssert.Passed(result);
        Assert.Equal("new\n", _tree.Read("a.txt"));
    }
}
