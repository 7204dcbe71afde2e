namespace PatchBuild.Core.Checks;

/// <summary>One thing the pre-commit hook and `patchbuild check` look for. Ids are stable: CI filters and SARIF baselines use them.</summary>
public sealed record CheckRule(string Id, string Name, string Title, string Description)
{
    public string HelpUri { get; init; } = $"{CheckRules.DocumentationUri}#{Id.ToLowerInvariant()}";

    /// <summary>
    /// A safety rule (PB1001-PB1011, docs/safety.md) reported through a PB2002 finding: reports name the precise rule
    /// so a CI filter or SARIF baseline can tell destructive SQL from a leaked secret.
    /// </summary>
    public static CheckRule ForSafetyRule(string id) => new(id, "SafetyRule" + id, $"Safety rule {id}", $"The patch breaks safety rule {id}; see docs/safety.md.")
    {
        HelpUri = $"{CheckRules.InformationUri}/blob/main/docs/safety.md#{id.ToLowerInvariant()}",
    };
}

/// <summary>The rules, in the order their documentation lists them (docs/hook.md). PB1xxx are the safety rules, PB0xxx the build's.</summary>
public static class CheckRules
{
    public const string ToolName = "PatchBuild";
    public const string InformationUri = "https://github.com/patchbuild/patchbuild";
    public const string DocumentationUri = InformationUri + "/blob/main/docs/hook.md";

    public static readonly CheckRule UnparsablePatch = new("PB2001", "UnparsablePatch", "Patch file cannot be read",
        "A patch file (afix*.ap, patch.json, *.patch, *.diff) is not valid in its format.");

    public static readonly CheckRule UnsafePatch = new("PB2002", "UnsafePatch", "Patch is unsafe",
        "A patch breaks a safety rule: it reaches outside the project or into .git, or does something the safety validators refuse.");

    public static readonly CheckRule StalePatch = new("PB2003", "StalePatch", "Patch does not apply",
        "A patch would not apply cleanly to the files it targets as they are committed (its snippets or context no longer match, or the result fails validation).");

    public static readonly CheckRule ConflictMarkers = new("PB2004", "ConflictMarkers", "Unresolved conflict markers",
        "A file contains a merge conflict left unresolved: a '<<<<<<<' line followed later by a '>>>>>>>' line.");

    public static readonly CheckRule Leftover = new("PB2005", "Leftover", "Leftover file",
        "A file that a patch run or a merge leaves behind is committed: afailed.ap, afailed.md, *.rej, *.orig, or PatchBuild's own state under .patchbuild/.");

    public static readonly CheckRule InterruptedApply = new("PB2006", "InterruptedApply", "Interrupted apply",
        "PatchBuild's journal (.patchbuild/history.jsonl) records an apply that began and never finished or rolled back.");

    public static readonly CheckRule FailedApply = new("PB2007", "FailedApply", "Failed apply",
        "The most recent apply recorded in PatchBuild's journal failed.");

    public static readonly CheckRule PendingPatch = new("PB2008", "PendingPatch", "Patch not applied",
        "hook.requireApplied (or --require-applied) is on and a patch file would still change something: it was never applied.");

    public static readonly CheckRule CheckError = new("PB2009", "CheckError", "Check could not run",
        "The check itself failed: git failed, or patchbuild.json is not valid.");

    public static IReadOnlyList<CheckRule> All { get; } =
        [UnparsablePatch, UnsafePatch, StalePatch, ConflictMarkers, Leftover, InterruptedApply, FailedApply, PendingPatch, CheckError];
}
