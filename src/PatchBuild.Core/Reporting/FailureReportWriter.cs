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
        var changes = workspace.GetChanges();
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
                await WriteAsync(retryPath, ApRetryPatch.Render(apFailures), cancellationToken).ConfigureAwait(false);
                written.Add(retryPath);
            }
            else
            {
                DeleteIfPresent(retryPath);
            }

            await WriteAsync(reportPath, FailureReport.Render(workspace, changes, folderFailures, apFailures.Count > 0 ? RetryPatchName : null), cancellationToken).ConfigureAwait(false);
            written.Add(reportPath);
        }

        return written;
    }

    private static Task WriteAsync(string path, string text, CancellationToken cancellationToken) =>
        WorkspaceCommitter.WriteAtomicallyAsync(path, new UTF8Encoding(false).GetBytes(text), cancellationToken);

    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
