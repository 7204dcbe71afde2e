namespace PatchBuild.Core.Safety;

/// <summary>One place where added content (or a path) breaks a rule.</summary>
public sealed record SafetyFinding(SafetyRule Rule, string File, string Match)
{
    /// <summary>1-based line in the planned target file, when the finding is about content.</summary>
    public int? Line { get; init; }

    /// <summary>The whole added line the match sits in; allow-list patterns are tested against it.</summary>
    public string LineText { get; init; } = "";

    /// <summary>For PB1006: the secret as it stands in the content, so every report can mask it; never printed itself.</summary>
    public string? Secret { get; init; }

    /// <summary>Extra words for the message, e.g. which limit was exceeded.</summary>
    public string? Detail { get; init; }
}
