using System.Text;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Reporting;

/// <summary>
/// Renders planned changes as a git-style unified diff (what dry-run prints and reports embed). The output is a
/// real patch: git apply takes it, including final-newline changes, empty files and CRLF files.
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

        // Compare lines without terminators, but let a changed final newline or a changed line ending style count
        // as a change of the lines concerned, as git sees it.
        bool newlineStyleChanged = before is not null && after is not null && oldDoc.Lines.Count > 0 && newDoc.Lines.Count > 0 && oldDoc.Newline != newDoc.Newline;
        string[] oldTokens = Tokens(oldDoc, "");
        string[] newTokens = Tokens(newDoc, newlineStyleChanged ? "\r" : "");
        var blocks = LineDiff.Compute(oldTokens, newTokens);
        if (blocks.Count == 0)
        {
            // An empty file created or deleted, or a change no line shows (a byte order mark): git writes no hunk.
            return sb.ToString();
        }

        string fileLinePath = path.Contains(' ') && !Quote(path).StartsWith('"') ? "\t" : "";
        sb.Append("--- ").Append(before is null ? "/dev/null" : Quote("a/" + path) + fileLinePath).Append('\n');
        sb.Append("+++ ").Append(after is null ? "/dev/null" : Quote("b/" + path) + fileLinePath).Append('\n');
        var oldSide = new Side(oldDoc);
        var newSide = new Side(newDoc);
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

    // Lines never hold '\n' or '\r', so these marks cannot collide with real text.
    private static string[] Tokens(TextDocument doc, string prefix)
    {
        var tokens = new string[doc.Lines.Count];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = prefix + doc.Lines[i];
        }

        if (tokens.Length > 0 && !doc.EndsWithNewline)
        {
            tokens[^1] += "\n";
        }

        return tokens;
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

    /// <summary>One side's lines as diff body lines: CRLF files keep their CR (as git shows them), a last line without newline gets the marker.</summary>
    private sealed class Side(TextDocument doc)
    {
        private readonly string _cr = doc.Newline == "\r\n" ? "\r" : "";

        public void Append(StringBuilder sb, char marker, int index)
        {
            bool last = index == doc.Lines.Count - 1;
            sb.Append(marker).Append(doc.Lines[index]);
            if (last && !doc.EndsWithNewline)
            {
                sb.Append('\n').Append(NoNewline);
            }
            else
            {
                sb.Append(_cr).Append('\n');
            }
        }
    }
}
