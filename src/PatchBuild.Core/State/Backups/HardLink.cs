using System.Runtime.InteropServices;

namespace PatchBuild.Core.State.Backups;

/// <summary>
/// A second name for an existing file (a hard link): the bytes are not copied, and they stay on disk after the first
/// name is replaced by a rename. .NET has no managed API for it; the runtime's own native shim (Unix) and kernel32
/// (Windows) do. Where links are impossible (another volume, FAT, a file system or policy that refuses them), the
/// caller falls back to copying.
/// </summary>
internal static class HardLink
{
    public static bool TryCreate(string existingFile, string newName)
    {
        try
        {
            return OperatingSystem.IsWindows()
                ? CreateHardLinkW(newName, existingFile, IntPtr.Zero)
                : SystemNativeLink(existingFile, newName) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Link", SetLastError = true)]
    private static extern int SystemNativeLink([MarshalAs(UnmanagedType.LPUTF8Str)] string source, [MarshalAs(UnmanagedType.LPUTF8Str)] string linkTarget);

    [DllImport("kernel32.dll", EntryPoint = "CreateHardLinkW", SetLastError = true, CharSet = CharSet.Unicode)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CreateHardLinkW(string newFileName, string existingFileName, IntPtr securityAttributes);
}
