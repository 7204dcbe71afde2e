using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Validation;

/// <summary>
/// A check that runs on the whole plan after it resolved and before anything is written
/// (syntax, compilation, safety rules, size limits). Errors stop the commit; warnings are reported.
/// </summary>
public interface IPlanValidator
{
    void Validate(PlanValidationContext context);
}

public sealed class PlanValidationContext(IReadOnlyList<PlannedChange> changes, IReadOnlyList<PatchSet> patches, ApplyOptions options, string root)
{
    public IReadOnlyList<PlannedChange> Changes { get; } = changes;
    public IReadOnlyList<PatchSet> Patches { get; } = patches;
    public ApplyOptions Options { get; } = options;
    public string Root { get; } = root;
    public List<PatchError> Errors { get; } = [];
    public List<PatchWarning> Warnings { get; } = [];
}
