namespace PatchBuild.Core.Review;

/// <summary>
/// One question of an interactive apply: a whole file change (<see cref="Modification"/> null: create, delete,
/// rename, recreate) or one modification of a file change (an ap edit, a diff hunk, a JSON Patch operation).
/// Indexes point into the run's patches, their files and the file's modifications, all 0-based.
/// </summary>
public sealed record ReviewStep(int Patch, int File, int? Modification)
{
    public bool SameFileChange(ReviewStep other) => Patch == other.Patch && File == other.File;
}

/// <summary>What the person said about a step.</summary>
public enum ReviewDecision
{
    Undecided,
    Accepted,
    Rejected,
}
