using System.Text.Json;
using PatchBuild.Core.History;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;
using PatchBuild.Core.Tests.History;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Reporting;

/// <summary>
/// Apply and rollback reports describe errors the same way: real failed runs on temp folders, their JSON read back,
/// and the error objects' field names compared, so neither report can rename a field on its own.
/// </summary>
public sealed class SharedReportShapeTests
{
    private static readonly PatchEngine Engine = new();

    private static string[] FieldNames(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task Apply_and_rollback_reports_write_errors_with_the_same_fields()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", "old\n");
        var clash = new PatchSet(PatchFormat.Ap, [new FileChange("a.txt", FileChangeKind.Create) { Content = "new\n" }]);
        var applied = await Engine.ApplyAsync([clash], new ApplyOptions { Root = folder.Path });
        var rolledBack = await Engine.RollbackAsync(new() { Root = folder.Path, Id = "no-such-entry" });

        Assert.False(applied.Success);
        Assert.False(rolledBack.Success);
        using var applyReport = JsonDocument.Parse(JsonReportWriter.Write(applied));
        using var rollbackReport = JsonDocument.Parse(HistoryJsonWriter.Write(rolledBack));
        var applyError = applyReport.RootElement.GetProperty("error");
        var rollbackError = rollbackReport.RootElement.GetProperty("error");

        Assert.Equal(FieldNames(applyError), FieldNames(rollbackError));
        Assert.Equal(FieldNames(applyError), FieldNames(applyReport.RootElement.GetProperty("errors")[0]));
        Assert.Equal(["code", "message", "file", "modification", "line", "patchFile", "hint", "context"], FieldNames(applyError));
        Assert.Equal("FAILED", applyReport.RootElement.GetProperty("status").GetString());
        Assert.Equal("FAILED", rollbackReport.RootElement.GetProperty("status").GetString());
        Assert.Equal(rolledBack.Error!.Code, rollbackError.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Apply_and_rollback_reports_write_warnings_with_the_same_fields_and_values()
    {
        using var ws = new TempWorkspace();
        ws.Write("a.txt", "1\n");
        Assert.True((await Engine.ApplyAsync([TempWorkspace.Patch(TempWorkspace.Recreate("a.txt", "2\n"))], ws.Options)).Success);
        File.AppendAllText(ws.Journal, "not json at all}\n");

        var applied = await Engine.ApplyAsync([TempWorkspace.Patch(TempWorkspace.Recreate("a.txt", "3\n"))], ws.Options);
        var rolledBack = await Engine.RollbackAsync(new() { Root = ws.Root });

        Assert.True(rolledBack.Success, rolledBack.Error?.Message);
        using var applyReport = JsonDocument.Parse(JsonReportWriter.Write(applied));
        using var rollbackReport = JsonDocument.Parse(HistoryJsonWriter.Write(rolledBack));
        var fromApply = Skipped(applyReport);
        var fromRollback = Skipped(rollbackReport);
        Assert.Equal(["code", "message", "file", "line", "patchFile"], FieldNames(fromApply));
        Assert.Equal(FieldNames(fromApply), FieldNames(fromRollback));
        Assert.Equal(ws.Journal, fromRollback.GetProperty("file").GetString());
        Assert.Equal(fromApply.GetProperty("line").GetInt32(), fromRollback.GetProperty("line").GetInt32());
    }

    private static JsonElement Skipped(JsonDocument report) =>
        Assert.Single(report.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "JOURNAL_LINE_SKIPPED");
}
