namespace PatchBuild.Core.Model;

public enum PatchFormat
{
    Ap,
    PatchJson,
    UnifiedDiff,
    Codex,
    Aider,
}
