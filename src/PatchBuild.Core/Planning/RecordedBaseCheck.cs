using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Planning;

/// <summary>
/// Compares each file a patch recorded a base for (<see cref="PatchSet.RecordedBases"/>) with the file as the run sees
/// it. A difference is only reported: locators were written to survive drift, so matching proceeds as usual, also
/// under --strict. A record the workspace cannot resolve or read (a path out of the root) is ignored; the change
/// itself then fails on its own path with the usual error.
/// </summary>
internal static class RecordedBaseCheck
{
    public const string BaseChangedWarning = "AP_BASE_CHANGED";

    public static IEnumerable<PatchWarning> Warnings(PatchWorkspace workspace, PatchSet patch)
    {
        foreach (var (rawPath, hash) in patch.RecordedBases)
        {
            WorkspacePath path;
            byte[]? bytes;
            try
            {
                path = workspace.Resolve(rawPath);
                bytes = workspace.GetBytes(path);
            }
            catch (PatchException)
            {
                continue;
            }

            if (bytes is not null && ContentHash.Of(bytes) != hash)
            {
                yield return new PatchWarning(BaseChangedWarning,
                    $"'{path.Relative}' changed since the patch was written; its locators were matched against the current text.")
                {
                    File = path.Relative,
                    PatchFile = patch.SourcePath,
                };
            }
        }
    }
}
