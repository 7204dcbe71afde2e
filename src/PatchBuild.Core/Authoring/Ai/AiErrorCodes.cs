namespace PatchBuild.Core.Authoring.Ai;

/// <summary>
/// The stable error codes only `patchbuild ai` raises (docs/authoring.md). Kept apart from Model/ErrorCodes because
/// they never come out of an apply, so the build's PB table (docs/msbuild.md) has no row for them; the other
/// failures of a run (INVALID_CONFIG, SNIPPET_NOT_FOUND, VALIDATION_FAILED, ...) keep their usual codes.
/// </summary>
public static class AiErrorCodes
{
    /// <summary>The model endpoint could not be used: timeout, HTTP error, 401, 429, an answer that is not a chat completion.</summary>
    public const string RequestFailed = "AI_REQUEST_FAILED";

    /// <summary>The model answered without a patch any dialect reads.</summary>
    public const string NoPatch = "AI_NO_PATCH";

    /// <summary>A file was given, or an answer touches one, that the run may not change (not given, .git, outside the root).</summary>
    public const string FileRefused = "AI_FILE_REFUSED";

    /// <summary>No attempt produced a patch that plans and validates.</summary>
    public const string NotConverged = "AI_NOT_CONVERGED";
}
