using System.Runtime.InteropServices;
using System.Text;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// readlink(2) without a FileInfo: every path component of every checked path is read as a link (thousands per
/// large commit), and a FileInfo per component made a full path and an object each time only to learn "not a link".
/// Only the plain answers are given here (a target; null for an entry that is no link or is missing, as .NET gives);
/// anything else (a denied folder, a loop, a target longer than the buffer) is left to
/// <see cref="FileInfo.LinkTarget"/>, so errors keep .NET's exceptions.
/// </summary>
internal static class LinkReader
{
    // Linux errno values that FileInfo.LinkTarget also answers with null: not a link, no such entry, a file where a
    // folder was named on the way.
    private const int EINVAL = 22;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    /// <summary>A target as long as a Linux path may be, one per thread: reads never allocate it again.</summary>
    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>True with the link's target, or with null for an entry that is not a link; false when undecided.</summary>
    public static bool TryRead(string path, out string? target)
    {
        target = null;
        if (path.Contains('\0'))
        {
            return false; // the C call would read a shorter path; .NET refuses the name
        }

        var buffer = t_buffer ??= new byte[4096];
        try
        {
            nint length = ReadLink(path, buffer, buffer.Length);
            if (length >= 0)
            {
                if (length >= buffer.Length)
                {
                    return false; // may be cut short: let .NET read it whole
                }

                target = Encoding.UTF8.GetString(buffer, 0, (int)length);
                return true;
            }

            return Marshal.GetLastPInvokeError() is EINVAL or ENOENT or ENOTDIR;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
    private static extern nint ReadLink([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer, nint size);
}
