using PatchBuild.Core.Model;
using PatchBuild.Core.State;

namespace PatchBuild.Core.History;

public enum HistoryStatus
{
    /// <summary>Committed and still in effect.</summary>
    Applied,
    /// <summary>Committed, then undone by a rollback.</summary>
    RolledBack,
    /// <summary>A write failed; the files were put back at once.</summary>
    Failed,
    /// <summary>The process died mid-commit; recovery put the files back.</summary>
    Recovered,
    /// <summary>Begun and not finished: in progress now, or waiting for recovery.</summary>
    Unfinished,
}

/// <summary>One file of a history entry.</summary>
public sealed record HistoryFile(string Path, JournalAction Action, string? BeforeHash, string? AfterHash);

/// <summary>One commit in the journal, with everything its records say about it.</summary>
public sealed record HistoryEntry(string Id, string Kind, HistoryStatus Status, DateTimeOffset Started)
{
    public DateTimeOffset? Finished { get; init; }
    public string? Summary { get; init; }
    public string? ToolVersion { get; init; }
    public string? Root { get; init; }
    public IReadOnlyList<JournalPatch> Patches { get; init; } = [];
    public IReadOnlyList<HistoryFile> Files { get; init; } = [];

    /// <summary>Full path of the backup pack.</summary>
    public string? BackupPath { get; init; }

    /// <summary>False once the backups were pruned (or never kept): the entry can no longer be rolled back.</summary>
    public bool BackupsAvailable { get; init; }

    /// <summary>For a rollback: the entries it undid.</summary>
    public IReadOnlyList<string> RollsBack { get; init; } = [];

    /// <summary>For a rolled-back entry: the rollback that undid it.</summary>
    public string? RolledBackBy { get; init; }

    public string? Reason { get; init; }

    /// <summary>
    /// Whether this machine and user wrote the entry. Others' entries (from a clone, a copy, another account) are
    /// shown but never rolled back or recovered.
    /// </summary>
    public bool WrittenHere { get; init; }

    internal JournalRecord? BeginRecord { get; init; }
}
