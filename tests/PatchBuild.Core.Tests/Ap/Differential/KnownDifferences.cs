namespace PatchBuild.Core.Tests.Ap.Differential;

/// <summary>
/// Cases where we deliberately differ from the reference patcher, each listed with its reason in
/// docs/formats/ap.md ("Differences from the reference patcher"): case name → our outcome.
/// </summary>
public static class KnownDifferences
{
    public static readonly IReadOnlyDictionary<string, string> Expected = new Dictionary<string, string>
    {
    };
}
