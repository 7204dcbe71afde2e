using PatchBuild.Core.Git;
using PatchBuild.Core.Git.Hooks;
using PatchBuild.Core.Model;
using PatchBuild.Core.Tests.Checks;

namespace PatchBuild.Core.Tests.State;

/// <summary>
/// Files another local user could plant where `hook install` used to keep its lock (the shared temp folder, under a
/// predictable name) neither block it nor get written through.
/// </summary>
public sealed class HookLockTests
{
    private static readonly ToolCommand Tool = new(null, "/opt/patchbuild/patchbuild.dll", null);

    [Fact]
    public void Hook_install_ignores_links_and_held_files_at_the_old_temp_lock()
    {
        using var repo = GitTestRepository.Create();
        var installer = new HookInstaller(GitRepository.Open(repo.Root));
        string oldLock = Path.Combine(Path.GetTempPath(), $"patchbuild-hook-{ContentHash.OfText(Path.Combine(installer.HooksDirectory, "pre-commit"))[..16]}.lock");
        string victim = repo.FullPath("victim.txt");
        repo.Write("victim.txt", "precious\n");
        try
        {
            File.CreateSymbolicLink(oldLock, victim);
            File.CreateSymbolicLink(oldLock + ".owner", victim);

            Assert.Equal(HookInstallOutcome.Installed, installer.Install(Tool).Outcome);
            Assert.Equal("precious\n", repo.Read("victim.txt"));

            File.Delete(oldLock);
            File.Delete(oldLock + ".owner");
            using (new FileStream(oldLock, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
            {
                Assert.Equal(HookUninstallOutcome.Removed, installer.Uninstall().Outcome);
            }

            Assert.True(File.Exists(Path.Combine(repo.Root, ".git", "patchbuild-pre-commit.lock")));
        }
        finally
        {
            File.Delete(oldLock);
            File.Delete(oldLock + ".owner");
        }
    }
}
