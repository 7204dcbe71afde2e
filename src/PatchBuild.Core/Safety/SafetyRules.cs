namespace PatchBuild.Core.Safety;

/// <summary>The catalog of safety rules. Ids are stable: never renumber one.</summary>
public static class SafetyRules
{
    public static readonly SafetyRule PathEscapesRoot = new("PB1001", "path escapes the root", RuleSeverity.Error,
        "Write target paths relative to the root, without '..', and never through a link that points outside.") { Configurable = false };

    public static readonly SafetyRule WritesGit = new("PB1002", "writes under .git", RuleSeverity.Error,
        "Nothing under .git is ever written by a patch; change git state with git itself.") { Configurable = false };

    public static readonly SafetyRule BuildConfiguration = new("PB1003", "changes build or pipeline configuration", RuleSeverity.Error,
        "Make this change by hand after review, or allow the path in patchbuild.json (safety.rules.PB1003.allow, with a reason).");

    public static readonly SafetyRule DestructiveSql = new("PB1004", "destructive SQL", RuleSeverity.Error,
        "Write a migration that keeps data (or add a WHERE clause), review it by hand, or allow it in patchbuild.json with a reason.");

    public static readonly SafetyRule ProcessExecution = new("PB1005", "process or shell execution", RuleSeverity.Error,
        "Run commands yourself after review; if the code must start a process, allow it in patchbuild.json with a reason.");

    public static readonly SafetyRule Secret = new("PB1006", "secret in content", RuleSeverity.Error,
        "Never commit secrets: read them from configuration, environment variables or a secret store, and rotate the exposed one.");

    public static readonly SafetyRule WeakenedSecurity = new("PB1007", "weakens security", RuleSeverity.Error,
        "Keep certificate validation, authorization and CORS strict; if this is truly intended, allow it in patchbuild.json with a reason.");

    public static readonly SafetyRule TooLarge = new("PB1008", "patch too large", RuleSeverity.Error,
        "Split the patch into smaller ones, or raise safety.limits in patchbuild.json.");

    public static readonly SafetyRule BinaryContent = new("PB1009", "binary, invalid or hidden text", RuleSeverity.Error,
        "Patches carry plain UTF-8 text only: remove control characters, bidirectional controls, line/paragraph separators, invisible characters inside names and invalid bytes; add binary files with git, not a patch.");

    public static readonly SafetyRule WholeFileReplaced = new("PB1010", "deletes or recreates a whole source file", RuleSeverity.Warning,
        "Prefer targeted edits (REPLACE, INSERT) so the change stays reviewable; check the deleted code is not needed.");

    public static readonly SafetyRule ElidedContent = new("PB1011", "elides existing code with a placeholder", RuleSeverity.Error,
        "Write out the code the placeholder stands for, or make a targeted edit (REPLACE only the lines that change) so the rest of the file stays as it is.");

    public static IReadOnlyList<SafetyRule> All { get; } =
    [
        PathEscapesRoot, WritesGit, BuildConfiguration, DestructiveSql, ProcessExecution,
        Secret, WeakenedSecurity, TooLarge, BinaryContent, WholeFileReplaced, ElidedContent,
    ];

    public static SafetyRule? Find(string id) => All.FirstOrDefault(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
}
