using System.Globalization;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Planning;

/// <summary>
/// Keeps a file that is not UTF-8 (Latin-1, Windows-1252, …) in one encoding. Its bytes survive any edit (see
/// <see cref="FileEncoding"/>), but text an ap patch or a JSON operation writes is UTF-8, and non-ASCII text written
/// into such a file would leave it half in one encoding and half in another. Unified diffs are exempt: they carry
/// bytes, and write exactly the bytes they hold, as git apply does.
/// </summary>
internal static class EncodingGuard
{
    public static void RefuseMixedEncodings(TextDocument before, TextDocument after, FileChange change, WorkspacePath path)
    {
        // (One vectorised scan of the text, or of each line of a split document: no copy of the file is made.)
        if (ReferenceEquals(before, after) || before.Encoding.IsUtf16 || change.Modifications.All(m => m is HunkModification) ||
            !before.HasEscapedBytes())
        {
            return;
        }

        var oldLines = before.Lines;
        int escaped = FirstEscapedLine(oldLines);
        if (escaped < 0)
        {
            return;
        }

        // A UTF-8 file with a stray invalid byte is still UTF-8: UTF-8 text belongs in it.
        if (oldLines.Any(line => FirstNonAsciiText(line) >= 0))
        {
            return;
        }

        var newLines = after.Lines;
        foreach (var run in LineDiff.Compute(oldLines, newLines))
        {
            for (int i = run.InsertStart; i < run.InsertStart + run.InsertCount; i++)
            {
                int at = FirstNonAsciiText(newLines[i]);
                if (at < 0)
                {
                    continue;
                }

                string character = char.IsSurrogate(newLines[i][at]) && at + 1 < newLines[i].Length ? newLines[i].Substring(at, 2) : newLines[i][at].ToString();
                byte sample = (byte)(oldLines[escaped].First(FileEncoding.IsEscapedByte) - '\uDC80' + 0x80);
                throw new PatchException(new PatchError(ErrorCodes.Encoding,
                    $"'{path.Relative}' is not UTF-8 (line {escaped + 1} holds the byte 0x{sample.ToString("X2", CultureInfo.InvariantCulture)}, as Latin-1 or Windows-1252 text does), and the patch writes the non-ASCII text '{character}' into its line {i + 1}: the file would mix two encodings.")
                {
                    File = path.Relative,
                    Hint = "Convert the file to UTF-8 first, or write the new text in ASCII (in C#, an escape such as \\u00E9). A unified diff made from the file's own bytes (git diff) applies as it is.",
                    Context = new Dictionary<string, object?> { ["line"] = i + 1, ["encoding"] = "not UTF-8" },
                });
            }
        }
    }

    private static int FirstEscapedLine(List<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (FileEncoding.HasEscapedBytes(lines[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int FirstNonAsciiText(string line)
    {
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] >= 0x80 && !FileEncoding.IsEscapedByte(line[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
