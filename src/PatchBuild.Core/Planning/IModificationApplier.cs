using PatchBuild.Core.Model;

namespace PatchBuild.Core.Planning;

/// <summary>
/// Applies one kind of <see cref="Modification"/> to a file's planned text. Each format registers one; the planner
/// picks it by <see cref="CanApply"/>. Failures are thrown as <see cref="PatchException"/>.
/// </summary>
public interface IModificationApplier
{
    bool CanApply(Modification modification);

    ModificationOutcome Apply(Modification modification, FileEditContext context);
}

public enum ModificationStatus
{
    Applied,
    /// <summary>Already applied: the file already holds what the modification would write.</summary>
    Skipped,
    Failed,
}

public sealed record ModificationOutcome(ModificationStatus Status)
{
    public string? Reason { get; init; }

    /// <summary>Notes such as "hunk 2 applied at offset +3" or "needed fuzz 1".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static ModificationOutcome Applied() => new(ModificationStatus.Applied);

    public static ModificationOutcome AlreadyApplied(string? reason = null) =>
        new(ModificationStatus.Skipped) { Reason = reason ?? "already applied" };
}
