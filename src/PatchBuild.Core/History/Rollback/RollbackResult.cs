using PatchBuild.Core.History.Merge;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.History.Rollback;

/// <summary>What a rolled-back file became.</summary>
public sealed record RollbackFile(string Path, string Action)
{
    /// <summary>True when the file had changed since the patch and was merged three ways.</summary>
    public bool Merged { get; init; }
}

/// <summary>An applied patch file that the build or --archive moved away: where it is now.</summary>
public sealed record ArchivedPatch(string PatchFile, string ArchivedAt);

public sealed record RollbackResult(bool Success)
{
    public bool DryRun { get; init; }

    /// <summary>The entries undone (or that would be), newest first.</summary>
    public IReadOnlyList<string> RolledBack { get; init; } = [];

    /// <summary>The journal entry of the rollback itself.</summary>
    public string? HistoryId { get; init; }

    public IReadOnlyList<RollbackFile> Files { get; init; } = [];
    public IReadOnlyList<MergeConflict> Conflicts { get; init; } = [];
    public IReadOnlyList<PatchError> Errors { get; init; } = [];
    public IReadOnlyList<PatchWarning> Warnings { get; init; } = [];
    public IReadOnlyList<PlannedChange> Changes { get; init; } = [];
    public string Diff { get; init; } = "";

    /// <summary>The patch files of the rolled-back entries that sit in the archive: undone, they are not pending again.</summary>
    public IReadOnlyList<ArchivedPatch> ArchivedPatches { get; init; } = [];

    public PatchError? Error => Errors.Count > 0 ? Errors[0] : null;
}
