using PatchBuild.Core.Model;

namespace PatchBuild.Core.Configuration;

/// <summary>The "history" section of patchbuild.json: {"history": {"backupDir", "maxAgeDays", "maxBytes", "backups", "mergeStrategy"}}.</summary>
public sealed record HistorySettings
{
    public const string Section = "history";

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
}
