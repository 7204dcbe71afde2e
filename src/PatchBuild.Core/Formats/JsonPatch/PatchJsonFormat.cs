using System.Text.Json;
using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// patch.json: {"patches":[{"file_path": "...", "diff": "&lt;unified diff&gt;", "operations": [RFC 6902]}]}, with an
/// optional top-level "summary" (or "instruction"). See docs/formats/patch-json.md.
/// </summary>
public sealed class PatchJsonFormat : IPatchFormat
{
    public PatchFormat Format => PatchFormat.PatchJson;

    public bool Claims(string? fileName, string text)
    {
        if (fileName is not null)
        {
            if (fileName.Equals("patch.json", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".patch.json", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return HasPatchesArray(text);
    }

    public PatchSet Parse(string text, string? sourcePath, ParseOptions options) => PatchJsonParser.Parse(text, sourcePath, options);

    public IReadOnlyList<IModificationApplier> Appliers { get; } = [new JsonPatchApplier(), .. PatchJsonDiffBridge.Appliers];

    private static bool HasPatchesArray(string text)
    {
        if (!text.Contains("\"patches\"", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text, PatchJsonParser.DocumentOptions(strict: false));
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("patches", out var patches) &&
                   patches.ValueKind == JsonValueKind.Array;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: text decoded from bytes that are not UTF-8 holds lone surrogates JSON cannot carry.
            return false;
        }
        catch (ArgumentException)
        {
            // Bytes that are not UTF-8 arrive as escapes no JSON reader takes: not a patch.json by content (a file
            // named patch.json is still claimed by its name, and its parser says what is wrong with it).
            return false;
        }
    }
}
