using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using PatchBuild.Core.Tests.Support;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>
/// The one-barrier flush of a large commit (syncfs): taken only on the local file systems whose syncfs writes back
/// and flushes every file, on kernels that report a failed write-back; every other handle is left to a flush of its
/// own. The real cases ask the machine (stat -f, the kernel release) what to expect, not the code under test.
/// </summary>
public sealed class FileSystemBarrierTests
{
    [Theory]
    [InlineData(0xEF53L, true)] // ext2/3/4
    [InlineData(0x58465342L, true)] // XFS
    [InlineData(0x9123683EL, true)] // Btrfs
    [InlineData(0xF2F52010L, true)] // F2FS
    [InlineData(0x01021994L, false)] // tmpfs: nothing durable to flush, and no need to trust it
    [InlineData(0x6969L, false)] // NFS: the server decides
    [InlineData(0xFF534D42L, false)] // CIFS/SMB
    [InlineData(0x65735546L, false)] // FUSE: whatever the daemon does
    [InlineData(0x794C7630L, false)] // overlayfs (containers)
    [InlineData(0x9FA0L, false)] // procfs
    [InlineData(0L, false)]
    [InlineData(-1L, false)]
    [InlineData(0xEF53L << 32, false)] // the right number in the wrong half is another number
    public void Only_local_journaling_and_copy_on_write_file_systems_are_trusted(long type, bool trusted)
    {
        Assert.Equal(trusted, FileSystemBarrier.IsTrustedType(type));
    }

    [Theory]
    [InlineData("5.8", true)]
    [InlineData("5.7", false)]
    [InlineData("4.19", false)]
    [InlineData("6.0", true)]
    [InlineData("10.1", true)]
    [InlineData("5.10", true)]
    public void Kernels_before_5_8_are_not_trusted_to_report_a_lost_write_back(string kernel, bool trusted)
    {
        Assert.Equal(trusted, FileSystemBarrier.KernelAtLeast(Version.Parse(kernel), 5, 8));
    }

    [Fact]
    public void Files_on_this_machines_temp_folder_take_one_barrier_where_its_file_system_and_kernel_allow()
    {
        using var folder = new TempFolder();
        var handles = Open(folder.Path, 5);
        try
        {
            var left = FileSystemBarrier.SyncWhereSupported(handles);
            bool expectedSynced = OperatingSystem.IsLinux() && KernelFromProc() >= new Version(5, 8) && TrustedNames.Contains(FileSystemTypeOf(folder.Path));
            Assert.Equal(expectedSynced ? 0 : handles.Count, left.Count);
        }
        finally
        {
            handles.ForEach(h => h.Dispose());
        }
    }

    [Fact]
    public void Files_on_tmpfs_are_left_to_a_flush_of_their_own()
    {
        if (!Directory.Exists("/dev/shm") || FileSystemTypeOf("/dev/shm") != "tmpfs")
        {
            return; // no tmpfs to try on this machine (not Linux, or /dev/shm is something else); the type table covers it
        }

        string folder = Path.Combine("/dev/shm", "pb-shm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var handles = Open(folder, 3);
        try
        {
            Assert.Equal(3, FileSystemBarrier.SyncWhereSupported(handles).Count);
        }
        finally
        {
            handles.ForEach(h => h.Dispose());
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly HashSet<string> TrustedNames = ["ext2/ext3", "xfs", "btrfs", "f2fs"];

    private static List<SafeFileHandle> Open(string folder, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var handle = File.OpenHandle(Path.Combine(folder, $"f{i}.txt"), FileMode.CreateNew, FileAccess.Write);
            RandomAccess.Write(handle, "bytes\n"u8, 0);
            return handle;
        }).ToList();

    private static string FileSystemTypeOf(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-f", "-c", "%T", path]) { RedirectStandardOutput = true })!;
        string type = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return type;
    }

    private static Version KernelFromProc()
    {
        string release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var numbers = release.Split('.', '-').Take(2).Select(int.Parse).ToArray();
        return new Version(numbers[0], numbers[1]);
    }
}
