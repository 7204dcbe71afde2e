namespace PatchBuild.Core.Checks;

/// <summary>The engine's verdict on one patch file, kept for the JSON report.</summary>
public sealed record PatchVerdict(string PatchFile, ApplyResult? Result, bool Pending);

/// <summary>Everything one check run found.</summary>
public sealed record CheckReport(CheckScope Scope, string Root, IReadOnlyList<CheckFinding> Findings)
{
    public IReadOnlyList<PatchVerdict> Patches { get; init; } = [];

    /// <summary>How many files were judged (names and contents).</summary>
    public int FilesChecked { get; init; }

    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}
