using System.Text.Json;
using PatchBuild.Core.History.Rollback;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;

namespace PatchBuild.Core.History;

/// <summary>
/// The JSON of `patchbuild history --json` and `patchbuild rollback --json`. A contract users script against:
/// fields are added, never renamed or removed.
/// </summary>
public static class HistoryJsonWriter
{
    public static string Write(PatchHistory history) => ReportJson.Render(json =>
    {
        json.WriteStartObject();
        json.WriteString("workspace", history.Paths.WorkspaceRoot);
        json.WriteString("journal", history.Paths.Journal);
        json.WriteStartArray("entries");
        foreach (var entry in history.Entries.Reverse())
        {
            WriteEntry(json, entry);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    public static string Write(RollbackResult result) => ReportJson.Render(json =>
    {
        json.WriteStartObject();
        ReportJson.WriteRunStatus(json, result.Success);
        json.WriteBoolean("dryRun", result.DryRun);
        json.WriteString("historyId", result.HistoryId);
        ReportJson.WriteStrings(json, "rolledBack", result.RolledBack);
        json.WriteStartArray("files");
        foreach (var file in result.Files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.Path);
            json.WriteString("action", file.Action);
            json.WriteBoolean("merged", file.Merged);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("archivedPatches");
        foreach (var archived in result.ArchivedPatches)
        {
            json.WriteStartObject();
            json.WriteString("patchFile", archived.PatchFile);
            json.WriteString("archivedAt", archived.ArchivedAt);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        ReportJson.WriteConflicts(json, result.Conflicts);
        ReportJson.WriteWarnings(json, result.Warnings);
        ReportJson.WriteFirstError(json, result.Error);
        json.WriteString("diff", result.Diff);
        json.WriteEndObject();
    });

    private static void WriteEntry(Utf8JsonWriter json, HistoryEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("id", entry.Id);
        json.WriteString("kind", entry.Kind);
        json.WriteString("status", StatusName(entry.Status));
        json.WriteString("started", entry.Started);
        if (entry.Finished is { } finished)
        {
            json.WriteString("finished", finished);
        }
        else
        {
            json.WriteNull("finished");
        }

        json.WriteString("summary", entry.Summary);
        json.WriteString("toolVersion", entry.ToolVersion);
        json.WriteString("root", entry.Root);
        json.WriteString("backups", entry.BackupPath);
        json.WriteBoolean("backupsAvailable", entry.BackupsAvailable);
        json.WriteBoolean("writtenHere", entry.WrittenHere);
        json.WriteString("rolledBackBy", entry.RolledBackBy);
        json.WriteString("reason", entry.Reason);
        ReportJson.WriteStrings(json, "rollsBack", entry.RollsBack);
        json.WriteStartArray("patches");
        foreach (var patch in entry.Patches)
        {
            json.WriteStartObject();
            json.WriteString("path", patch.Path);
            json.WriteString("hash", patch.Hash);
            json.WriteString("format", patch.Format);
            json.WriteString("summary", patch.Summary);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("files");
        foreach (var file in entry.Files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.Path);
            json.WriteString("action", file.Action.Word());
            json.WriteString("beforeHash", file.BeforeHash);
            json.WriteString("afterHash", file.AfterHash);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string StatusName(HistoryStatus status) => status switch
    {
        HistoryStatus.Applied => "applied",
        HistoryStatus.RolledBack => "rolled back",
        HistoryStatus.Failed => "failed",
        HistoryStatus.Recovered => "interrupted, undone",
        _ => "unfinished",
    };
}
