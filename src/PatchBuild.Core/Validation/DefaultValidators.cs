using PatchBuild.Core.Safety;

namespace PatchBuild.Core.Validation;

/// <summary>The validators every apply runs unless the caller passes its own list.</summary>
public static class DefaultValidators
{
    // Safety first (cheap, and never skipped), then syntax; the in-memory compilation last, because it is the
    // slowest and only runs when nothing before it failed.
    public static List<IPlanValidator> Create() => [new SafetyValidator(), new SyntaxValidator(), new CompileValidator()];
}
