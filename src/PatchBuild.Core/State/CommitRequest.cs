using PatchBuild.Core.Model;
using PatchBuild.Core.Transactions;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.State;

/// <summary>What one commit writes and how the journal names it. Without a session nothing is journaled.</summary>
public sealed record CommitRequest(PathGuard Guard, IReadOnlyList<PlannedChange> Changes, HistorySession? Session)
{
    /// <summary><see cref="JournalRecord.KindApply"/> or <see cref="JournalRecord.KindRollback"/>.</summary>
    public string Kind { get; init; } = JournalRecord.KindApply;

    /// <summary>The folder the patches were applied under; default: the guard's root.</summary>
    public string? ApplyRoot { get; init; }

    public IReadOnlyList<PatchSet> Patches { get; init; } = [];

    /// <summary>Keep the backups once committed; null: history.backups from patchbuild.json.</summary>
    public bool? KeepBackups { get; init; }

    /// <summary>For a rollback: the entries it undoes, newest first. Each is marked "rolledback" once the commit is done.</summary>
    public IReadOnlyList<string> RollsBack { get; init; } = [];

    public string? Summary { get; init; }
}
