using System.Text.Json;

namespace PatchBuild.Core.Checks;

/// <summary>The part of patchbuild.json the checks read: { "hook": { "requireApplied": true } }.</summary>
public sealed record CheckSettings(bool RequireApplied)
{
    public const string FileName = "patchbuild.json";

    public static CheckSettings Default { get; } = new(false);

    /// <summary>Reads the settings; invalid JSON comes back as a finding, with the defaults.</summary>
    public static (CheckSettings Settings, CheckFinding? Error) TryParse(byte[] content)
    {
        try
        {
            return (Parse(content), null);
        }
        catch (JsonException ex)
        {
            return (Default, new CheckFinding(CheckRules.CheckError, $"patchbuild.json is not valid JSON: {ex.Message}")
            {
                File = FileName,
                Line = ex.LineNumber is { } line ? (int)line + 1 : null,
                Hint = "Fix the JSON syntax of patchbuild.json.",
            });
        }
    }

    /// <summary>Reads the settings; invalid JSON throws <see cref="JsonException"/> for the caller to report.</summary>
    public static CheckSettings Parse(byte[] content)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        var json = content.AsMemory();
        if (json.Span.StartsWith(Utf8Bom))
        {
            json = json[Utf8Bom.Length..];
        }

        using var document = JsonDocument.Parse(json, options);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && TryGet(document.RootElement, "hook", out var hook) && hook.ValueKind == JsonValueKind.Object
            && TryGet(hook, "requireApplied", out var require))
        {
            return new CheckSettings(require.ValueKind == JsonValueKind.True);
        }

        return Default;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
