using System.Runtime.InteropServices;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// Tells a named pipe, socket or device from a regular file without opening it: opening a FIFO for reading blocks
/// until some writer appears (a run would hang), and reading a device may never end. .NET reports all of them as
/// ordinary files, so the type comes from stat(2), through the runtime's own native shim (libSystem.Native, shipped
/// with every .NET runtime on Unix), whose result starts with two ints: flags, then the mode with its type bits.
/// </summary>
public static class SpecialFiles
{
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int BlockDevice = 0x6000;
    private const int Socket = 0xC000;

    private static bool s_nativeUnavailable;

    /// <summary>
    /// What the path names (following symbolic links) when it is neither a regular file nor a folder: "a named pipe
    /// (FIFO)", "a socket", "a character device", "a block device"; null for regular files, folders and absent paths.
    /// </summary>
    public static string? Describe(string fullPath)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                return File.Exists(fullPath) && (File.GetAttributes(fullPath) & FileAttributes.Device) != 0 ? "a device" : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        if (s_nativeUnavailable)
        {
            return null;
        }

        int mode;
        try
        {
            var status = default(NativeFileStatus);
            if (Stat(fullPath, ref status) != 0)
            {
                return null;
            }

            mode = status.Mode;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A runtime without the shim: keep working as before rather than refuse every file.
            s_nativeUnavailable = true;
            return null;
        }

        return (mode & TypeMask) switch
        {
            Fifo => "a named pipe (FIFO)",
            Socket => "a socket",
            CharacterDevice => "a character device",
            BlockDevice => "a block device",
            _ => null,
        };
    }

    /// <summary>Throws INVALID_FILE_PATH when <paramref name="fullPath"/> names a pipe, socket or device.</summary>
    public static void EnsureNotSpecial(string fullPath, string shownPath, bool isPatchFile = false)
    {
        if (Describe(fullPath) is { } what)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidFilePath, $"Refused path '{shownPath}': it is {what}, not a regular file.")
            {
                File = isPatchFile ? null : shownPath,
                PatchFile = isPatchFile ? shownPath : null,
                Hint = isPatchFile
                    ? "Pass the patch as a regular file; PatchBuild never reads pipes, sockets or devices (reading one could wait forever)."
                    : "Patches read and write regular files only; PatchBuild never opens pipes, sockets or devices (reading one could wait forever). Nothing was changed.",
            });
        }
    }

    // The shim fills a FileStatus of about 130 bytes today; the buffer leaves room for fields later runtimes add.
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref NativeFileStatus output);
}
