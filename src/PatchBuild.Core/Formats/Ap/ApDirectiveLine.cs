namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// The shape of a line that may be a directive: an 8-hex-digit ID, a keyword, and the rest of the line.
/// Whether it really is one depends on the patch's ID, which <see cref="ApDirectiveReader"/> decides.
/// </summary>
internal sealed record ApDirectiveLine(int Index, string Id, string Written, ApKeyword Keyword, string Canonical, string Args)
{
    /// <summary>1-based line number in the patch text.</summary>
    public int Line => Index + 1;

    public bool HadTrailingColon { get; init; }

    /// <summary>The line carries an ID other than the patch's (an AI that "regenerated" the ID mid-patch).</summary>
    public bool IsDrift { get; init; }

    public bool HasWrongCase => Keyword != ApKeyword.Unknown && !string.Equals(Written, Canonical, StringComparison.Ordinal);
}

internal static class ApDirectiveReader
{
    public const int IdLength = 8;

    // A tolerated (semantic) ID is one word: letters, digits, '_' or '-', at most this long.
    private const int MaxIdLength = 64;

    /// <summary>
    /// Reads a line as a directive of the patch whose ID is <paramref name="patchId"/>. A line with the patch's own
    /// ID is a directive whatever its keyword (unknown ones are reported later). A line with another 8-hex-digit ID is
    /// a directive only when <paramref name="allowDrift"/> and its keyword is known; otherwise it is content.
    /// </summary>
    public static ApDirectiveLine? Read(string line, int index, string patchId, bool allowDrift)
    {
        if (line.Length > patchId.Length && IsBlank(line[patchId.Length])
            && line.AsSpan(0, patchId.Length).Equals(patchId, StringComparison.OrdinalIgnoreCase))
        {
            return Shape(line, index, patchId.Length);
        }

        if (!allowDrift)
        {
            return null;
        }

        var shape = ReadShape(line, index);
        return shape is { Keyword: not ApKeyword.Unknown and not ApKeyword.Header } ? shape with { IsDrift = true } : null;
    }

    /// <summary>A line that could start an ap patch without knowing its ID: a header, or any known directive.</summary>
    public static ApDirectiveLine? ReadAnyKnown(string line, int index)
    {
        var shape = ReadShape(line, index);
        return shape is { Keyword: not ApKeyword.Unknown } ? shape : null;
    }

    /// <summary>
    /// Tolerant discovery of the patch's ID (spec 3.6, missing header): a header "[id] AP x.y" or a FILE or action
    /// directive, whatever the ID's spelling ("fix_bug", "t3st0038"). Lines with an 8-hex-digit ID qualify with any
    /// known keyword, as in <see cref="ReadAnyKnown"/>.
    /// </summary>
    public static ApDirectiveLine? ReadAnyId(string line, int index)
    {
        if (ReadAnyKnown(line, index) is { } hex)
        {
            return hex;
        }

        int end = 0;
        while (end < line.Length && end <= MaxIdLength && (char.IsAsciiLetterOrDigit(line[end]) || line[end] is '_' or '-'))
        {
            end++;
        }

        if (end == 0 || end > MaxIdLength || end >= line.Length || !IsBlank(line[end]))
        {
            return null;
        }

        var shape = Shape(line, index, end);
        bool startsPatch = shape.Keyword == ApKeyword.Header
            || shape.Keyword == ApKeyword.File
            || (ApKeywords.IsAction(shape.Keyword) && shape.Args.Length == 0);
        return startsPatch && !shape.HasWrongCase ? shape : null;
    }

    private static ApDirectiveLine? ReadShape(string line, int index)
    {
        if (line.Length < IdLength || !IsHexId(line.AsSpan(0, IdLength)))
        {
            return null;
        }

        if (line.Length > IdLength && !IsBlank(line[IdLength]))
        {
            return null;
        }

        return Shape(line, index, IdLength);
    }

    private static ApDirectiveLine Shape(string line, int index, int idLength)
    {
        var rest = line.AsSpan(idLength).Trim(" \t");
        int wordEnd = rest.IndexOfAny(' ', '\t');
        var word = wordEnd < 0 ? rest : rest[..wordEnd];
        string args = wordEnd < 0 ? "" : rest[wordEnd..].Trim(" \t").ToString();
        bool colon = false;
        if (word.Length > 1 && word[^1] == ':')
        {
            word = word[..^1];
            colon = true;
        }
        else if (args == ":")
        {
            // "REPLACE :" is the same slip as "REPLACE:".
            args = "";
            colon = true;
        }

        string written = word.ToString();
        var keyword = ApKeywords.Find(written, out string canonical);
        return new ApDirectiveLine(index, line[..idLength], written, keyword, canonical, args) { HadTrailingColon = colon };
    }

    public static bool IsHexId(ReadOnlySpan<char> text)
    {
        if (text.Length != IdLength)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsBlank(char c) => c is ' ' or '\t';
}
