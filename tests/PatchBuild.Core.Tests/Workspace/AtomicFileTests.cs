using PatchBuild.Core.Tests.Support;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>The one atomic writer, shared by the committer, recovery, failure reports and the hook installer.</summary>
public sealed class AtomicFileTests
{
    [Fact]
    public void Replacing_a_file_keeps_its_permissions_and_leaves_no_temp_file()
    {
        using var folder = new TempFolder();
        string target = folder.Write("run.sh", "old\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        AtomicFile.Write(target, "new\n"u8.ToArray());

        Assert.Equal("new\n", File.ReadAllText(target));
        Assert.Equal(["run.sh"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(target));
        }
    }

    [Fact]
    public void A_given_mode_wins_over_the_replaced_files_and_missing_folders_are_created()
    {
        using var folder = new TempFolder();
        string target = folder.Combine("hooks/pre-commit");
        var executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

        AtomicFile.Write(target, "#!/bin/sh\n"u8.ToArray(), executable);

        Assert.Equal("#!/bin/sh\n", File.ReadAllText(target));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(executable, File.GetUnixFileMode(target));
        }
    }

    [Fact]
    public void A_failed_rename_leaves_the_target_as_it_was_and_no_temp_file()
    {
        using var folder = new TempFolder();
        folder.Write("data/inside.txt", "kept\n");

        // The target is a folder: the temp file is written and flushed, then the rename over it fails.
        var ex = Record.Exception(() => AtomicFile.Write(folder.Combine("data"), "x"u8.ToArray()));

        Assert.True(ex is IOException or UnauthorizedAccessException, $"unexpected: {ex}");
        Assert.Equal("kept\n", folder.Read("data/inside.txt"));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
