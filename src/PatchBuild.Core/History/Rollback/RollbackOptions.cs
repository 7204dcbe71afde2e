using PatchBuild.Core.History.Merge;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.History.Rollback;

/// <summary>What to roll back and how to settle overlaps with edits made since. With no selector: the last patch.</summary>
public sealed record RollbackOptions
{
    /// <summary>Any folder inside the workspace; default: the current folder.</summary>
    public string? Root { get; init; }

    /// <summary>Roll back this entry (an id or an unambiguous prefix of one).</summary>
    public string? Id { get; init; }

    /// <summary>Roll back the last patch that touched this file (absolute, or relative to the current folder).</summary>
    public string? File { get; init; }

    /// <summary>Roll back the last N patches, newest first.</summary>
    public int? Count { get; init; }

    /// <summary>How overlapping edits are settled; null: from patchbuild.json, else overlaps fail the rollback.</summary>
    public MergeStrategy? Strategy { get; init; }

    /// <summary>Per-conflict answers by <see cref="MergeConflict.Index"/>; they win over <see cref="Strategy"/>.</summary>
    public IReadOnlyDictionary<int, MergeStrategy>? Resolutions { get; init; }

    /// <summary>Plan and show the diff; write nothing.</summary>
    public bool DryRun { get; init; }

    public string? BackupDir { get; init; }

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
