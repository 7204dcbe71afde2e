namespace PatchBuild.Core.Model;

public enum PatchFormat
{
    Ap,
    PatchJson,
    UnifiedDiff,
    Aider,
}
