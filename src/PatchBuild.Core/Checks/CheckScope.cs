namespace PatchBuild.Core.Checks;

/// <summary>Which version of the repository the checks judge.</summary>
public enum CheckScope
{
    /// <summary>The commit being made: only what the index changes against HEAD (the pre-commit hook).</summary>
    StagedChanges,

    /// <summary>Every file in the index as staged (`patchbuild check --staged`).</summary>
    Index,

    /// <summary>Every tracked and not-ignored untracked file as it is on disk (`patchbuild check`).</summary>
    WorkingTree,
}

/// <summary>What to check.</summary>
public sealed record CheckRequest(string Root, CheckScope Scope)
{
    /// <summary>Treat any pending patch as an error; null reads hook.requireApplied from patchbuild.json.</summary>
    public bool? RequireApplied { get; init; }

    /// <summary>
    /// Also run syntax and compile validation on each patch's result. The hook turns it off to stay within its time
    /// budget (Roslyn's start costs more than the rest of the check); the safety rules and the apply itself always run.
    /// </summary>
    public bool ValidateResult { get; init; } = true;
}
