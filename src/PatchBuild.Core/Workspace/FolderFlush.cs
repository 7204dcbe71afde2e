using System.Runtime.InteropServices;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// fsync of a folder on Unix, which .NET does not offer (it refuses to open a folder as a file). The C library's
/// open, fsync and close are called directly; open with O_RDONLY (0 on Linux and macOS) is how POSIX reads a folder.
/// Best effort: where the call is missing or refused, the file system's own ordering is all there is, as before.
/// </summary>
internal static class FolderFlush
{
    private const int ReadOnly = 0;

    public static bool TryFlush(string folder)
    {
        try
        {
            int fd = Open(folder, ReadOnly);
            if (fd < 0)
            {
                return false;
            }

            try
            {
                return Fsync(fd) == 0;
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
