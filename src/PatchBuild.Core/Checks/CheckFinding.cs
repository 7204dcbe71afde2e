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

    /// <summary>The safety rule that refused the patch (PB1004, ...), when the finding comes from one.</summary>
    public string? SafetyRuleId { get; init; }

    /// <summary>The rule reports name: the precise safety rule when there is one, else the check rule.</summary>
    public CheckRule ReportedRule => SafetyRuleId is { } id ? CheckRule.ForSafetyRule(id) : Rule;
}
