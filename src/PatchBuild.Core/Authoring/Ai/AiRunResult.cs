using PatchBuild.Core.Model;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>One answer of the model and what became of it (no errors: it validated).</summary>
public sealed record AiAttempt(int Number, string Answer)
{
    /// <summary>The dialect the answer was read as; null when no patch was found in it.</summary>
    public PatchFormat? Format { get; init; }

    public IReadOnlyList<PatchError> Errors { get; init; } = [];

    /// <summary>The failure report sent back to the model (the afailed.md text for planning failures).</summary>
    public string? Report { get; init; }
}

/// <summary>The outcome of `patchbuild ai`.</summary>
public sealed record AiRunResult(bool Success)
{
    public AiMode Mode { get; init; }

    public string? Root { get; init; }

    public string? Model { get; init; }

    public IReadOnlyList<AiAttempt> Attempts { get; init; } = [];

    /// <summary>What stopped the run; null on success.</summary>
    public PatchError? Error { get; init; }

    /// <summary>The validated patch, as the model wrote it.</summary>
    public string? PatchText { get; init; }

    public PatchFormat? PatchFormat { get; init; }

    /// <summary>Where the patch was written (not on a dry run).</summary>
    public string? PatchFile { get; init; }

    /// <summary>The engine's last result: the dry run's (with its diff) or the apply's (with its history id).</summary>
    public ApplyResult? Engine { get; init; }

    /// <summary>The transcript in .patchbuild/ai/ (null on a dry run, or when nothing was asked).</summary>
    public string? TranscriptFile { get; init; }
}
