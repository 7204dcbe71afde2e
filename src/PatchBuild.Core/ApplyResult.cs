using PatchBuild.Core.History.Merge;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core;

public enum ApplyStatus
{
    Success,
    Partial,
    Failed,
}

/// <summary>What happened to one file of one patch.</summary>
public sealed record FileResult(string Path, FileAction Action, FileStatus Status)
{
    public string? PatchFile { get; init; }

    /// <summary>Where a renamed file or folder went (action "rename").</summary>
    public string? NewPath { get; init; }

    public int Applied { get; init; }
    public int Skipped { get; init; }
    public int Failed { get; init; }
    public string? Reason { get; init; }
    public PatchError? Error { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>The outcome of apply or dry-run: the same shape for the CLI's --json, the MSBuild task and the API.</summary>
public sealed record ApplyResult(ApplyStatus Status)
{
    public bool Success => Status == ApplyStatus.Success;
    public bool DryRun { get; init; }
    public string? Root { get; init; }
    public IReadOnlyList<FileResult> Files { get; init; } = [];
    public IReadOnlyList<PatchWarning> Warnings { get; init; } = [];

    /// <summary>The first error (what stopped the run); in partial mode, the first of the skipped failures.</summary>
    public PatchError? Error => Errors.Count > 0 ? Errors[0] : null;

    public IReadOnlyList<PatchError> Errors { get; init; } = [];

    /// <summary>Planned (dry run) or written changes, with content before and after.</summary>
    public IReadOnlyList<PlannedChange> Changes { get; init; } = [];

    /// <summary>Unified diff of every change, in path order.</summary>
    public string Diff { get; init; } = "";

    /// <summary>Files written beside the patch to help fix a partial run (afailed.ap, afailed.md).</summary>
    public IReadOnlyList<string> FailureReports { get; init; } = [];

    /// <summary>Where applied patch files were archived (with <see cref="ApplyOptions.Archive"/>).</summary>
    public IReadOnlyList<string> ArchivedPatches { get; init; } = [];

    /// <summary>The journal entry of this commit (for rollback --id); null when nothing was written.</summary>
    public string? HistoryId { get; init; }

    /// <summary>Overlaps met while merging changes made against older content, settled or not (then the run failed).</summary>
    public IReadOnlyList<MergeConflict> Conflicts { get; init; } = [];

    /// <summary>
    /// The secrets validation found in the planned content, for masking what else shows that content (the interactive
    /// preview). Never written to a report.
    /// </summary>
    internal IReadOnlyList<string> Secrets { get; init; } = [];
}
