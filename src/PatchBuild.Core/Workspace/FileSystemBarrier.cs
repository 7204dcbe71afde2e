using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// One durability barrier for a whole batch of files on Linux: <c>syncfs</c> writes back every dirty file of the
/// file system and commits its journal with one cache flush, where a flush per file makes the disk wait once per
/// file (about a fifth of a 500-file apply's wall time). Used only where it is known to be at least as strong as a
/// flush per file and to report a failed write: a local journaling or copy-on-write file system (ext4, XFS, Btrfs,
/// F2FS) on Linux 5.8 or later (earlier kernels could return success after a lost write-back). Everywhere else the
/// caller flushes file by file, as before. Its cost is that of the file system's other dirty data too, so the
/// committer uses it only for batches large enough that per-file flushes cost more (<see cref="UsableFrom"/>).
/// Set PATCHBUILD_FLUSH_EACH_FILE=1 to flush file by file everywhere.
/// </summary>
internal static class FileSystemBarrier
{
    /// <summary>Below this many files a flush per file is cheap and never waits on other programs' writes.</summary>
    public const int UsableFrom = 64;

    private static readonly Lazy<bool> KernelReportsErrors = new(() => KernelAtLeast(Environment.OSVersion.Version, 5, 8));

    /// <summary>
    /// Makes the files behind <paramref name="handles"/> durable with one <c>syncfs</c> per file system that takes it
    /// (told apart by statfs's f_fsid: a folder mounted from another file system inside the tree gets its own) and
    /// returns the handles left to flush one by one: those on any other file system, or all of them where the
    /// barrier is not usable.
    /// </summary>
    /// <exception cref="IOException">A file system reported an error: the batch is not durable.</exception>
    public static IReadOnlyList<SafeFileHandle> SyncWhereSupported(IReadOnlyList<SafeFileHandle> handles)
    {
        if (!Enabled)
        {
            return handles;
        }

        var rest = new List<SafeFileHandle>();
        var oneEach = new Dictionary<long, SafeFileHandle>();
        foreach (var handle in handles)
        {
            if (Describe(handle) is ({ } type, { } id) && IsTrustedType(type) && id != 0)
            {
                oneEach.TryAdd(id, handle);
            }
            else
            {
                rest.Add(handle);
            }
        }

        foreach (var handle in oneEach.Values)
        {
            if (SyncFs(handle) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new IOException($"the file system could not make the new files durable (syncfs failed, errno {errno})");
            }
        }

        return rest;
    }

    private static bool Enabled =>
        OperatingSystem.IsLinux() && IntPtr.Size == 8 && KernelReportsErrors.Value && Environment.GetEnvironmentVariable(DisableVariable) != "1";

    // statfs's f_type and f_fsid, or nulls where the call is missing or refused.
    private static (long? Type, long? Id) Describe(SafeFileHandle handle)
    {
        try
        {
            var buffer = new byte[StatFsSize];
            return FStatFs(handle, buffer) == 0 ? (BitConverter.ToInt64(buffer, 0), BitConverter.ToInt64(buffer, FsidOffset)) : (null, null);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return (null, null);
        }
    }

    /// <summary>The file system magic numbers (statfs f_type) whose syncfs writes back and flushes every file.</summary>
    internal static bool IsTrustedType(long type) => type is Ext4 or Xfs or Btrfs or F2fs;

    internal static bool KernelAtLeast(Version kernel, int major, int minor) =>
        kernel.Major > major || (kernel.Major == major && kernel.Minor >= minor);

    /// <summary>Set to 1 to flush file by file everywhere (a file system that misreports its type, or a comparison).</summary>
    public const string DisableVariable = "PATCHBUILD_FLUSH_EACH_FILE";

    private const long Ext4 = 0xEF53; // ext2, ext3 and ext4 share it
    private const long Xfs = 0x58465342;
    private const long Btrfs = 0x9123683E;
    private const long F2fs = 0xF2F52010;

    // struct statfs is 120 bytes on 64-bit Linux: f_type is its first field (a long), then six longs of sizes and
    // counts, then f_fsid (two ints). Room to spare for other layouts.
    private const int StatFsSize = 256;
    private const int FsidOffset = 56;

    [DllImport("libc", EntryPoint = "fstatfs", SetLastError = true)]
    private static extern int FStatFs(SafeFileHandle fd, byte[] buffer);

    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static extern int SyncFs(SafeFileHandle fd);
}
