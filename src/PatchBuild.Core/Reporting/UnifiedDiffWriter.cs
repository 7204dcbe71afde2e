using System.Text;
using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Reporting;

/// <summary>
/// Renders planned changes as a git-style unified diff (what dry-run prints and reports embed). The output is a
/// real patch: git apply takes it and writes the planned bytes, including final-newline changes, empty files, CRLF
/// and mixed line endings, and a byte order mark.
/// </summary>
public static class UnifiedDiffWriter
{
    private const string NoNewline = "\\ No newline at end of file\n";

    public static string Render(IEnumerable<PlannedChange> changes, int context = 3)
    {
        var sb = new StringBuilder();
        foreach (var change in changes)
        {
            if (change.AfterIsDirectory || change.BeforeIsDirectory)
            {
                sb.Append("# ").Append(change.Action.Word().Replace('_', ' ')).Append(' ').Append(change.Path.Relative).Append('\n');
                continue;
            }

            string? before = change.Before is null ? null : GitText(change.Before);
            string? after = change.After is null ? null : GitText(change.After);
            sb.Append(Render(change.Path.Relative, before, after, context));
        }

        return sb.ToString();
    }

    // The text git diffs: a UTF-8 byte order mark is the start of line 1, so adding or removing one shows.
    private static string GitText(byte[] bytes)
    {
        string text = FileEncoding.Decode(bytes).Text;
        return FileEncoding.Detect(bytes) == FileEncoding.Utf8Bom ? "\uFEFF" + text : text;
    }

    /// <summary>One file's diff; null before means created, null after means deleted.</summary>
    public static string Render(string path, string? before, string? after, int context = 3)
    {
        var oldSide = new Side(before ?? "");
        var newSide = new Side(after ?? "");
        var sb = new StringBuilder();
        sb.Append("diff --git ").Append(Quote("a/" + path)).Append(' ').Append(Quote("b/" + path)).Append('\n');
        if (before is null)
        {
            sb.Append("new file mode 100644\n");
        }
        else if (after is null)
        {
            sb.Append("deleted file mode 100644\n");
        }

        // Lines as git sees them (a CR before the newline is content, so a changed line ending is a changed line),
        // and a changed final newline counts as a change of the last line.
        string[] oldTokens = oldSide.Tokens();
        string[] newTokens = newSide.Tokens();
        var blocks = LineDiff.Compute(oldTokens, newTokens);
        if (blocks.Count == 0)
        {
            // An empty file created or deleted, or a change no line shows (a byte order mark): git writes no hunk.
            return sb.ToString();
        }

        string fileLinePath = path.Contains(' ') && !Quote(path).StartsWith('"') ? "\t" : "";
        sb.Append("--- ").Append(before is null ? "/dev/null" : Quote("a/" + path) + fileLinePath).Append('\n');
        sb.Append("+++ ").Append(after is null ? "/dev/null" : Quote("b/" + path) + fileLinePath).Append('\n');
        int i = 0;
        while (i < blocks.Count)
        {
            // Merge blocks whose context would overlap into one hunk.
            int j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStart - (blocks[j].DeleteStart + blocks[j].DeleteCount) <= 2 * context)
            {
                j++;
            }

            int oldStart = Math.Max(0, blocks[i].DeleteStart - context);
            int oldEnd = Math.Min(oldTokens.Length, blocks[j].DeleteStart + blocks[j].DeleteCount + context);
            int newStart = blocks[i].InsertStart - (blocks[i].DeleteStart - oldStart);
            int newEnd = blocks[j].InsertStart + blocks[j].InsertCount + (oldEnd - (blocks[j].DeleteStart + blocks[j].DeleteCount));

            sb.Append("@@ -").Append(Range(oldStart, oldEnd - oldStart)).Append(" +").Append(Range(newStart, newEnd - newStart)).Append(" @@\n");
            int a = oldStart;
            for (int k = i; k <= j; k++)
            {
                var block = blocks[k];
                for (; a < block.DeleteStart; a++)
                {
                    oldSide.Append(sb, ' ', a);
                }

                for (int d = 0; d < block.DeleteCount; d++, a++)
                {
                    oldSide.Append(sb, '-', a);
                }

                for (int n = 0; n < block.InsertCount; n++)
                {
                    newSide.Append(sb, '+', block.InsertStart + n);
                }
            }

            for (; a < oldEnd; a++)
            {
                oldSide.Append(sb, ' ', a);
            }

            i = j + 1;
        }

        return sb.ToString();
    }

    private static string Range(int start, int count) => count == 1 ? $"{start + 1}" : count == 0 ? $"{start},0" : $"{start + 1},{count}";

    /// <summary>git's quoting of unusual names: C escapes and octal UTF-8 bytes inside double quotes.</summary>
    internal static string Quote(string path)
    {
        if (!path.Any(c => c is '"' or '\\' || c < ' ' || c >= '\u007f'))
        {
            return path;
        }

        var sb = new StringBuilder("\"");
        foreach (byte b in Encoding.UTF8.GetBytes(path))
        {
            switch (b)
            {
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                default:
                    if (b < 0x20 || b >= 0x7f)
                    {
                        sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    }
                    else
                    {
                        sb.Append((char)b);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>One side's lines as git splits them (at "\n" only), written as diff body lines.</summary>
    private sealed class Side
    {
        private readonly string[] _lines;
        private readonly bool _endsWithNewline;

        public Side(string text)
        {
            _endsWithNewline = text.EndsWith('\n');
            _lines = text.Length == 0 ? [] : (_endsWithNewline ? text[..^1] : text).Split('\n');
        }

        // A line never holds '\n', so the mark of a last line without one cannot collide with real text.
        public string[] Tokens()
        {
            var tokens = (string[])_lines.Clone();
            if (tokens.Length > 0 && !_endsWithNewline)
            {
                tokens[^1] += "\n";
            }

            return tokens;
        }

        public void Append(StringBuilder sb, char marker, int index)
        {
            sb.Append(marker).Append(_lines[index]).Append('\n');
            if (index == _lines.Length - 1 && !_endsWithNewline)
            {
                sb.Append(NoNewline);
            }
        }
    }
}
