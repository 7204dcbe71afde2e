using PatchBuild.Core.Processes;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Processes;

/// <summary>The engine's one process runner, against real /bin/sh processes.</summary>
public sealed class ProcessRunnerTests
{
    private static ProcessCommand Shell(string script, string folder) => new("/bin/sh", ["-c", script], folder);

    [Fact]
    public void Collects_stdout_as_bytes_stderr_as_text_and_the_exit_code()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();

        var outcome = ProcessRunner.Run(Shell("printf 'out\\n'; printf 'err\\n' >&2; exit 3", folder.Path));

        Assert.Equal(3, outcome.ExitCode);
        Assert.False(outcome.TimedOut);
        Assert.Equal("out\n", outcome.OutputText);
        Assert.Equal("err\n", outcome.Error);
    }

    [Fact]
    public void Arguments_are_tokens_and_the_environment_and_folder_are_the_commands()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();
        var command = new ProcessCommand("/bin/sh", ["-c", "printf '%s|%s|%s' \"$1\" \"$PB_PROBE\" \"$(pwd)\"", "sh", "two words; $(not run)"], folder.Path)
        {
            Environment = new Dictionary<string, string> { ["PB_PROBE"] = "set" },
        };

        var outcome = ProcessRunner.Run(command);

        Assert.Equal($"two words; $(not run)|set|{new DirectoryInfo(folder.Path).FullName}", outcome.OutputText);
    }

    [Fact]
    public void Large_output_on_both_pipes_at_once_does_not_block()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();

        // 1 MB on each pipe, interleaved: a runner that read one pipe to its end first would wait forever.
        var outcome = ProcessRunner.Run(Shell("i=0; while [ $i -lt 16 ]; do head -c 65536 /dev/zero; head -c 65536 /dev/zero >&2; i=$((i+1)); done", folder.Path));

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(1 << 20, outcome.Output.Length);
        Assert.Equal(1 << 20, outcome.Error.Length);
    }

    [Fact]
    public void A_run_past_its_time_is_killed_with_its_children()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();
        string pidFile = folder.Combine("child.pid");

        var outcome = ProcessRunner.Run(Shell($"sleep 300 & echo $! > '{pidFile}'; wait", folder.Path), TimeSpan.FromSeconds(1));

        Assert.True(outcome.TimedOut);
        Assert.Null(outcome.ExitCode);
        int child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        SpinWait.SpinUntil(() => !IsRunning(child), TimeSpan.FromSeconds(30));
        Assert.False(IsRunning(child), $"the child {child} outlived the killed run");
    }

    [Fact]
    public async Task Lines_are_streamed_in_order_and_a_timeout_is_reported()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();
        var lines = new List<string>();

        var done = await ProcessRunner.RunLinesAsync(Shell("echo one; echo two; exit 0", folder.Path), lines.Add, TimeSpan.FromMinutes(5));
        var overran = await ProcessRunner.RunLinesAsync(Shell("echo start; sleep 300", folder.Path), _ => { }, TimeSpan.FromSeconds(1));

        Assert.Equal(["one", "two"], lines);
        Assert.Equal(0, done.ExitCode);
        Assert.True(overran.TimedOut);
        Assert.Null(overran.ExitCode);
    }

    [Fact]
    public void A_program_that_does_not_exist_throws_for_the_caller_to_report()
    {
        using var folder = new TempFolder();
        Assert.Throws<System.ComponentModel.Win32Exception>(() => ProcessRunner.Run(new ProcessCommand("pb-no-such-program-" + Guid.NewGuid().ToString("N"), [], folder.Path)));
    }

    // A zombie (exited, not yet reaped by its parent) counts as gone.
    private static bool IsRunning(int pid)
    {
        string status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadAllText(status).Contains("State:\tZ", StringComparison.Ordinal);
    }
}
