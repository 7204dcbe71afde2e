using PatchBuild.Core.Model;
using PatchBuild.Core.Planning;

namespace PatchBuild.Core.Formats.Ap;

/// <summary>Applies the ap format's locator edits (REPLACE, INSERT_AFTER, INSERT_BEFORE, DELETE) to a file's planned text.</summary>
public sealed class ApModificationApplier : IModificationApplier
{
    public bool CanApply(Modification modification) => modification is LocatorModification;

    public ModificationOutcome Apply(Modification modification, FileEditContext context)
    {
        var locator = (LocatorModification)modification;
        var state = context.GetState<ApApplierState>();
        state.Attach(context, locator);
        return new ApApplierRun(locator, state, context).Apply();
    }
}
