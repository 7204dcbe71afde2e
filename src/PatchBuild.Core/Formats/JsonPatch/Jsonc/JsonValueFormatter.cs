using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PatchBuild.Core.Formats.JsonPatch.Jsonc;

/// <summary>
/// Writes a value from a patch in the target document's style. Scalars keep the patch's own spelling (a number
/// stays "1.50", an escape stays an escape); objects and arrays are laid out one element per line at the given
/// indentation, or on one line when the document is minified.
/// </summary>
internal static class JsonValueFormatter
{
    private static readonly JsonSerializerOptions NameOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonValueContext.Default,
    };

    public static string Format(JsonElement value, string indent, JsoncLayout layout)
    {
        var sb = new StringBuilder();
        Write(sb, value, indent, layout);
        return sb.ToString();
    }

    public static string QuoteName(string name) => JsonSerializer.Serialize(name, (JsonTypeInfo<string>)NameOptions.GetTypeInfo(typeof(string)));

    private static void Write(StringBuilder sb, JsonElement value, string indent, JsoncLayout layout)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (!value.EnumerateObject().Any())
                {
                    sb.Append("{}");
                    return;
                }

                sb.Append('{');
                WriteItems(sb, value.EnumerateObject().Select(p => (QuoteName(p.Name) + layout.Colon, p.Value)), indent, layout);
                sb.Append('}');
                return;

            case JsonValueKind.Array:
                if (value.GetArrayLength() == 0)
                {
                    sb.Append("[]");
                    return;
                }

                sb.Append('[');
                WriteItems(sb, value.EnumerateArray().Select(e => ("", e)), indent, layout);
                sb.Append(']');
                return;

            default:
                sb.Append(value.GetRawText());
                return;
        }
    }

    private static void WriteItems(StringBuilder sb, IEnumerable<(string Prefix, JsonElement Value)> items, string indent, JsoncLayout layout)
    {
        string inner = indent + layout.IndentUnit;
        bool first = true;
        foreach (var (prefix, item) in items)
        {
            if (!first)
            {
                sb.Append(',');
            }

            if (!layout.Compact)
            {
                sb.Append(layout.Newline).Append(inner);
            }

            sb.Append(prefix);
            Write(sb, item, inner, layout);
            first = false;
        }

        if (!layout.Compact)
        {
            sb.Append(layout.Newline).Append(indent);
        }
    }
}
