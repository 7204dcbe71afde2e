using PatchBuild.Tasks.Engine;

namespace PatchBuild.Tasks.Tests.Unit;

/// <summary>
/// The task's small report reader against what the real `patchbuild` CLI process prints: the built patchbuild.dll
/// run by the task's own <see cref="EngineProcess"/>, with the arguments the task passes, on real temp folders.
/// A field or word the CLI changes fails here, not in a user's build log.
/// </summary>
public sealed class EngineReportFromCliTests : IDisposable
{
    private const string Id = "c0ffee42";
    private readonly string _root = Directory.CreateTempSubdirectory("pb-tasks-cli-report-").FullName;

    public EngineReportFromCliTests() => File.WriteAllText(Path.Combine(_root, "patchbuild.json"), "{}");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string EnginePath => Path.Combine(AppContext.BaseDirectory, "patchbuild.dll");

    private string Patch(string name, string target, string content)
    {
        string path = Path.Combine(_root, name);
        File.WriteAllText(path, $"{Id} AP 3.2\n{Id} FILE\n{target}\n{Id} CREATE\n{Id} content\n{content}\n");
        return path;
    }

    private (EngineRun Run, EngineReport Report) Apply(string patch, params string[] more)
    {
        var arguments = new List<string> { patch, "--json", "--lock-timeout", "30", "--root", _root };
        arguments.AddRange(more);
        var run = new EngineProcess(EngineCommand.Managed("dotnet", EnginePath)).Run("apply", arguments, _root, CancellationToken.None);
        return (run, EngineReport.Parse(run.StandardOutput));
    }

    [Fact]
    public void An_applied_patch_reads_back_with_its_file_words_root_and_history_id()
    {
        string patch = Patch("afix.ap", "Hello.txt", "hello");

        var (run, report) = Apply(patch);

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.True(report.Succeeded);
        Assert.False(report.DryRun);
        Assert.Empty(report.Errors);
        Assert.Equal(Path.GetFullPath(_root), Path.GetFullPath(report.Root!));
        Assert.False(string.IsNullOrEmpty(report.HistoryId));
        var file = Assert.Single(report.Files);
        Assert.Equal(("Hello.txt", "create", "applied", 1), (file.Path, file.Action, file.Status, file.Applied));
        Assert.Equal(Path.GetFullPath(patch), Path.GetFullPath(file.PatchFile!));
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(_root, "Hello.txt")));

        var (again, repeated) = Apply(patch);
        Assert.Equal(0, again.ExitCode);
        var skipped = Assert.Single(repeated.Files);
        Assert.Equal(("create", "skipped"), (skipped.Action, skipped.Status));
        Assert.False(string.IsNullOrEmpty(skipped.Reason));
    }

    [Fact]
    public void A_refused_patch_reads_back_with_its_code_rule_line_hint_and_patch_file()
    {
        string patch = Patch("afix.ap", "Runner.cs", "class Runner { void Go() => System.Diagnostics.Process.Start(\"sh\"); }");

        var (run, report) = Apply(patch);

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(report.Succeeded);
        Assert.Equal("FAILED", report.Status);
        var error = Assert.Single(report.Errors);
        Assert.Equal("UNSAFE_PATCH", error.Code);
        Assert.Equal("PB1005", error.Rule);
        Assert.True(error.Line > 0);
        Assert.False(string.IsNullOrEmpty(error.Message));
        Assert.False(string.IsNullOrEmpty(error.Hint));
        Assert.Equal(Path.GetFullPath(patch), Path.GetFullPath(error.PatchFile!));
        Assert.False(File.Exists(Path.Combine(_root, "Runner.cs")));
    }

    [Fact]
    public void A_dry_run_reads_back_as_such_and_writes_nothing()
    {
        string patch = Patch("afix.ap", "Later.txt", "later");

        var (run, report) = Apply(patch, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.True(report.Succeeded);
        Assert.True(report.DryRun);
        Assert.Contains("Later.txt", report.Diff);
        Assert.Equal("create", Assert.Single(report.Files).Action);
        Assert.False(File.Exists(Path.Combine(_root, "Later.txt")));
    }
}
