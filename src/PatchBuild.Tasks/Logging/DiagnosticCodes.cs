using System;
using System.Collections.Generic;

namespace PatchBuild.Tasks.Logging;

/// <summary>
/// The PBxxxx codes the build shows. Engine error codes map one to one; safety rules keep their own PB10xx id.
/// Every code is documented in docs/msbuild.md: users suppress and search for them, so never renumber one.
/// </summary>
internal static class DiagnosticCodes
{
    // Raised by the integration itself, not by the engine.
    public const string PendingPatches = "PB0100";
    public const string ForeignPatchJson = "PB0101";
    public const string EngineMissing = "PB0102";
    public const string EngineFailed = "PB0103";
    public const string LockTimeout = "PB0104";
    public const string TestCommandFailed = "PB0105";
    public const string RollbackFailed = "PB0106";
    public const string EngineWarning = "PB0190";
    public const string UnknownEngineError = "PB0099";
    public const string UnsafePatchWithoutRule = "PB1000";

    private static readonly Dictionary<string, string> ByEngineCode = new(StringComparer.OrdinalIgnoreCase)
    {
        ["INVALID_PATCH_FILE"] = "PB0001",
        ["SNIPPET_NOT_FOUND"] = "PB0002",
        ["ANCHOR_NOT_FOUND"] = "PB0003",
        ["AMBIGUOUS_MATCH"] = "PB0004",
        ["SNIPPET_TAIL_NOT_FOUND"] = "PB0005",
        ["INVALID_MODIFICATION"] = "PB0006",
        ["EMPTY_REPLACE"] = "PB0007",
        ["PATCH_TRUNCATED"] = "PB0008",
        ["LOCATOR_CONSUMED"] = "PB0009",
        ["CONFLICT"] = "PB0010",
        ["INVALID_FILE_PATH"] = "PB0011",
        ["FILE_NOT_FOUND"] = "PB0012",
        ["FILE_EXISTS"] = "PB0013",
        ["FILE_WRITE_ERROR"] = "PB0014",
        ["UNSUPPORTED"] = "PB0015",
        ["TEST_OPERATION_FAILED"] = "PB0016",
        ["INVALID_POINTER"] = "PB0017",
        ["VALIDATION_FAILED"] = "PB0020",
        ["TEST_FAILED"] = "PB0021",
        ["LOCKED"] = "PB0022",
        ["NOTHING_TO_ROLL_BACK"] = "PB0023",
        ["HISTORY_ERROR"] = "PB0024",
        ["INVALID_CONFIG"] = "PB0025",
        ["GIT_FAILED"] = "PB0026",
        ["LIMIT_EXCEEDED"] = "PB0027",
        ["MISSING_CONTENT"] = "PB0028",
        ["AMBIGUOUS_ANCHOR"] = "PB0029",
        ["NESTING_MISMATCH"] = "PB0030",
        ["NOTHING_TO_DELETE"] = "PB0031",
        ["ENCODING"] = "PB0032",
    };

    public static IReadOnlyDictionary<string, string> EngineCodes => ByEngineCode;

    /// <summary>
    /// The PB code for an engine error. An error raised by a safety rule (UNSAFE_PATCH, or a path rule reported as
    /// INVALID_FILE_PATH) shows the rule's own id, the one users allow or look up in docs/safety.md.
    /// </summary>
    public static string ForError(string engineCode, string? rule)
    {
        if (IsPbCode(rule)) return rule!.ToUpperInvariant();
        if (string.Equals(engineCode, "UNSAFE_PATCH", StringComparison.OrdinalIgnoreCase)) return UnsafePatchWithoutRule;
        if (ByEngineCode.TryGetValue(engineCode, out var code)) return code;
        return IsPbCode(engineCode) ? engineCode.ToUpperInvariant() : UnknownEngineError;
    }

    /// <summary>Engine warnings that already carry a PB id keep it; the others share one code, the engine's in the text.</summary>
    public static string ForWarning(string engineCode) =>
        IsPbCode(engineCode) ? engineCode.ToUpperInvariant() : EngineWarning;

    private static bool IsPbCode(string? code)
    {
        if (code is null || code.Length != 6 || !code.StartsWith("PB", StringComparison.OrdinalIgnoreCase)) return false;
        for (var i = 2; i < 6; i++)
            if (code[i] < '0' || code[i] > '9') return false;
        return true;
    }
}
