using PatchBuild.Core.History;
using PatchBuild.Core.State;
using PatchBuild.Core.Workspace;
using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Git.Hooks;

public enum HookInstallOutcome
{
    Installed,
    Updated,
    AlreadyInstalled,
}

public enum HookUninstallOutcome
{
    Removed,
    RemovedAndRestored,
    NotInstalled,
}

public sealed record HookInstallResult(HookInstallOutcome Outcome, string HookPath)
{
    /// <summary>Where a hook that was there before now lives (it runs first), when install moved one aside.</summary>
    public string? PreviousHookPath { get; init; }

    /// <summary>Where an even older kept hook was backed up, when a second foreign hook had to be moved aside.</summary>
    public string? BackupPath { get; init; }
}

public sealed record HookUninstallResult(HookUninstallOutcome Outcome, string HookPath)
{
    public string? RestoredFrom { get; init; }
}

/// <summary>
/// Installs the pre-commit hook into the folder git really runs hooks from, keeping any hook already there (moved
/// beside ours and run first), and removes it again restoring that hook. Idempotent and safe to run in parallel.
/// </summary>
public sealed class HookInstaller(GitRepository repository, string hookName = "pre-commit")
{
    public string HooksDirectory { get; } = repository.HooksDirectory();

    public string HookPath => Path.Combine(HooksDirectory, hookName);

    public string PreviousPath => HookPath + HookScript.PreviousSuffix;

    // Parallel builds with PatchBuildInstallHook=true install at once; only one may move a foreign hook aside. The
    // workspace lock's OS handle dies with its process, so no staleness guess is needed. It is a repository-wide lock,
    // so it lives in the repository's git folder (never a shared temp folder, where another user could hold it or
    // plant a link in its place); not in the hooks folder, which may be a tracked one (core.hooksPath).
    private WorkspaceLock AcquireInstallLock() => WorkspaceLock.Acquire(
        Path.GetFullPath(repository.Git.RunText("rev-parse", "--git-path", $"patchbuild-{hookName}.lock").Trim(), repository.Git.WorkingDirectory),
        TimeSpan.FromSeconds(30));

    public HookInstallResult Install(ToolCommand tool)
    {
        string script = HookScript.Create(hookName, tool);
        try
        {
            Directory.CreateDirectory(HooksDirectory);
            using var _ = AcquireInstallLock();
            bool present = Exists(HookPath);
            if (present && HookScript.IsOurs(HookPath))
            {
                if (File.ReadAllText(HookPath) == script && IsExecutable(HookPath))
                {
                    return new HookInstallResult(HookInstallOutcome.AlreadyInstalled, HookPath) { PreviousHookPath = KeptPrevious() };
                }

                WriteAtomically(HookPath, script);
                return new HookInstallResult(HookInstallOutcome.Updated, HookPath) { PreviousHookPath = KeptPrevious() };
            }

            string? backup = null;
            if (present)
            {
                // A hook we did not write is never lost: it moves aside and runs first. An older kept hook is backed up, not overwritten.
                if (Exists(PreviousPath))
                {
                    backup = $"{PreviousPath}.{DateTime.UtcNow:yyyyMMddHHmmss}";
                    File.Move(PreviousPath, backup);
                }

                File.Move(HookPath, PreviousPath);
            }

            WriteAtomically(HookPath, script);
            return new HookInstallResult(HookInstallOutcome.Installed, HookPath) { PreviousHookPath = KeptPrevious(), BackupPath = backup };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PatchException(new PatchError(ErrorCodes.FileWriteError, $"Could not install the {hookName} hook in '{HooksDirectory}': {ex.Message}")
            {
                Hint = "Check that the hooks folder is writable (core.hooksPath may point somewhere read-only).",
            });
        }
    }

    public HookUninstallResult Uninstall()
    {
        try
        {
            if (!Directory.Exists(HooksDirectory))
            {
                return new HookUninstallResult(HookUninstallOutcome.NotInstalled, HookPath);
            }

            using var _ = AcquireInstallLock();
            bool ours = Exists(HookPath) && HookScript.IsOurs(HookPath);
            if (!ours && Exists(HookPath))
            {
                return new HookUninstallResult(HookUninstallOutcome.NotInstalled, HookPath);
            }

            if (ours)
            {
                File.Delete(HookPath);
            }

            if (Exists(PreviousPath))
            {
                File.Move(PreviousPath, HookPath);
                return new HookUninstallResult(HookUninstallOutcome.RemovedAndRestored, HookPath) { RestoredFrom = PreviousPath };
            }

            return new HookUninstallResult(ours ? HookUninstallOutcome.Removed : HookUninstallOutcome.NotInstalled, HookPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PatchException(new PatchError(ErrorCodes.FileWriteError, $"Could not uninstall the {hookName} hook in '{HooksDirectory}': {ex.Message}")
            {
                Hint = "Check that the hooks folder is writable.",
            });
        }
    }

    private string? KeptPrevious() => Exists(PreviousPath) ? PreviousPath : null;

    // A dangling symlink is still a hook someone put there: File.Exists would miss it.
    private static bool Exists(string path) => File.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    // Written beside the target and renamed over it: a commit starting meanwhile runs the old hook or the new one, never half of one.
    private static void WriteAtomically(string path, string content) =>
        AtomicFile.Write(path, new UTF8Encoding(false).GetBytes(content), HookMode);

    private const UnixFileMode HookMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
}
