namespace PatchBuild.Core.Checks;

public enum FindingSeverity
{
    Error,
    Warning,
}

/// <summary>One problem found: which rule, where (path relative to the repository, '/'-separated), what, and how to fix it.</summary>
public sealed record CheckFinding(CheckRule Rule, string Message)
{
    public FindingSeverity Severity { get; init; } = FindingSeverity.Error;

    /// <summary>Path relative to the top of the repository (or the checked folder outside git), with '/'.</summary>
    public string? File { get; init; }

    /// <summary>1-based line in <see cref="File"/>, when known.</summary>
    public int? Line { get; init; }

    public string? Hint { get; init; }

    /// <summary>The engine's error code behind this finding (SNIPPET_NOT_FOUND, UNSAFE_PATCH, ...), when there is one.</summary>
    public string? ErrorCode { get; init; }
}
