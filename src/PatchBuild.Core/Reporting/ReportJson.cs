using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PatchBuild.Core.History.Merge;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Reporting;

/// <summary>
/// The parts every JSON report shares (apply, rollback, history, check): writer settings, the run status word,
/// errors, warnings and merge conflicts. Each is written here once, so a field name cannot differ between reports.
/// Reports are contracts users script against: add fields, never rename or remove one.
/// </summary>
public static class ReportJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one report document with the shared settings and returns its text.</summary>
    public static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The top-level "status" of a run: SUCCESS, PARTIAL or FAILED (the MSBuild task matches SUCCESS).</summary>
    public static void WriteRunStatus(Utf8JsonWriter json, ApplyStatus status) => json.WriteString("status", status switch
    {
        ApplyStatus.Success => "SUCCESS",
        ApplyStatus.Partial => "PARTIAL",
        _ => "FAILED",
    });

    public static void WriteRunStatus(Utf8JsonWriter json, bool success) =>
        WriteRunStatus(json, success ? ApplyStatus.Success : ApplyStatus.Failed);

    public static void WriteWarnings(Utf8JsonWriter json, IEnumerable<PatchWarning> warnings)
    {
        json.WriteStartArray("warnings");
        foreach (var warning in warnings)
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
    }

    /// <summary>The "error" field: the error that stopped the run, or an explicit null.</summary>
    public static void WriteFirstError(Utf8JsonWriter json, PatchError? error)
    {
        json.WritePropertyName("error");
        if (error is null)
        {
            json.WriteNullValue();
        }
        else
        {
            WriteError(json, error);
        }
    }

    public static void WriteErrors(Utf8JsonWriter json, IEnumerable<PatchError> errors)
    {
        json.WriteStartArray("errors");
        foreach (var error in errors)
        {
            WriteError(json, error);
        }

        json.WriteEndArray();
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
            WriteStrings(json, "ours", conflict.Ours);
            WriteStrings(json, "theirs", conflict.Theirs);
            WriteStrings(json, "base", conflict.Base);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    // Context values are plain data (strings, numbers, lists, dictionaries, IReportFacts); anything else is written as
    // text. No reflection: the native tool has no metadata for a type's properties.
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
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                json.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case JsonElement element:
                element.WriteTo(json);
                break;
            case System.Collections.IDictionary dictionary when depth < 16:
                json.WriteStartObject();
                foreach (System.Collections.DictionaryEntry entry in dictionary)
                {
                    json.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
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
            case IReportFacts facts when depth < 16:
                json.WriteStartObject();
                foreach (var (name, fact) in facts.Facts())
                {
                    json.WritePropertyName(name);
                    WriteValue(json, fact, depth + 1);
                }

                json.WriteEndObject();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
