using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// Refuses, while planning, a path the file system could not create: a name longer than 255 bytes in UTF-8 (the
/// limit of ext4, APFS, NTFS and most others) or a whole path longer than the operating system accepts. Found only
/// at commit, such a path used to fail after the backups and journal entry were written.
/// </summary>
internal static class PathLengthRule
{
    public const int MaxNameBytes = 255;

    // PATH_MAX counts the terminating NUL: 4096 on Linux, 1024 on macOS and the BSDs. .NET lifts MAX_PATH on Windows.
    private static int MaxPathBytes =>
        OperatingSystem.IsWindows() ? 32_000 : OperatingSystem.IsLinux() ? 4095 : 1023;

    public static void Check(string rawPath, string relative, string fullPath)
    {
        foreach (string name in relative.Split('/'))
        {
            int bytes = Encoding.UTF8.GetByteCount(name);
            if (bytes > MaxNameBytes)
            {
                throw Refused(rawPath, $"its part '{Shorten(name)}' is {bytes} bytes long in UTF-8; file systems accept at most {MaxNameBytes}",
                    "Shorten the file or folder name.");
            }
        }

        int total = Encoding.UTF8.GetByteCount(fullPath);
        if (total > MaxPathBytes)
        {
            throw Refused(rawPath, $"the full path is {total} bytes long in UTF-8; this system accepts at most {MaxPathBytes}",
                "Use a shorter path, or apply from a root folder with a shorter path.");
        }
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..20] + "…" + name[^12..];

    private static PatchException Refused(string path, string why, string hint) =>
        new(new PatchError(ErrorCodes.InvalidFilePath, $"Refused path '{Shorten(path)}': {why}.")
        {
            File = path,
            Hint = hint + " Nothing was changed.",
        });
}
