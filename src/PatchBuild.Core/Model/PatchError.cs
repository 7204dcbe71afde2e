namespace PatchBuild.Core.Model;

/// <summary>
/// An error as a value: a stable code, a sentence for a person, where it happened, and how to fix it.
/// </summary>
public sealed record PatchError(string Code, string Message)
{
    /// <summary>The target file (relative to the root) the error is about, when there is one.</summary>
    public string? File { get; init; }

    /// <summary>1-based number of the modification inside its patch.</summary>
    public int? Modification { get; init; }

    /// <summary>1-based line in the patch file where the failing directive or hunk starts.</summary>
    public int? Line { get; init; }

    /// <summary>The patch file the error comes from.</summary>
    public string? PatchFile { get; init; }

    public string? Hint { get; init; }

    /// <summary>
    /// The safety rule (PB1001, PB1002, ...) that refused the change, when a rule did. Code decides on this, never on
    /// <see cref="Context"/>, which only carries facts to show.
    /// </summary>
    public string? Rule { get; init; }

    /// <summary>Extra facts for tools and people: near matches, candidates, rule ids.</summary>
    public IReadOnlyDictionary<string, object?> Context { get; init; } = new Dictionary<string, object?>();
}
