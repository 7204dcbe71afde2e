namespace PatchBuild.Core;

/// <summary>How a set of patches is applied. The same options serve the CLI, the MSBuild task and the hook.</summary>
public sealed record ApplyOptions
{
    /// <summary>Folder that relative target paths resolve against; default: the first patch file's folder.</summary>
    public string? Root { get; init; }

    /// <summary>Plan and render the diff; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Refuse the deviations the lenient ap parser and matcher would forgive.</summary>
    public bool Strict { get; init; }

    /// <summary>Apply what resolves; skip and report what fails instead of failing everything.</summary>
    public bool Partial { get; init; }

    /// <summary>Unified diffs: how many context lines at a hunk's edges may be ignored.</summary>
    public int Fuzz { get; init; }

    /// <summary>Skip syntax and compile validation (never the path rules).</summary>
    public bool Force { get; init; }

    /// <summary>After a successful apply, move the patch files into .patchbuild/applied so they are no longer pending.</summary>
    public bool Archive { get; init; }
}
