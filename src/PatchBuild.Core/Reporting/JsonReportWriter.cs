using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Reporting;

/// <summary>
/// The machine-readable report (`--json`, `--report FILE`, the MSBuild task's input). Its shape is a contract that
/// users script against: add fields, never rename or remove one.
/// </summary>
public static class JsonReportWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(ApplyResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("status", result.Status.ToString().ToUpperInvariant());
            json.WriteBoolean("dryRun", result.DryRun);
            json.WriteOrNull("root", result.Root);
            json.WriteStartArray("files");
            foreach (var file in result.Files)
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
                json.WriteStartArray("notes");
                foreach (string note in file.Notes)
                {
                    json.WriteStringValue(note);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("warnings");
            foreach (var warning in result.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("code", warning.Code);
                json.WriteString("message", warning.Message);
                json.WriteOrNull("file", warning.File);
                json.WriteOrNull("line", warning.Line);
                json.WriteOrNull("patchFile", warning.PatchFile);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WritePropertyName("error");
            if (result.Error is { } error)
            {
                WriteError(json, error);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteStartArray("errors");
            foreach (var e in result.Errors)
            {
                WriteError(json, e);
            }

            json.WriteEndArray();
            json.WriteStartArray("failureReports");
            foreach (string report in result.FailureReports)
            {
                json.WriteStringValue(report);
            }

            json.WriteEndArray();
            json.WriteStartArray("archivedPatches");
            foreach (string archived in result.ArchivedPatches)
            {
                json.WriteStringValue(archived);
            }

            json.WriteEndArray();
            json.WriteOrNull("historyId", result.HistoryId);
            History.HistoryJsonWriter.WriteConflicts(json, result.Conflicts);
            json.WriteString("diff", result.Diff);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteError(Utf8JsonWriter json, PatchError error)
    {
        json.WriteStartObject();
        json.WriteString("code", error.Code);
        json.WriteString("message", error.Message);
        json.WriteOrNull("file", error.File);
        json.WriteOrNull("modification", error.Modification);
        json.WriteOrNull("line", error.Line);
        json.WriteOrNull("patchFile", error.PatchFile);
        json.WriteOrNull("hint", error.Hint);
        json.WritePropertyName("context");
        WriteValue(json, error.Context);
        json.WriteEndObject();
    }



    // Context values are plain data (strings, numbers, lists, dictionaries, records); anything else is written as text.
    private static void WriteValue(Utf8JsonWriter json, object? value, int depth = 0)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int or long or short or byte:
                json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                json.WriteNumberValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case JsonElement element:
                element.WriteTo(json);
                break;
            case System.Collections.IDictionary dictionary when depth < 16:
                json.WriteStartObject();
                foreach (System.Collections.DictionaryEntry entry in dictionary)
                {
                    json.WritePropertyName(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                    WriteValue(json, entry.Value, depth + 1);
                }

                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable sequence when depth < 16:
                json.WriteStartArray();
                foreach (object? item in sequence)
                {
                    WriteValue(json, item, depth + 1);
                }

                json.WriteEndArray();
                break;
            default:
                if (depth < 16 && value.GetType().GetProperties() is { Length: > 0 } properties && !value.GetType().IsPrimitive && value is not Enum)
                {
                    json.WriteStartObject();
                    foreach (var property in properties.Where(p => p.GetIndexParameters().Length == 0))
                    {
                        json.WritePropertyName(char.ToLowerInvariant(property.Name[0]) + property.Name[1..]);
                        WriteValue(json, property.GetValue(value), depth + 1);
                    }

                    json.WriteEndObject();
                }
                else
                {
                    json.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
        }
    }
}
