using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PatchBuild.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PatchBuild.Core.Formats.JsonPatch.Yaml;

/// <summary>
/// Converts between JSON values and YAML nodes under the YAML 1.2 core schema: a plain scalar "1" is a number,
/// "true" a boolean, "~" or "null" null; a quoted scalar is always a string. Strings that would read back as
/// something else are written double-quoted.
/// </summary>
internal static class YamlValues
{
    // Aliases make a small file describe a huge tree ("billion laughs"); walking it is capped.
    private const int MaxNodes = 1_000_000;

    private const string StringTag = "tag:yaml.org,2002:str";

    private static readonly JsonSerializerOptions DeepValues = new() { MaxDepth = YamlLayout.MaxDepth * 4, TypeInfoResolver = JsonValueContext.Default };

    public static YamlNode FromJson(JsonElement value, bool flow)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var mapping = new YamlMappingNode { Style = flow ? MappingStyle.Flow : MappingStyle.Any };
                foreach (var property in value.EnumerateObject())
                {
                    mapping.Add(StringScalar(property.Name), FromJson(property.Value, flow));
                }

                return mapping;
            }

            case JsonValueKind.Array:
            {
                var sequence = new YamlSequenceNode { Style = flow ? SequenceStyle.Flow : SequenceStyle.Any };
                foreach (var item in value.EnumerateArray())
                {
                    sequence.Add(FromJson(item, flow));
                }

                return sequence;
            }

            case JsonValueKind.String:
                return StringScalar(value.GetString()!);

            case JsonValueKind.Null:
                return new YamlScalarNode("null") { Style = ScalarStyle.Plain };

            default:
                return new YamlScalarNode(value.GetRawText()) { Style = ScalarStyle.Plain };
        }
    }

    /// <summary>The node as a JSON value, for "test".</summary>
    /// <exception cref="JsonPatchFailure">The node expands (through aliases) beyond what is reasonable to compare.</exception>
    public static JsonElement ToJson(YamlNode node)
    {
        int budget = MaxNodes;
        var json = ToJsonNode(node, ref budget);
        return JsonSerializer.SerializeToElement(json, DeepValues.GetTypeInfo(typeof(JsonNode)));
    }

    public static YamlNode DeepClone(YamlNode node)
    {
        int budget = MaxNodes;
        return Clone(node, ref budget);
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a sequence",
        YamlScalarNode scalar => Resolve(scalar) switch
        {
            null => "null",
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => "a number",
            _ => "a string",
        },
        _ => "an alias",
    };

    private static JsonNode? ToJsonNode(YamlNode node, ref int budget)
    {
        if (--budget < 0)
        {
            throw new JsonPatchFailure(ErrorCodes.Unsupported, "The YAML value is too large to compare (aliases expand it beyond a million nodes).",
                "Test a smaller part of the document.");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
            {
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[key is YamlScalarNode s ? s.Value ?? "" : key.ToString()] = ToJsonNode(value, ref budget);
                }

                return obj;
            }

            case YamlSequenceNode sequence:
            {
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJsonNode(item, ref budget));
                }

                return array;
            }

            case YamlScalarNode scalar:
                return Resolve(scalar);

            default:
                return null;
        }
    }

    private static YamlNode Clone(YamlNode node, ref int budget)
    {
        if (--budget < 0)
        {
            throw new JsonPatchFailure(ErrorCodes.Unsupported, "The YAML value is too large to copy (aliases expand it beyond a million nodes).",
                "Copy a smaller part of the document.");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
            {
                var copy = new YamlMappingNode { Style = mapping.Style, Tag = mapping.Tag };
                foreach (var (key, value) in mapping.Children)
                {
                    copy.Add(Clone(key, ref budget), Clone(value, ref budget));
                }

                return copy;
            }

            case YamlSequenceNode sequence:
            {
                var copy = new YamlSequenceNode { Style = sequence.Style, Tag = sequence.Tag };
                foreach (var item in sequence.Children)
                {
                    copy.Add(Clone(item, ref budget));
                }

                return copy;
            }

            case YamlScalarNode scalar:
                return new YamlScalarNode(scalar.Value) { Style = scalar.Style, Tag = scalar.Tag };

            default:
                return node;
        }
    }

    private static JsonNode? Resolve(YamlScalarNode scalar)
    {
        string value = scalar.Value ?? "";
        bool plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
        if (!plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == StringTag))
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (Number.IsMatch(value) && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number))
        {
            return JsonValue.Create(number);
        }

        if (Number.IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        if (value.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(value[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex))
        {
            return JsonValue.Create(hex);
        }

        return JsonValue.Create(value);
    }

    /// <summary>A scalar that reads back as this string (quoted when plain text would read as a number, boolean or null).</summary>
    public static YamlScalarNode StringScalar(string value) =>
        new(value) { Style = ReadsAsString(value) ? ScalarStyle.Any : ScalarStyle.DoubleQuoted };

    // Plain text that YAML 1.1 or 1.2 readers would take for a null, boolean or number, or that plain style cannot carry.
    private static bool ReadsAsString(string value)
    {
        if (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return false;
        }

        string lower = value.ToLowerInvariant();
        if (lower is "~" or "null" or "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or ".inf" or "-.inf" or "+.inf" or ".nan")
        {
            return false;
        }

        return !Number.IsMatch(value) && !OtherNumber.IsMatch(value);
    }

    private static readonly Regex Number = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.NonBacktracking);

    // YAML 1.1 also reads hex, octal, binary, underscores and sexagesimal as numbers.
    private static readonly Regex OtherNumber = new(@"^(0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|[-+]?[0-9][0-9_:]*(\.[0-9_]*)?)$", RegexOptions.NonBacktracking);
}
