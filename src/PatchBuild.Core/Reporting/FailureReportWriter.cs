using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Reporting;

/// <summary>
/// After a partial run, writes afailed.ap (a retry patch of what failed) and afailed.md (for a person or an AI to fix it)
/// beside each patch; a clean run removes stale ones.
/// </summary>
public static class FailureReportWriter
{
    public static Task<IReadOnlyList<string>> WriteAsync(
        PatchWorkspace workspace,
        IReadOnlyList<PatchSet> patches,
        IReadOnlyList<(PatchSet Patch, FileChange File, Modification? Modification, PatchError Error)> failures,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
