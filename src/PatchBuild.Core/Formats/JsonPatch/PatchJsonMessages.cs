namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// The lines a front end prints for a patch.json run, worded once so the CLI, the MSBuild log and the docs agree.
/// </summary>
public static class PatchJsonMessages
{
    public const string FilesToModify = "Files to modify:";

    public const string NothingWritten = "No files modified (dry-run mode)";

    /// <summary>"Previewing patch: patch.json"</summary>
    public static string Previewing(string patchFileName) => $"Previewing patch: {patchFileName}";

    /// <summary>"✓ assets/revenue.msh - Applied successfully"</summary>
    public static string FileApplied(string path) => $"✓ {path} - Applied successfully";

    /// <summary>"Patch applied to 2 file(s)"</summary>
    public static string Applied(int fileCount) => $"Patch applied to {fileCount} file(s)";

    /// <summary>"✗ config.json - Failed: File not found"</summary>
    public static string FileFailed(string path, string reason) => $"✗ {path} - Failed: {reason}";

    /// <summary>"Fix: ..." under a failure, from the error's hint.</summary>
    public static string Fix(string hint) => $"Fix: {hint}";
}
