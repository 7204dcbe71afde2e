namespace PatchBuild.Core.Workspace;

/// <summary>A path proven to lie inside the workspace root: relative form (with '/') and full form.</summary>
public sealed record WorkspacePath(string Relative, string Full)
{
    public override string ToString() => Relative;
}
