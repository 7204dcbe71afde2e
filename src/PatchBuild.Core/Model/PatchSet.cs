namespace PatchBuild.Core.Model;

/// <summary>
/// One parsed patch file in the common model. Parsing never touches the disk, so a PatchSet
/// only describes intent; the workspace resolves it.
/// </summary>
public sealed record PatchSet(PatchFormat Format, IReadOnlyList<FileChange> Files)
{
    /// <summary>Path of the patch file, when it came from one.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The patch file's text as read, kept for reports, archives and hashes.</summary>
    public string Text { get; init; } = "";

    /// <summary>A one-line description (an ap patch's "# Summary:" comment, a patch.json instruction).</summary>
    public string? Summary { get; init; }

    /// <summary>Deviations the lenient parser forgave.</summary>
    public IReadOnlyList<PatchWarning> Warnings { get; init; } = [];

    /// <summary>
    /// SHA-256 (lowercase hex) of a file's bytes as the patch's author saw them, by the path the patch names (an ap
    /// patch's "# base" comments). Only a hint: apply warns when the file differs and matches locators as usual.
    /// </summary>
    public IReadOnlyDictionary<string, string> RecordedBases { get; init; } = new Dictionary<string, string>();
}
