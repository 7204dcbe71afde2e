namespace PatchBuild.Core.Safety;

/// <summary>
/// One safety rule: a stable id users configure and script against, a short title for messages, the fix, and
/// whether configuration may loosen it at all.
/// </summary>
public sealed record SafetyRule(string Id, string Title, RuleSeverity DefaultSeverity, string Hint)
{
    /// <summary>False for the path rules: no configuration turns them off or allows a path.</summary>
    public bool Configurable { get; init; } = true;
}
