using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Templates.Operations;

/// <summary>
/// "json-set": sets a configuration key (Logging:LogLevel:Default, the path syntax of .NET configuration) in a JSON
/// file such as appsettings.json, through a patch.json whose RFC 6902 operations the engine applies keeping the
/// file's layout and comments. An existing key is replaced; missing sections are added as nested objects. Segments
/// match existing properties case-insensitively, as configuration does. The value is JSON when it parses as JSON
/// (42, true, {"a":1}, "quoted"), else a string; values always travel as JSON data, never as patch structure.
/// </summary>
public sealed class JsonSetOperation : ITemplateOperation
{
    public string Name => "json-set";

    public bool NeedsTarget(TemplateDefinition template) => true;

    public void CheckDefinition(TemplateDefinition template)
    {
        TemplateOperations.Require(template, "key", VariableKind.ConfigPath);
        TemplateOperations.Require(template, "value", VariableKind.JsonValue);
    }

    public TemplateOutput Run(TemplateRun run)
    {
        string[] segments = run.Value("key").Split(':');
        JsonNode value = Value(run.Value("value"));
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(run.Text.Length == 0 ? "{}" : run.Text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue, $"'{run.TargetPath}' is not JSON: {ex.Message}", "Fix the file first.");
        }

        var pointer = new StringBuilder();
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            if (node is JsonObject obj)
            {
                var existing = obj.FirstOrDefault(p => string.Equals(p.Key, segment, StringComparison.OrdinalIgnoreCase));
                string name = existing.Key ?? segment;
                pointer.Append('/').Append(Escape(name));
                if (existing.Key is null)
                {
                    // The rest of the path does not exist yet: one "add" creates it, nested.
                    JsonNode added = value;
                    for (int j = segments.Length - 1; j > i; j--)
                    {
                        added = new JsonObject { [segments[j]] = added };
                    }

                    return Patch(run.TargetPath!, "add", pointer.ToString(), added);
                }

                node = existing.Value;
            }
            else if (node is JsonArray array && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int item) && item < array.Count)
            {
                pointer.Append('/').Append(item);
                node = array[item];
            }
            else
            {
                string at = string.Join(':', segments.Take(i));
                throw AuthoringFailure.Of(AuthoringErrorCodes.InvalidValue,
                    $"'{at}' in '{run.TargetPath}' holds {Describe(node)}, not a section, so '{run.Value("key")}' cannot be set.",
                    "Set a key whose parents are objects (or arrays, with an existing index).");
            }
        }

        if (JsonNode.DeepEquals(node, value))
        {
            throw AuthoringFailure.Of(AuthoringErrorCodes.AlreadyPresent, $"'{run.Value("key")}' already has this value.", "Nothing to change.");
        }

        return Patch(run.TargetPath!, "replace", pointer.ToString(), value);
    }

    private static JsonNode Value(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is { } parsed)
            {
                return parsed;
            }
        }
        catch (JsonException)
        {
        }

        return JsonValue.Create(text);
    }

    private static TemplateOutput Patch(string file, string op, string pointer, JsonNode value)
    {
        var patch = new JsonObject
        {
            ["patches"] = new JsonArray(new JsonObject
            {
                ["file_path"] = file,
                ["operations"] = new JsonArray(new JsonObject { ["op"] = op, ["path"] = pointer, ["value"] = value.DeepClone() }),
            }),
        };
        string text = patch.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        return new TemplateOutput(null, text, PatchFormat.PatchJson);
    }

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonValue v => $"a {v.GetValueKind().ToString().ToLowerInvariant()}",
        _ => "a value",
    };
}
