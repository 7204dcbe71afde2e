namespace PatchBuild.Core.Model;

public enum PatchFormat
{
    Ap,
    PatchJson,
    UnifiedDiff,

    /// <summary>OpenAI Codex apply_patch ("*** Begin Patch" … "*** End Patch").</summary>
    Codex,

    /// <summary>Aider SEARCH/REPLACE edit blocks.</summary>
    Aider,
}
