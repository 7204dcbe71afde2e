using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;
using PatchBuild.Tasks.Engine;

namespace PatchBuild.Tasks.Tests.Unit;

/// <summary>
/// The task's small JSON reader against reports the engine really wrote: a real apply in a temp folder, written by
/// the same <see cref="JsonReportWriter"/> the CLI's --json and --report use, read back by <see cref="EngineReport"/>.
/// A field renamed on either side fails here instead of in a user's build log.
/// </summary>
public sealed class EngineReportRoundTripTests : IDisposable
{
    private const string Id = "c0ffee42";
    private readonly string _root = Directory.CreateTempSubdirectory("pb-tasks-report-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Patch(string name, string target, string content)
    {
        string path = Path.Combine(_root, name);
        File.WriteAllText(path, $"{Id} AP 3.2\n{Id} FILE\n{target}\n{Id} CREATE\n{Id} content\n{content}\n");
        return path;
    }

    [Fact]
    public async Task A_refused_patch_reads_back_with_its_code_rule_line_and_patch_file()
    {
        File.WriteAllText(Path.Combine(_root, "patchbuild.json"), "{}");
        string patch = Patch("afix.ap", "Runner.cs", "class Runner { void Go() => System.Diagnostics.Process.Start(\"sh\"); }");

        var result = await new PatchEngine().ApplyFilesAsync([patch], new ApplyOptions { Root = _root });
        var report = EngineReport.Parse(JsonReportWriter.Write(result));

        Assert.False(result.Success);
        Assert.False(report.Succeeded);
        var error = Assert.Single(result.Errors);
        var read = Assert.Single(report.Errors);
        Assert.Equal(ErrorCodes.UnsafePatch, read.Code);
        Assert.Equal("PB1005", error.Rule);
        Assert.Equal(error.Rule, read.Rule);
        Assert.Equal(error.Message, read.Message);
        Assert.Equal(error.Line ?? 0, read.Line);
        Assert.Equal(error.PatchFile, read.PatchFile);
        Assert.Equal(error.Hint, read.Hint);
        Assert.False(File.Exists(Path.Combine(_root, "Runner.cs")));
    }

    [Fact]
    public async Task An_applied_patch_reads_back_with_its_files()
    {
        File.WriteAllText(Path.Combine(_root, "patchbuild.json"), "{}");
        string patch = Patch("afix.ap", "Hello.txt", "hello");

        var result = await new PatchEngine().ApplyFilesAsync([patch], new ApplyOptions { Root = _root });
        var report = EngineReport.Parse(JsonReportWriter.Write(result));

        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.True(report.Succeeded);
        Assert.Empty(report.Errors);
        var file = Assert.Single(result.Files);
        var readFile = Assert.Single(report.Files);
        Assert.Equal((file.Path, file.Action.Word(), file.Status.Word(), file.Applied), (readFile.Path, readFile.Action, readFile.Status, readFile.Applied));
    }
}
