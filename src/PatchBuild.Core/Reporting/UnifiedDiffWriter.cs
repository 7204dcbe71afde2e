using System.Text;
using DiffPlex;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Reporting;

/// <summary>Renders planned changes as a git-style unified diff (what dry-run prints and reports embed).</summary>
public static class UnifiedDiffWriter
{
    public static string Render(IEnumerable<PlannedChange> changes, int context = 3)
    {
        var sb = new StringBuilder();
        foreach (var change in changes)
        {
            if (change.AfterIsDirectory || change.BeforeIsDirectory)
            {
                sb.Append("# ").Append(change.Action.Replace('_', ' ')).Append(' ').Append(change.Path.Relative).Append('\n');
                continue;
            }

            string? before = change.Before is null ? null : FileEncoding.Decode(change.Before).Text;
            string? after = change.After is null ? null : FileEncoding.Decode(change.After).Text;
            sb.Append(Render(change.Path.Relative, before, after, context));
        }

        return sb.ToString();
    }

    /// <summary>One file's diff; null before means created, null after means deleted.</summary>
    public static string Render(string path, string? before, string? after, int context = 3)
    {
        var oldDoc = TextDocument.Parse(before ?? "");
        var newDoc = TextDocument.Parse(after ?? "");
        var oldLines = oldDoc.Lines;
        var newLines = newDoc.Lines;

        var sb = new StringBuilder();
        sb.Append("diff --git a/").Append(path).Append(" b/").Append(path).Append('\n');
        if (before is null)
        {
            sb.Append("new file mode 100644\n");
        }
        else if (after is null)
        {
            sb.Append("deleted file mode 100644\n");
        }

        sb.Append("--- ").Append(before is null ? "/dev/null" : "a/" + path).Append('\n');
        sb.Append("+++ ").Append(after is null ? "/dev/null" : "b/" + path).Append('\n');

        var diff = new Differ().CreateLineDiffs(string.Join("\n", oldLines), string.Join("\n", newLines), ignoreWhitespace: false);
        var blocks = diff.DiffBlocks;
        int i = 0;
        while (i < blocks.Count)
        {
            // Merge blocks whose context would overlap into one hunk.
            int j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * context)
            {
                j++;
            }

            int oldStart = Math.Max(0, blocks[i].DeleteStartA - context);
            int oldEnd = Math.Min(oldLines.Count, blocks[j].DeleteStartA + blocks[j].DeleteCountA + context);
            int newStart = blocks[i].InsertStartB - (blocks[i].DeleteStartA - oldStart);
            int newEnd = blocks[j].InsertStartB + blocks[j].InsertCountB + (oldEnd - (blocks[j].DeleteStartA + blocks[j].DeleteCountA));

            sb.Append("@@ -").Append(Range(oldStart, oldEnd - oldStart)).Append(" +").Append(Range(newStart, newEnd - newStart)).Append(" @@\n");
            int a = oldStart;
            for (int k = i; k <= j; k++)
            {
                var block = blocks[k];
                for (; a < block.DeleteStartA; a++)
                {
                    AppendLine(sb, ' ', oldLines[a], a == oldLines.Count - 1 && !oldDoc.EndsWithNewline && before is not null);
                }

                for (int d = 0; d < block.DeleteCountA; d++, a++)
                {
                    AppendLine(sb, '-', oldLines[a], a == oldLines.Count - 1 && !oldDoc.EndsWithNewline);
                }

                for (int n = 0; n < block.InsertCountB; n++)
                {
                    int b = block.InsertStartB + n;
                    AppendLine(sb, '+', newLines[b], b == newLines.Count - 1 && !newDoc.EndsWithNewline);
                }
            }

            for (; a < oldEnd; a++)
            {
                AppendLine(sb, ' ', oldLines[a], a == oldLines.Count - 1 && !oldDoc.EndsWithNewline);
            }

            i = j + 1;
        }

        return sb.ToString();
    }

    private static string Range(int start, int count) => count == 1 ? $"{start + 1}" : count == 0 ? $"{start},0" : $"{start + 1},{count}";

    private static void AppendLine(StringBuilder sb, char marker, string line, bool noNewline)
    {
        sb.Append(marker).Append(line).Append('\n');
        if (noNewline)
        {
            sb.Append("\\ No newline at end of file\n");
        }
    }
}
