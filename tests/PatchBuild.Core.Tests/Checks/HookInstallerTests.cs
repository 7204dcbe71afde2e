using System.Diagnostics;
using PatchBuild.Core.Git;
using PatchBuild.Core.Git.Hooks;

namespace PatchBuild.Core.Tests.Checks;

/// <summary>Installing into the folder git really uses, keeping foreign hooks, and staying idempotent, with real git.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HookInstallerTests : IDisposable
{
    private const string ForeignHook = "#!/bin/sh\necho foreign >&2\nexit 0\n";
    private static readonly ToolCommand Tool = new(null, "/opt/patchbuild/patchbuild.dll", null);
    private readonly GitTestRepository _repo = GitTestRepository.Create();
    private readonly List<string> _cleanup = [];

    public void Dispose()
    {
        _repo.Dispose();
        foreach (string folder in _cleanup)
        {
            GitTestRepository.DeleteFolder(folder);
        }
    }

    private HookInstaller Installer(string? folder = null) => new(GitRepository.Open(folder ?? _repo.Root));

    private void WriteForeignHook(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ForeignHook);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    [Fact]
    public void Installs_an_executable_sh_script_into_the_repository_hooks_folder()
    {
        var result = Installer().Install(Tool);

        string hook = _repo.FullPath(".git/hooks/pre-commit");
        Assert.Equal(HookInstallOutcome.Installed, result.Outcome);
        Assert.Equal(hook, result.HookPath);
        Assert.True(HookScript.IsOurs(hook));
        Assert.True((File.GetUnixFileMode(hook) & UnixFileMode.UserExecute) != 0);
        Assert.Contains("'/opt/patchbuild/patchbuild.dll'", File.ReadAllText(hook));
        Assert.Equal(0, Run("sh", "-n", hook)); // the script parses
        Assert.Empty(Directory.GetFiles(_repo.FullPath(".git/hooks"), "*patchbuild*"));
    }

    [Fact]
    public void Installing_again_changes_nothing_and_a_new_tool_path_updates_the_hook()
    {
        Installer().Install(Tool);
        string hook = _repo.FullPath(".git/hooks/pre-commit");
        var written = File.GetLastWriteTimeUtc(hook);

        Assert.Equal(HookInstallOutcome.AlreadyInstalled, Installer().Install(Tool).Outcome);
        Assert.Equal(written, File.GetLastWriteTimeUtc(hook));
        Assert.False(File.Exists(hook + HookScript.PreviousSuffix)); // our own hook is never "kept" as foreign

        Assert.Equal(HookInstallOutcome.Updated, Installer().Install(Tool with { AssemblyPath = "/elsewhere/patchbuild.dll" }).Outcome);
        Assert.Contains("/elsewhere/patchbuild.dll", File.ReadAllText(hook));
    }

    [Fact]
    public void A_foreign_hook_is_kept_beside_ours_and_restored_by_uninstall()
    {
        string hook = _repo.FullPath(".git/hooks/pre-commit");
        WriteForeignHook(hook);

        var result = Installer().Install(Tool);

        Assert.Equal(hook + HookScript.PreviousSuffix, result.PreviousHookPath);
        Assert.Equal(ForeignHook, File.ReadAllText(result.PreviousHookPath!));
        Assert.True(HookScript.IsOurs(hook));
        Assert.Equal(HookInstallOutcome.AlreadyInstalled, Installer().Install(Tool).Outcome);
        Assert.Equal(ForeignHook, File.ReadAllText(result.PreviousHookPath!));

        var removed = Installer().Uninstall();

        Assert.Equal(HookUninstallOutcome.RemovedAndRestored, removed.Outcome);
        Assert.Equal(ForeignHook, File.ReadAllText(hook));
        Assert.True((File.GetUnixFileMode(hook) & UnixFileMode.UserExecute) != 0);
        Assert.False(File.Exists(hook + HookScript.PreviousSuffix));
    }

    [Fact]
    public void A_second_foreign_hook_does_not_overwrite_the_kept_one()
    {
        string hook = _repo.FullPath(".git/hooks/pre-commit");
        WriteForeignHook(hook);
        Installer().Install(Tool);
        File.WriteAllText(hook, "#!/bin/sh\necho another tool replaced ours\n");

        var result = Installer().Install(Tool);

        Assert.NotNull(result.BackupPath);
        Assert.Equal(ForeignHook, File.ReadAllText(result.BackupPath!));
        Assert.Contains("another tool", File.ReadAllText(result.PreviousHookPath!));
        Assert.True(HookScript.IsOurs(hook));
    }

    [Fact]
    public void Uninstall_leaves_a_foreign_hook_alone()
    {
        string hook = _repo.FullPath(".git/hooks/pre-commit");
        WriteForeignHook(hook);

        Assert.Equal(HookUninstallOutcome.NotInstalled, Installer().Uninstall().Outcome);
        Assert.Equal(ForeignHook, File.ReadAllText(hook));
    }

    [Fact]
    public void Core_hooksPath_is_honoured_like_Husky_sets_it()
    {
        _repo.Git("config", "core.hooksPath", ".husky");
        string huskyHook = _repo.FullPath(".husky/pre-commit");
        WriteForeignHook(huskyHook);

        var result = Installer().Install(Tool);

        Assert.Equal(huskyHook, result.HookPath);
        Assert.Equal(ForeignHook, File.ReadAllText(huskyHook + HookScript.PreviousSuffix));
        Assert.False(File.Exists(_repo.FullPath(".git/hooks/pre-commit")));
    }

    [Fact]
    public void From_a_linked_worktree_the_shared_hooks_folder_is_used()
    {
        _repo.Write("a.txt", "a\n");
        _repo.Stage("a.txt");
        _repo.Commit();
        string worktree = _repo.Root + "-wt";
        _cleanup.Add(worktree);
        _repo.Git("worktree", "add", "-q", worktree);

        var result = Installer(worktree).Install(Tool);

        Assert.Equal(_repo.FullPath(".git/hooks/pre-commit"), result.HookPath);
    }

    [Fact]
    public void In_a_submodule_the_modules_own_hooks_folder_is_used()
    {
        using var library = GitTestRepository.Create();
        library.Write("lib.txt", "lib\n");
        library.Stage("lib.txt");
        library.Commit();
        _repo.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.Root, "lib");

        var result = Installer(_repo.FullPath("lib")).Install(Tool);

        Assert.Equal(_repo.FullPath(".git/modules/lib/hooks/pre-commit"), result.HookPath);
        Assert.False(File.Exists(_repo.FullPath(".git/hooks/pre-commit")));
    }

    [Fact]
    public async Task Parallel_installs_keep_exactly_one_copy_of_the_foreign_hook()
    {
        string hook = _repo.FullPath(".git/hooks/pre-commit");
        WriteForeignHook(hook);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Installer().Install(Tool).Outcome)));

        Assert.Single(outcomes, o => o == HookInstallOutcome.Installed);
        Assert.True(HookScript.IsOurs(hook));
        Assert.Equal(ForeignHook, File.ReadAllText(hook + HookScript.PreviousSuffix));
        Assert.Equal(["pre-commit", "pre-commit" + HookScript.PreviousSuffix],
            Directory.GetFiles(_repo.FullPath(".git/hooks"), "pre-commit*").Select(f => Path.GetFileName(f)).Where(f => !f.EndsWith(".sample", StringComparison.Ordinal)).Order().ToArray());
    }

    [Fact]
    public void The_recorded_command_reflects_how_the_tool_was_started()
    {
        Assert.Equal(new ToolCommand("/home/u/.dotnet/tools/patchbuild", null, null),
            ToolCommand.FromRunningProcess("/home/u/.dotnet/tools/.store/x/patchbuild.dll", "/home/u/.dotnet/tools/patchbuild"));
        Assert.Equal(new ToolCommand(null, "/src/bin/patchbuild.dll", "/usr/share/dotnet/dotnet"),
            ToolCommand.FromRunningProcess("/src/bin/patchbuild.dll", "/usr/share/dotnet/dotnet"));
        Assert.Equal(new ToolCommand(null, "/src/bin/patchbuild.dll", null),
            ToolCommand.FromRunningProcess("/src/bin/patchbuild.dll", "/src/bin/testhost"));
    }

    private static int Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
