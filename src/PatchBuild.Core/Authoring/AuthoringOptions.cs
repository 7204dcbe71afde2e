namespace PatchBuild.Core.Authoring;

/// <summary>Choices for a written patch; the defaults suit people and scripts.</summary>
public sealed record AuthoringOptions
{
    /// <summary>The 8-hex-digit patch ID; random when null (it must start no line of the patch's values).</summary>
    public string? PatchId { get; init; }

    /// <summary>Comment lines written before the header (spec 4.1); a default names the tool.</summary>
    public string? Summary { get; init; }

    /// <summary>Seeds the random patch ID, for reproducible output in tests.</summary>
    public int? Seed { get; init; }
}
