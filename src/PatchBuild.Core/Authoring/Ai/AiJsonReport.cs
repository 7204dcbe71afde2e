using System.Text.Json;
using PatchBuild.Core.Formats;
using PatchBuild.Core.Reporting;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>`patchbuild ai --json`: the run, each attempt's errors, and where the patch and transcript went. Add fields, never rename one.</summary>
public static class AiJsonReport
{
    public static string Write(AiRunResult result) => ReportJson.Render(json =>
    {
        json.WriteStartObject();
        ReportJson.WriteRunStatus(json, result.Success ? ApplyStatus.Success : ApplyStatus.Failed);
        json.WriteString("mode", result.Mode switch { AiMode.Apply => "apply", AiMode.DryRun => "dry-run", _ => "write" });
        json.WriteOrNull("root", result.Root);
        json.WriteOrNull("model", result.Model);
        json.WriteOrNull("format", result.PatchFormat is { } format ? PatchFormatNames.NameOf(format) : null);
        json.WriteOrNull("patchFile", result.PatchFile);
        json.WriteOrNull("transcript", result.TranscriptFile);
        json.WriteOrNull("historyId", result.Engine?.HistoryId);
        json.WriteStartArray("attempts");
        foreach (var attempt in result.Attempts)
        {
            json.WriteStartObject();
            json.WriteNumber("number", attempt.Number);
            json.WriteOrNull("format", attempt.Format is { } f ? PatchFormatNames.NameOf(f) : null);
            ReportJson.WriteErrors(json, attempt.Errors);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        ReportJson.WriteFirstError(json, result.Error);
        json.WriteOrNull("patch", result.PatchText);
        json.WriteString("diff", result.Engine?.Diff ?? "");
        json.WriteEndObject();
    });
}
