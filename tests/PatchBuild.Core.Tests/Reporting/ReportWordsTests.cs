using System.Text.Json;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Reporting;

/// <summary>
/// Statuses and actions are enums in Core; the report spells them as fixed words that scripts and the MSBuild task
/// match. These tests pin the words and check a real apply's report uses them.
/// </summary>
public sealed class ReportWordsTests
{
    [Fact]
    public void Every_file_status_has_its_own_stable_word()
    {
        var words = Enum.GetValues<FileStatus>().ToDictionary(s => s, s => s.Word());
        Assert.Equal(
            new Dictionary<FileStatus, string>
            {
                [FileStatus.Applied] = "applied",
                [FileStatus.Partial] = "partial",
                [FileStatus.Skipped] = "skipped",
                [FileStatus.Failed] = "failed",
                [FileStatus.NotWritten] = "not_written",
            },
            words);
    }

    [Fact]
    public void Every_change_kind_maps_to_an_action_with_its_own_stable_word()
    {
        var words = Enum.GetValues<FileChangeKind>().ToDictionary(k => k, k => ReportWords.ActionOf(k).Word());
        Assert.Equal(
            new Dictionary<FileChangeKind, string>
            {
                [FileChangeKind.Modify] = "modify",
                [FileChangeKind.Create] = "create",
                [FileChangeKind.CreateDirectory] = "create_directory",
                [FileChangeKind.Recreate] = "recreate",
                [FileChangeKind.Delete] = "delete",
                [FileChangeKind.Rename] = "rename",
            },
            words);
        Assert.Equal(Enum.GetValues<FileAction>().Length, Enum.GetValues<FileAction>().Select(a => a.Word()).Distinct().Count());
    }

    [Fact]
    public async Task The_json_report_of_a_real_apply_spells_status_and_action_as_words()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", "one\n");
        var patch = new PatchSet(PatchFormat.Ap,
        [
            new FileChange("new.txt", FileChangeKind.Create) { Content = "new\n" },
            new FileChange("a.txt", FileChangeKind.Recreate) { Content = "one\n" },
        ]);

        var result = await new PatchEngine().ApplyAsync([patch], new ApplyOptions { Root = folder.Path, RecordHistory = false });

        using var report = JsonDocument.Parse(JsonReportWriter.Write(result));
        var files = report.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => (f.GetProperty("action").GetString(), f.GetProperty("status").GetString()));
        Assert.Equal(("create", "applied"), files["new.txt"]);
        Assert.Equal(("recreate", "skipped"), files["a.txt"]);
    }
}
