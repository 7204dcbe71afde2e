namespace PatchBuild.Core.Checks;

/// <summary>
/// Finds merge conflicts left in a file. A file counts only when a '&lt;&lt;&lt;&lt;&lt;&lt;&lt;' line is followed
/// later by a '&gt;&gt;&gt;&gt;&gt;&gt;&gt;' line, so a Markdown '=======' underline or a lone marker quoted in
/// documentation does not block a commit. Works on bytes in one pass: no decoding, no regex.
/// </summary>
public static class ConflictMarkerScanner
{
    private const int MarkerLength = 7;

    /// <summary>The 1-based line of the first '&lt;&lt;&lt;&lt;&lt;&lt;&lt;' of a complete conflict, or null.</summary>
    public static int? FindConflict(ReadOnlySpan<byte> content)
    {
        if (LooksBinary(content))
        {
            return null;
        }

        int line = 1;
        int? openLine = null;
        int start = 0;
        while (start <= content.Length)
        {
            int length = content[start..].IndexOf((byte)'\n');
            var text = length < 0 ? content[start..] : content.Slice(start, length);
            if (openLine is null && IsMarker(text, (byte)'<'))
            {
                openLine = line;
            }
            else if (openLine is not null && IsMarker(text, (byte)'>'))
            {
                return openLine;
            }

            if (length < 0)
            {
                break;
            }

            start += length + 1;
            line++;
        }

        return null;
    }

    // git writes exactly seven marker characters, then a space and a label, or the end of the line.
    private static bool IsMarker(ReadOnlySpan<byte> line, byte marker)
    {
        if (line.Length < MarkerLength)
        {
            return false;
        }

        for (int i = 0; i < MarkerLength; i++)
        {
            if (line[i] != marker)
            {
                return false;
            }
        }

        return line.Length == MarkerLength || line[MarkerLength] is (byte)' ' or (byte)'\r' or (byte)'\t';
    }

    // The same test git uses: a NUL in the first 8000 bytes means binary.
    private static bool LooksBinary(ReadOnlySpan<byte> content) => content[..Math.Min(content.Length, 8000)].IndexOf((byte)0) >= 0;
}
