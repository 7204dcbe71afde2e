using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PatchBuild.Core.History.Merge;
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
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(PatchHistory history) => Render(json =>
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

    public static string Write(RollbackResult result) => Render(json =>
    {
        json.WriteStartObject();
        json.WriteString("status", result.Success ? "SUCCESS" : "FAILED");
        json.WriteBoolean("dryRun", result.DryRun);
        json.WriteString("historyId", result.HistoryId);
        json.WriteStartArray("rolledBack");
        foreach (string id in result.RolledBack)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
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
        WriteConflicts(json, result.Conflicts);
        json.WriteStartArray("warnings");
        foreach (var warning in result.Warnings)
        {
            json.WriteStartObject();
            json.WriteString("code", warning.Code);
            json.WriteString("message", warning.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WritePropertyName("error");
        if (result.Error is { } error)
        {
            JsonReportWriter.WriteError(json, error);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteString("diff", result.Diff);
        json.WriteEndObject();
    });

    public static void WriteConflicts(Utf8JsonWriter json, IEnumerable<MergeConflict> conflicts)
    {
        json.WriteStartArray("conflicts");
        foreach (var conflict in conflicts)
        {
            json.WriteStartObject();
            json.WriteNumber("index", conflict.Index);
            json.WriteString("file", conflict.File);
            json.WriteNumber("line", conflict.Line);
            json.WriteString("reason", conflict.Reason);
            json.WriteString("resolution", conflict.Resolution?.Name());
            WriteLines(json, "ours", conflict.Ours);
            WriteLines(json, "theirs", conflict.Theirs);
            WriteLines(json, "base", conflict.Base);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

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
        json.WriteStartArray("rollsBack");
        foreach (string id in entry.RollsBack)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
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
            json.WriteString("action", file.Action);
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

    private static void WriteLines(Utf8JsonWriter json, string name, IReadOnlyList<string> lines)
    {
        json.WriteStartArray(name);
        foreach (string line in lines)
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
    }

    private static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
