using System.Text;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Reporting;

/// <summary>
/// After a partial run, writes afailed.ap (a retry patch of what failed) and afailed.md (for a person or an AI to fix it)
/// beside each patch; a clean run removes stale ones.
/// </summary>
public static class FailureReportWriter
{
    public const string RetryPatchName = "afailed.ap";
    public const string ReportName = "afailed.md";

    public static async Task<IReadOnlyList<string>> WriteAsync(
        PatchWorkspace workspace,
        IReadOnlyList<PatchSet> patches,
        IReadOnlyList<(PatchSet Patch, FileChange File, Modification? Modification, PatchError Error)> failures,
        CancellationToken cancellationToken = default)
    {
        var written = new List<string>();
        var byFolder = patches
            .Where(p => p.SourcePath is not null)
            .GroupBy(p => Path.GetDirectoryName(Path.GetFullPath(p.SourcePath!))!, StringComparer.Ordinal);
        // Only a failure report shows the plan's changes; a clean run must not encode every planned file once more.
        IReadOnlyList<PlannedChange>? changes = null;
        foreach (var folder in byFolder)
        {
            var folderFailures = failures.Where(f => folder.Contains(f.Patch)).ToList();
            string retryPath = Path.Combine(folder.Key, RetryPatchName);
            string reportPath = Path.Combine(folder.Key, ReportName);
            if (folderFailures.Count == 0)
            {
                DeleteIfPresent(retryPath);
                DeleteIfPresent(reportPath);
                continue;
            }

            var apFailures = folderFailures.Where(f => f.Patch.Format == PatchFormat.Ap).ToList();
            if (apFailures.Count > 0)
            {
                if (await TryWriteAsync(retryPath, ApRetryPatch.Render(apFailures), cancellationToken).ConfigureAwait(false))
                {
                    written.Add(retryPath);
                }
            }
            else
            {
                DeleteIfPresent(retryPath);
            }

            string report = FailureReport.Render(workspace, changes ??= workspace.GetChanges(), folderFailures, written.Contains(retryPath) ? RetryPatchName : null);
            if (await TryWriteAsync(reportPath, report, cancellationToken).ConfigureAwait(false))
            {
                written.Add(reportPath);
            }
        }

        return written;
    }

    // The run's changes are already committed: a report that cannot be written (read-only folder) must not turn
    // a partial success into a crash, so it is simply not listed.
    private static async Task<bool> TryWriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            await WorkspaceCommitter.WriteAtomicallyAsync(path, new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void DeleteIfPresent(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale report that cannot be removed is harmless; the next clean run tries again.
        }
    }
}
