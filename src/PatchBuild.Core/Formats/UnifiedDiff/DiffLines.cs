namespace PatchBuild.Core.Formats.UnifiedDiff;

/// <summary>
/// A diff's lines with a cursor. A trailing CR is dropped from every line, so a diff saved with CRLF (or made
/// from CRLF files) reads like any other; target files are compared without terminators too.
/// </summary>
internal sealed class DiffLines
{
    private readonly string[] _lines;

    public DiffLines(string text, string? sourcePath)
    {
        SourcePath = sourcePath;
        var lines = text.Split('\n');
        int count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        _lines = new string[count];
        for (int i = 0; i < count; i++)
        {
            string line = lines[i];
            _lines[i] = line.EndsWith('\r') ? line[..^1] : line;
        }
    }

    public string? SourcePath { get; }

    public int Index { get; set; }

    public int Count => _lines.Length;

    public string Current => _lines[Index];

    /// <summary>1-based line number of <see cref="Current"/> in the patch.</summary>
    public int LineNumber => Index + 1;

    public string this[int index] => _lines[index];

    /// <summary>A "--- " line directly followed by a "+++ " line.</summary>
    public bool AtPlainFileHeader => IsPlainFileHeader(Index);

    public bool IsPlainFileHeader(int index) =>
        index + 1 < _lines.Length &&
        _lines[index].StartsWith("--- ", StringComparison.Ordinal) &&
        _lines[index + 1].StartsWith("+++ ", StringComparison.Ordinal);

    /// <summary>The patch text of lines [from, to), for a modification's raw text.</summary>
    public string Slice(int from, int to)
    {
        // One allocation for the whole section (a large diff's sections add up to the diff's size).
        long length = 0;
        for (int i = from; i < to; i++)
        {
            length += _lines[i].Length + 1;
        }

        return string.Create(checked((int)length), (_lines, from, to), static (chars, state) =>
        {
            int at = 0;
            for (int i = state.from; i < state.to; i++)
            {
                string line = state._lines[i];
                line.CopyTo(chars[at..]);
                at += line.Length;
                chars[at++] = '\n';
            }
        });
    }
}
