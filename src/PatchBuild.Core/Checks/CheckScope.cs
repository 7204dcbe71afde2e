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
}
