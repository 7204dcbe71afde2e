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
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
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
            else if (File.Exists(fullPath))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(fullPath));
            }
        }

        File.Move(temp, fullPath, overwrite: true);
    }
}
