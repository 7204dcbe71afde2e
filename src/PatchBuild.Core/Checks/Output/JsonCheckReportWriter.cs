using System.Text.Json;
using PatchBuild.Core.Reporting;

namespace PatchBuild.Core.Checks.Output;

/// <summary>
/// The machine-readable check report: the findings, and for each patch file the engine's own dry-run report (the
/// same shape as `patchbuild apply --json`). Add fields, never rename one.
/// </summary>
public static class JsonCheckReportWriter
{
    public static string Write(CheckReport report) => ReportJson.Render(json =>
    {
        json.WriteStartObject();
        ReportJson.WriteRunStatus(json, !report.HasErrors);
        json.WriteString("scope", report.Scope switch
        {
            CheckScope.StagedChanges => "staged-changes",
            CheckScope.Index => "index",
            _ => "working-tree",
        });
        json.WriteString("root", report.Root);
        json.WriteNumber("filesChecked", report.FilesChecked);
        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.ReportedRule.Id);
            json.WriteString("checkRule", finding.Rule.Id);
            json.WriteString("rule", finding.Rule.Name);
            json.WriteString("level", finding.Severity == FindingSeverity.Error ? "error" : "warning");
            json.WriteString("message", finding.Message);
            json.WriteOrNull("file", finding.File);
            if (finding.Line is { } line)
            {
                json.WriteNumber("line", line);
            }
            else
            {
                json.WriteNull("line");
            }

            json.WriteOrNull("hint", finding.Hint);
            json.WriteOrNull("code", finding.ErrorCode);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("patches");
        foreach (var verdict in report.Patches)
        {
            json.WriteStartObject();
            json.WriteString("patchFile", verdict.PatchFile);
            json.WriteBoolean("pending", verdict.Pending);
            json.WritePropertyName("report");
            if (verdict.Result is { } result)
            {
                using var engineReport = JsonDocument.Parse(JsonReportWriter.Write(result));
                engineReport.RootElement.WriteTo(json);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });
}
