using System.Text.Json;
using PatchBuild.Core.History.Merge;

namespace PatchBuild.Core.History;

/// <summary>
/// The "history" section of patchbuild.json: {"history": {"backupDir", "maxAgeDays", "maxBytes", "backups", "mergeStrategy"}}.
/// Read here on its own so history works whatever else the file holds; other sections are not looked at.
/// </summary>
public sealed record HistorySettings
{
    public const string ConfigFileName = "patchbuild.json";

    public static HistorySettings Default { get; } = new();

    /// <summary>Where backup packs go; relative paths are relative to the workspace root.</summary>
    public string? BackupDir { get; init; }

    public double MaxAgeDays { get; init; } = 30;

    /// <summary>
    /// The most the backup folder may hold (packs and blobs) after an apply prunes: 256 MiB, room for many commits of
    /// ordinary source files while a few on very large files cannot fill the disk.
    /// </summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    /// <summary>Keep backups after a commit (needed for rollback). They are written during a commit regardless.</summary>
    public bool Backups { get; init; } = true;

    public MergeStrategy? MergeStrategy { get; init; }

    public static HistorySettings Load(string workspaceRoot)
    {
        string file = Path.Combine(workspaceRoot, ConfigFileName);
        if (!File.Exists(file))
        {
            return Default;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("history", out var history)
                ? FromSection(history)
                : Default;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // The configuration loader reports a broken file; history keeps working with its defaults.
            return Default;
        }
    }

    private static HistorySettings FromSection(JsonElement section)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            return Default;
        }

        var settings = Default;
        foreach (var property in section.EnumerateObject())
        {
            var value = property.Value;
            settings = property.Name.ToLowerInvariant() switch
            {
                "backupdir" when value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } dir => settings with { BackupDir = dir },
                "maxagedays" when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double days) && days >= 0 => settings with { MaxAgeDays = days },
                "maxbytes" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long bytes) && bytes >= 0 => settings with { MaxBytes = bytes },
                "backups" when value.ValueKind is JsonValueKind.True or JsonValueKind.False => settings with { Backups = value.GetBoolean() },
                "mergestrategy" when value.ValueKind == JsonValueKind.String && MergeStrategies.Parse(value.GetString()) is { } strategy => settings with { MergeStrategy = strategy },
                _ => settings,
            };
        }

        return settings;
    }
}
