namespace PatchBuild.Core.Model;

/// <summary>
/// An edit that quotes the lines it replaces (an Aider SEARCH/REPLACE block): the first place that holds the SEARCH
/// lines gets the REPLACE lines instead. An empty SEARCH appends the REPLACE lines to the file (or starts a new one).
/// Lines are kept without their terminators; the file's own line endings are written back.
/// </summary>
public sealed record SearchReplaceModification(IReadOnlyList<string> Search, IReadOnlyList<string> Replace) : Modification
{
    /// <summary>1-based line in the patch of the first SEARCH line (the line after the SEARCH marker).</summary>
    public int SearchLine { get; init; }

    /// <summary>1-based line in the patch of the first REPLACE line (the line after the divider).</summary>
    public int ReplaceLine { get; init; }

    public bool AppendsToFile => Search.All(string.IsNullOrWhiteSpace);
}
