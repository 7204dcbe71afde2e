namespace PatchBuild.Core.Validation;

/// <summary>The validators every apply runs unless the caller passes its own list.</summary>
public static class DefaultValidators
{
    // Safety (never skipped) and syntax read the plan only, so they run side by side, reported in that order; the
    // in-memory compilation last, because it is the slowest and only runs when nothing before it failed.
    public static List<IPlanValidator> Create() =>
        [new ConcurrentValidators(new SafetyValidator(), new SyntaxValidator()), new CompileValidator()];
}
