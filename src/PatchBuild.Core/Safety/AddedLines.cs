using System.Runtime.InteropServices;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Safety;

/// <summary>
/// The lines a change adds: lines of the planned text whose content the old text does not already hold.
/// Rules judge only these, so a patch that removes or moves a risky line is never blamed for it.
/// </summary>
/// <remarks>
/// Linear on purpose (rules must stay fast on large patches): the common head and tail are skipped, then a line in
/// the middle counts as added when the old middle has no unused line with the same content. A line merely moved
/// inside the file is therefore not "added", which is what a reviewer would say too.
/// </remarks>
public sealed class AddedLines
{
    private AddedLines(string[] lines, List<int> added)
    {
        AllLines = lines;
        Indexes = added;
    }

    /// <summary>Every line of the planned text.</summary>
    public string[] AllLines { get; }

    /// <summary>0-based indexes into <see cref="AllLines"/> of the added lines, ascending.</summary>
    public List<int> Indexes { get; }

    public static AddedLines Of(PlannedChange change) => Of(change.Before, change.After!);

    public static AddedLines Of(byte[]? before, byte[] after)
    {
        string[] newLines = SplitLines(FileEncoding.Decode(after).Text);
        if (before is null)
        {
            return new AddedLines(newLines, Enumerable.Range(0, newLines.Length).ToList());
        }

        string[] oldLines = SplitLines(FileEncoding.Decode(before).Text);
        int head = 0;
        while (head < oldLines.Length && head < newLines.Length && oldLines[head] == newLines[head])
        {
            head++;
        }

        int tail = 0;
        while (tail < oldLines.Length - head && tail < newLines.Length - head &&
               oldLines[oldLines.Length - 1 - tail] == newLines[newLines.Length - 1 - tail])
        {
            tail++;
        }

        var unused = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = head; i < oldLines.Length - tail; i++)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(unused, oldLines[i], out _)++;
        }

        var added = new List<int>();
        for (int i = head; i < newLines.Length - tail; i++)
        {
            ref int count = ref CollectionsMarshal.GetValueRefOrNullRef(unused, newLines[i]);
            if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count) && count > 0)
            {
                count--;
            }
            else
            {
                added.Add(i);
            }
        }

        return new AddedLines(newLines, added);
    }

    /// <summary>Splits on \n, \r\n and \r; the line after a final terminator is not a line.</summary>
    public static string[] SplitLines(string text)
    {
        // Not ReplaceLineEndings: it also breaks on \f and U+2028, which would shift line numbers.
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n' || c == '\r')
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return [.. lines];
    }

    /// <summary>
    /// Runs of consecutive added lines joined with '\n', so a rule can see a statement that spans lines;
    /// each block remembers the 0-based file line it starts at.
    /// </summary>
    public IEnumerable<(string Text, int FirstLine, int[] LineStarts)> Blocks()
    {
        int i = 0;
        while (i < Indexes.Count)
        {
            int start = i;
            while (i + 1 < Indexes.Count && Indexes[i + 1] == Indexes[i] + 1)
            {
                i++;
            }

            int first = Indexes[start];
            int count = i - start + 1;
            var starts = new int[count];
            var sb = new System.Text.StringBuilder();
            for (int k = 0; k < count; k++)
            {
                starts[k] = sb.Length;
                sb.Append(AllLines[first + k]);
                if (k < count - 1)
                {
                    sb.Append('\n');
                }
            }

            yield return (sb.ToString(), first, starts);
            i++;
        }
    }
}
