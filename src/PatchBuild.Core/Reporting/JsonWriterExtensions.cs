using System.Text.Json;

namespace PatchBuild.Core.Reporting;

/// <summary>Reports always write every field, with an explicit null, so scripts can rely on a stable shape.</summary>
public static class JsonWriterExtensions
{
    public static void WriteOrNull(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    public static void WriteOrNull(this Utf8JsonWriter json, string name, int? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value.Value);
        }
    }
}
