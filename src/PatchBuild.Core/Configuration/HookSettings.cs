namespace PatchBuild.Core.Configuration;

/// <summary>The "hook" section of patchbuild.json, read by the pre-commit hook and `patchbuild check`.</summary>
public sealed record HookSettings
{
    public const string Section = "hook";

    public static HookSettings Default { get; } = new();

    /// <summary>Fail while any patch is pending (would still change something).</summary>
    public bool RequireApplied { get; init; }
}
