using Microsoft.Win32.SafeHandles;

namespace PatchBuild.Core.Workspace;

/// <summary>
/// The one way PatchBuild replaces a file: the bytes go to a temp file beside the target (<see cref="TempFileName"/>,
/// which recovery knows how to sweep), are flushed to disk, then take the target's place in one rename. A reader, a
/// crash or a concurrent git commit sees the old file or the new one, never part of one.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Replaces (or creates) <paramref name="fullPath"/>; the folder is created when missing.</summary>
    /// <param name="mode">Unix permissions for the result; null keeps those of the file being replaced.</param>
    public static void Write(string fullPath, byte[] bytes, UnixFileMode? mode = null)
    {
        string? folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        string temp = TempFileName.For(fullPath);
        try
        {
            WriteFlushed(temp, bytes);
            MoveIntoPlace(temp, fullPath, mode);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Writes a new file (never an existing one: CreateNew) and waits until its bytes are on disk.</summary>
    public static void WriteFlushed(string path, byte[] bytes)
    {
        // One flush at the end: write-through as well would wait for the disk twice.
        using var handle = CreateTemp(path);
        RandomAccess.Write(handle, bytes, 0);
        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>
    /// Creates a temp file for writing (never an existing one: CreateNew). Its name is unique to this process, so
    /// no other process opens it: it needs no share lock.
    /// </summary>
    public static SafeFileHandle CreateTemp(string path) =>
        File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>
    /// Makes the renames and deletions made in <paramref name="folders"/> durable: each distinct folder is flushed
    /// once (POSIX keeps a folder's entries apart from its files' bytes). On ext4 the first flush commits the
    /// journal that holds all of them and the rest find nothing left to do. Windows has no such call and needs
    /// none (NTFS journals its metadata); a folder that cannot be opened is left to the file system.
    /// </summary>
    public static void FlushFolders(IEnumerable<string> folders)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (string folder in folders.Distinct(StringComparer.Ordinal))
        {
            FolderFlush.TryFlush(folder);
        }
    }

    /// <summary>Renames a flushed temp file over its target, giving it the target's permissions (or <paramref name="mode"/>) first.</summary>
    public static void MoveIntoPlace(string temp, string fullPath, UnixFileMode? mode = null)
    {
        if (!OperatingSystem.IsWindows())
        {
            if (mode is { } given)
            {
                File.SetUnixFileMode(temp, given);
            }
            else if (new FileInfo(fullPath) is { Exists: true } target)
            {
                File.SetUnixFileMode(temp, target.UnixFileMode);
            }
        }

        File.Move(temp, fullPath, overwrite: true);
    }
}
