namespace PatchBuild.Core.Tests.Ap.Differential;

/// <summary>
/// Cases where we deliberately differ from the reference patcher, each listed with its reason in
/// docs/formats/ap.md ("Differences from the reference patcher"): case name → our outcome.
/// </summary>
public static class KnownDifferences
{
    public static readonly IReadOnlyDictionary<string, string> Expected = new Dictionary<string, string>
    {
        // The reference crashes (UnboundLocalError) on a new path whose first folder exists; we refuse the path.
        ["path traversal"] = "PARTIAL [INVALID_FILE_PATH]",

        // A modification that cannot be complete refuses the whole patch at parse time, even with --partial.
        ["REPLACE with no content"] = "FAILED [MISSING_CONTENT]",
        ["empty content at the end of the patch is truncation"] = "FAILED [PATCH_TRUNCATED]",

        // An insert with an empty content is refused rather than reported as done.
        ["INSERT_AFTER with empty content"] = "FAILED [INVALID_MODIFICATION]",

        // Flush content after a line that opens a block goes inside the block, one level deeper.
        ["flush content after a block header"] = "SUCCESS []",
        ["nesting guard leaves control blocks alone"] = "SUCCESS []",

        // Spec 3.6 nesting guard for INSERT_BEFORE: both move the Go declaration before the enclosing function, but we
        // keep a blank line between it and that function (the reference drops it); for Python only we move it at all.
        ["nesting guard: a declaration inserted before a body line"] = "SUCCESS []",
        ["nesting guard: a Python def inserted before a body line"] = "SUCCESS []",

        // Spec 3.1: CREATE over an existing file with different content (an empty one too) is an error.
        ["CREATE over an empty file"] = "PARTIAL [FILE_EXISTS]",

        // Issue 11: a DELETE that finds nothing and is not recorded as applied is an error under --strict.
        ["DELETE of code that is not there (strict)"] = "FAILED [NOTHING_TO_DELETE]",

        // Spec 3.6 disambiguation: an anchor's scope ends where the next occurrence of it begins, so of two adjacent
        // anchors only the second one has the snippet in its scope. The reference counts both (its shadowing test is
        // '>' where the scope it describes needs '>=') and reports AMBIGUOUS_ANCHOR.
        ["ambiguous anchor on adjacent lines resolved by the snippet (strict)"] = "SUCCESS []",

        // Strict sequential cursoring: the reference reads "not found after the cursor" as "already deleted".
        ["sequential cursoring: a DELETE above the previous edit (strict)"] = "FAILED [SNIPPET_NOT_FOUND]",
    };
}
