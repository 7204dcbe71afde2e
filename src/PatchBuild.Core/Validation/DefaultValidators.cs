namespace PatchBuild.Core.Validation;

/// <summary>The validators every apply runs unless the caller passes its own list.</summary>
public static class DefaultValidators
{
    public static List<IPlanValidator> Create() => [];
}
