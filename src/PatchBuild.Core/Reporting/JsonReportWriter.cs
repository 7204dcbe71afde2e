using System.Text.Json;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Reporting;

/// <summary>
/// The machine-readable report (`--json`, `--report FILE`, the MSBuild task's input). Its shape is a contract that
/// users script against: add fields, never rename or remove one. Errors, warnings and conflicts are written by
/// <see cref="ReportJson"/>, as in every other report.
/// </summary>
public static class JsonReportWriter
{
    public static string Write(ApplyResult result) => ReportJson.Render(json =>
    {
        json.WriteStartObject();
        ReportJson.WriteRunStatus(json, result.Status);
        json.WriteBoolean("dryRun", result.DryRun);
        json.WriteOrNull("root", result.Root);
        json.WriteStartArray("files");
        foreach (var file in result.Files)
        {
            WriteFile(json, file);
        }

        json.WriteEndArray();
        ReportJson.WriteWarnings(json, result.Warnings);
        ReportJson.WriteFirstError(json, result.Error);
        ReportJson.WriteErrors(json, result.Errors);
        ReportJson.WriteStrings(json, "failureReports", result.FailureReports);
        ReportJson.WriteStrings(json, "archivedPatches", result.ArchivedPatches);
        json.WriteOrNull("historyId", result.HistoryId);
        ReportJson.WriteConflicts(json, result.Conflicts);
        json.WriteString("diff", result.Diff);
        json.WriteEndObject();
    });

    private static void WriteFile(Utf8JsonWriter json, FileResult file)
    {
        json.WriteStartObject();
        json.WriteString("path", file.Path);
        json.WriteString("action", file.Action.Word());
        json.WriteString("status", file.Status.Word());
        json.WriteOrNull("patchFile", file.PatchFile);
        json.WriteOrNull("newPath", file.NewPath);
        json.WriteNumber("applied", file.Applied);
        json.WriteNumber("skipped", file.Skipped);
        json.WriteNumber("failed", file.Failed);
        json.WriteOrNull("reason", file.Reason);
        ReportJson.WriteStrings(json, "notes", file.Notes);
        json.WriteEndObject();
    }
}
