namespace PatchBuild.Core.Model;

/// <summary>Stable error codes. Users script against them: never rename one.</summary>
public static class ErrorCodes
{
    public const string InvalidPatchFile = "INVALID_PATCH_FILE";
    public const string InvalidFilePath = "INVALID_FILE_PATH";
    public const string FileNotFound = "FILE_NOT_FOUND";
    public const string FileExists = "FILE_EXISTS";
    public const string FileWriteError = "FILE_WRITE_ERROR";
    public const string SnippetNotFound = "SNIPPET_NOT_FOUND";
    public const string AnchorNotFound = "ANCHOR_NOT_FOUND";
    public const string AmbiguousMatch = "AMBIGUOUS_MATCH";
    public const string SnippetTailNotFound = "SNIPPET_TAIL_NOT_FOUND";
    public const string InvalidModification = "INVALID_MODIFICATION";
    public const string EmptyReplace = "EMPTY_REPLACE";
    public const string PatchTruncated = "PATCH_TRUNCATED";
    public const string LocatorConsumed = "LOCATOR_CONSUMED";
    public const string MissingContent = "MISSING_CONTENT";
    public const string AmbiguousAnchor = "AMBIGUOUS_ANCHOR";
    public const string NestingMismatch = "NESTING_MISMATCH";
    public const string NothingToDelete = "NOTHING_TO_DELETE";
    public const string Conflict = "CONFLICT";
    public const string Unsupported = "UNSUPPORTED";
    public const string JsonPatchTestFailed = "TEST_OPERATION_FAILED";
    public const string InvalidPointer = "INVALID_POINTER";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string UnsafePatch = "UNSAFE_PATCH";
    public const string TestFailed = "TEST_FAILED";
    public const string Locked = "LOCKED";
    public const string NothingToRollBack = "NOTHING_TO_ROLL_BACK";
    public const string HistoryError = "HISTORY_ERROR";
    public const string InvalidConfig = "INVALID_CONFIG";
    public const string GitFailed = "GIT_FAILED";
    public const string LimitExceeded = "LIMIT_EXCEEDED";

    /// <summary>A file that cannot be read and written back without changing bytes the patch does not touch.</summary>
    public const string Encoding = "ENCODING";
}
