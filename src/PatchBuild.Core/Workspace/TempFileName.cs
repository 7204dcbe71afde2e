namespace PatchBuild.Core.Workspace;

/// <summary>
/// The name of the temp file a target is written to before it is renamed over the target, and the pattern that finds
/// such files after a crash. The target's name is shortened so a long file name still leaves a temp name the file
/// system accepts (255 bytes on most, counted in UTF-8).
/// </summary>
internal static class TempFileName
{
    private const int KeptNameLength = 80;

    public static string For(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath) ?? ".", $".{Stem(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.pbtmp");

    /// <summary>A search pattern for <see cref="Directory.EnumerateFiles(string, string)"/> in the target's folder.</summary>
    public static string PatternFor(string fullPath) => $".{Stem(fullPath)}.*.pbtmp";

    // Counted in UTF-8 bytes, as file systems count: 80 characters of a CJK name are 240 bytes.
    private static string Stem(string fullPath)
    {
        string name = Path.GetFileName(fullPath);
        if (System.Text.Encoding.UTF8.GetByteCount(name) <= KeptNameLength)
        {
            return name;
        }

        int bytes = 0, end = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > KeptNameLength)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }

        return name[..end];
    }
}
