using PatchBuild.Core.Model;

namespace PatchBuild.Core.Configuration;

/// <summary>The "history" section of patchbuild.json: {"history": {"backupDir", "maxAgeDays", "backups", "mergeStrategy"}}.</summary>
public sealed record HistorySettings
{
    public const string Section = "history";

    public static HistorySettings Default { get; } = new();

    /// <summary>Where backup packs go; relative paths are relative to the workspace root.</summary>
    public string? BackupDir { get; init; }

    public double MaxAgeDays { get; init; } = 30;

    /// <summary>Keep backups after a commit (needed for rollback). They are written during a commit regardless.</summary>
    public bool Backups { get; init; } = true;

    public MergeStrategy? MergeStrategy { get; init; }
}
