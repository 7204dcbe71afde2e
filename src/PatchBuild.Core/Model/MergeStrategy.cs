namespace PatchBuild.Core.Model;

/// <summary>How an overlap between two sides of a three-way merge is settled.</summary>
public enum MergeStrategy
{
    /// <summary>Keep the lines as the file has them now.</summary>
    Ours,
    /// <summary>Take the lines the patch (or the rollback) brings.</summary>
    Theirs,
    /// <summary>Keep both: ours first, then theirs.</summary>
    Union,
    /// <summary>Write both with standard conflict markers for a person to settle.</summary>
    Manual,
}

public static class MergeStrategies
{
    /// <summary>Reads "ours", "theirs", "union" or "manual" (any case); null for anything else.</summary>
    public static MergeStrategy? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "ours" => MergeStrategy.Ours,
        "theirs" => MergeStrategy.Theirs,
        "union" => MergeStrategy.Union,
        "manual" => MergeStrategy.Manual,
        _ => null,
    };

    public static string Name(this MergeStrategy strategy) => strategy.ToString().ToLowerInvariant();
}
